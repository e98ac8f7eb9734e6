import { z } from 'zod'
import { payment } from './sales.ts'
import type * as V from '../views.ts'
import { method, returns } from '../method.ts'
import { id, idempotencyKey, qty, text } from './fields.ts'

// Holds: units set aside for a customer.

export const reservationsMethods = {
  'reservations.create': method(
    'cashier',
    z.strictObject({
      idempotencyKey,
      productId: id,
      qty,
      customer: text(200),
      ttlMinutes: z
        .int()
        .min(1)
        .max(60 * 24 * 60),
    }),
    returns<V.HoldView>(),
  ),
  'reservations.release': method('cashier', z.strictObject({ holdId: id }), returns<V.HoldView>()),
  /** A hold is sold like any sale: paid, on the receipt, in the reports. */
  'reservations.fulfil': method(
    'cashier',
    z.strictObject({ idempotencyKey, holdId: id, payment }),
    returns<V.SaleView>(),
  ),
  'reservations.list': method(
    'cashier',
    z.strictObject({ state: z.enum(['open', 'all']).default('open') }),
    returns<{ items: V.HoldView[] }>(),
  ),
} as const
