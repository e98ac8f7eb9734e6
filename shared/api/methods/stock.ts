import { z } from 'zod'
import { stockPolicies } from '../../core/schema.ts'
import type * as V from '../views.ts'
import { method, returns } from '../method.ts'
import { adjustReasons, category, id, page, qty } from './fields.ts'

// Stock: escrow rights here and in the chain, restocks, adjustments, transfers, requests.

export const stockMethods = {
  'stock.get': method('cashier', z.strictObject({ productId: id }), returns<V.StockView>()),
  'stock.list': method(
    'cashier',
    z.strictObject({
      ...page,
      query: z.string().max(200).default(''),
      lowOnly: z.boolean().default(false),
      /** Only this category's products. */
      category: category.optional(),
    }),
    returns<{ items: V.StockRow[]; total: number }>(),
  ),
  'stock.restock': method(
    'manager',
    z.strictObject({ productId: id, qty, note: z.string().max(500).optional() }),
    returns<V.EventRef>(),
  ),
  'stock.adjust': method(
    'manager',
    z.strictObject({
      productId: id,
      delta: z
        .int()
        .min(-1_000_000)
        .max(1_000_000)
        .refine((n) => n !== 0, 'must not be zero'),
      reason: z.enum(adjustReasons),
      note: z.string().max(500).optional(),
    }),
    returns<V.EventRef>(),
  ),
  'stock.transfer': method(
    'manager',
    z.strictObject({
      productId: id,
      toReplicaId: id,
      qty,
      requestId: id.optional(),
      note: z.string().max(500).optional(),
    }),
    returns<V.EventRef>(),
  ),
  'stock.request': method(
    'cashier',
    z.strictObject({ productId: id, qty, donorReplicaId: id.optional() }),
    returns<V.EventRef>(),
  ),
  'stock.cancelRequest': method('manager', z.strictObject({ requestId: id }), returns<V.EventRef>()),
  'stock.setPolicy': method(
    'manager',
    z.strictObject({ productId: id, policy: z.enum(stockPolicies) }),
    returns<V.ProductView>(),
  ),
} as const
