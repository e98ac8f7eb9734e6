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
        .array(
          z.strictObject({
            productId: id,
            /** Units; grams of a product sold by weight (a scale label's, with its label). */
            qty,
            label: z
              .string()
              .regex(/^2\d{12}$/, 'a scale label is 13 digits starting with 2')
              .optional(),
          }),
        )
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
