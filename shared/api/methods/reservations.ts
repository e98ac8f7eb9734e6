import { z } from 'zod'
import type { Access } from '../roles.ts'
import { payment } from './sales.ts'
import type * as V from '../views.ts'
import { id, idempotencyKey, qty, text } from './fields.ts'

// Holds: units set aside for a customer.

export const reservationsInputs = {
  'reservations.create': z.strictObject({
    idempotencyKey,
    productId: id,
    qty,
    customer: text(200),
    ttlMinutes: z
      .int()
      .min(1)
      .max(60 * 24 * 60),
  }),
  'reservations.release': z.strictObject({ holdId: id }),
  /** A hold is sold like any sale: paid, on the receipt, in the reports. */
  'reservations.fulfil': z.strictObject({ idempotencyKey, holdId: id, payment }),
  'reservations.list': z.strictObject({ state: z.enum(['open', 'all']).default('open') }),
} as const

export interface ReservationsOutputs {
  'reservations.create': V.HoldView
  'reservations.release': V.HoldView
  'reservations.fulfil': V.SaleView
  'reservations.list': { items: V.HoldView[] }
}

export const reservationsAccess = {
  'reservations.create': 'cashier',
  'reservations.release': 'cashier',
  'reservations.fulfil': 'cashier',
  'reservations.list': 'cashier',
} as const satisfies Record<keyof typeof reservationsInputs, Access>
