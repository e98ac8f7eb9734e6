import { z } from 'zod'
import { paymentMethods } from '../../core/events.ts'
import type * as V from '../views.ts'
import { method, returns } from '../method.ts'
import { cardId, idempotencyKey, minor } from './fields.ts'

// Gift cards and store credit: balances held like stock.

export const cardsMethods = {
  'cards.sell': method(
    'cashier',
    z.strictObject({
      idempotencyKey,
      cardId,
      amountMinor: minor.refine((n) => n > 0, 'more than zero'),
      payment: z.strictObject({ method: z.enum(paymentMethods), tenderedMinor: minor.optional() }),
    }),
    returns<V.CardView>(),
  ),
  'cards.balance': method('cashier', z.strictObject({ cardId }), returns<V.CardView>()),
  'cards.request': method(
    'cashier',
    z.strictObject({ cardId, amountMinor: minor.refine((n) => n > 0, 'more than zero') }),
    returns<V.EventRef>(),
  ),
} as const
