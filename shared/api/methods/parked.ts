import { z } from 'zod'
import type { Access } from '../roles.ts'
import type * as V from '../views.ts'
import { empty, id, idempotencyKey, qty, text } from './fields.ts'

// Carts put aside and recalled on any of the store's tills.

export const parkedInputs = {
  'parked.park': z.strictObject({
    idempotencyKey,
    name: text(100),
    lines: z
      .array(z.strictObject({ productId: id, qty }))
      .min(1)
      .max(500),
    customer: text(200).optional(),
  }),
  'parked.list': empty,
  'parked.recall': z.strictObject({ idempotencyKey, parkId: id }),
  'parked.discard': z.strictObject({ idempotencyKey, parkId: id }),
} as const

export interface ParkedOutputs {
  'parked.park': V.ParkedCartView
  'parked.list': { items: V.ParkedCartView[] }
  'parked.recall': V.ParkedCartView
  'parked.discard': V.ParkedCartView
}

export const parkedAccess = {
  'parked.park': 'cashier',
  'parked.list': 'cashier',
  'parked.recall': 'cashier',
  'parked.discard': 'cashier',
} as const satisfies Record<keyof typeof parkedInputs, Access>
