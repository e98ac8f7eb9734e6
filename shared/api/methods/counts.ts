import { z } from 'zod'
import type * as V from '../views.ts'
import { method, returns } from '../method.ts'
import { approval, category, empty, id, idempotencyKey, text } from './fields.ts'

// Stock counts, posted as adjustments counted − expected at the moment of counting.

export const countsMethods = {
  'counts.start': method(
    'cashier',
    z.strictObject({
      idempotencyKey,
      name: text(100),
      scope: z.union([
        z.strictObject({ productIds: z.array(id).min(1).max(100_000) }),
        z.strictObject({ everything: z.literal(true) }),
        z.strictObject({ countedMoreThanDaysAgo: z.int().min(1).max(3650) }),
        z.strictObject({ category: category.min(1) }),
      ]),
      blind: z.boolean().default(false),
    }),
    returns<V.CountView>(),
  ),
  'counts.record': method(
    'cashier',
    z.strictObject({
      idempotencyKey,
      countId: id,
      productId: id,
      countedQty: z.int().min(0).max(1_000_000),
    }),
    returns<V.CountLineView>(),
  ),
  'counts.get': method('cashier', z.strictObject({ countId: id }), returns<V.CountView>()),
  'counts.post': method(
    'cashier',
    z.strictObject({ idempotencyKey, countId: id, approval: approval.optional() }),
    returns<V.CountView>(),
  ),
  'counts.list': method('cashier', empty, returns<{ items: V.CountSummaryView[] }>()),
} as const
