import { z } from 'zod'
import { stockPolicies } from '../../core/schema.ts'
import type { Access } from '../roles.ts'
import type * as V from '../views.ts'
import { adjustReasons, id, page, qty } from './fields.ts'

// Stock: escrow rights here and in the chain, restocks, adjustments, transfers, requests.

export const stockInputs = {
  'stock.get': z.strictObject({ productId: id }),
  'stock.list': z.strictObject({
    ...page,
    query: z.string().max(200).default(''),
    lowOnly: z.boolean().default(false),
  }),
  'stock.restock': z.strictObject({ productId: id, qty, note: z.string().max(500).optional() }),
  'stock.adjust': z.strictObject({
    productId: id,
    delta: z
      .int()
      .min(-1_000_000)
      .max(1_000_000)
      .refine((n) => n !== 0, 'must not be zero'),
    reason: z.enum(adjustReasons),
    note: z.string().max(500).optional(),
  }),
  'stock.transfer': z.strictObject({
    productId: id,
    toReplicaId: id,
    qty,
    requestId: id.optional(),
    note: z.string().max(500).optional(),
  }),
  'stock.request': z.strictObject({ productId: id, qty, donorReplicaId: id.optional() }),
  'stock.cancelRequest': z.strictObject({ requestId: id }),
  'stock.setPolicy': z.strictObject({ productId: id, policy: z.enum(stockPolicies) }),
} as const

export interface StockOutputs {
  'stock.get': V.StockView
  'stock.list': { items: V.StockRow[]; total: number }
  'stock.restock': V.EventRef
  'stock.adjust': V.EventRef
  'stock.transfer': V.EventRef
  'stock.request': V.EventRef
  'stock.cancelRequest': V.EventRef
  'stock.setPolicy': V.ProductView
}

export const stockAccess = {
  'stock.get': 'cashier',
  'stock.list': 'cashier',
  'stock.restock': 'manager',
  'stock.adjust': 'manager',
  'stock.transfer': 'manager',
  'stock.request': 'cashier',
  'stock.cancelRequest': 'manager',
  'stock.setPolicy': 'manager',
} as const satisfies Record<keyof typeof stockInputs, Access>
