import { z } from 'zod'
import type * as V from '../views.ts'
import { method, returns } from '../method.ts'
import { empty, id, idempotencyKey, qty, text } from './fields.ts'

// Carts put aside and recalled on any of the store's tills.

export const parkedMethods = {
  'parked.park': method(
    'cashier',
    z.strictObject({
      idempotencyKey,
      name: text(100),
      lines: z
        .array(z.strictObject({ productId: id, qty }))
        .min(1)
        .max(500),
      customer: text(200).optional(),
    }),
    returns<V.ParkedCartView>(),
  ),
  'parked.list': method('cashier', empty, returns<{ items: V.ParkedCartView[] }>()),
  'parked.recall': method(
    'cashier',
    z.strictObject({ idempotencyKey, parkId: id }),
    returns<V.ParkedCartView>(),
  ),
  'parked.discard': method(
    'cashier',
    z.strictObject({ idempotencyKey, parkId: id }),
    returns<V.ParkedCartView>(),
  ),
} as const
