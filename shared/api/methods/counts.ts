import { z } from 'zod'
import type { Access } from '../roles.ts'
import type * as V from '../views.ts'
import { approval, empty, id, idempotencyKey, text } from './fields.ts'

// Stock counts, posted as adjustments counted − expected at the moment of counting.

export const countsInputs = {
  'counts.start': z.strictObject({
    idempotencyKey,
    name: text(100),
    scope: z.union([
      z.strictObject({ productIds: z.array(id).min(1).max(100_000) }),
      z.strictObject({ everything: z.literal(true) }),
      z.strictObject({ countedMoreThanDaysAgo: z.int().min(1).max(3650) }),
    ]),
    blind: z.boolean().default(false),
  }),
  'counts.record': z.strictObject({
    idempotencyKey,
    countId: id,
    productId: id,
    countedQty: z.int().min(0).max(1_000_000),
  }),
  'counts.get': z.strictObject({ countId: id }),
  'counts.post': z.strictObject({ idempotencyKey, countId: id, approval: approval.optional() }),
  'counts.list': empty,
} as const

export interface CountsOutputs {
  'counts.start': V.CountView
  'counts.record': V.CountLineView
  'counts.get': V.CountView
  'counts.post': V.CountView
  'counts.list': { items: V.CountSummaryView[] }
}

export const countsAccess = {
  'counts.start': 'cashier',
  'counts.record': 'cashier',
  'counts.get': 'cashier',
  'counts.post': 'cashier',
  'counts.list': 'cashier',
} as const satisfies Record<keyof typeof countsInputs, Access>
