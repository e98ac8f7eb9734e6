import { z } from 'zod'
import { paymentMethods } from '../../core/events.ts'
import type { Access } from '../roles.ts'
import type * as V from '../views.ts'
import { cardId, idempotencyKey, minor } from './fields.ts'

// Gift cards and store credit: balances held like stock.

export const cardsInputs = {
  'cards.sell': z.strictObject({
    idempotencyKey,
    cardId,
    amountMinor: minor.refine((n) => n > 0, 'more than zero'),
    payment: z.strictObject({ method: z.enum(paymentMethods), tenderedMinor: minor.optional() }),
  }),
  'cards.balance': z.strictObject({ cardId }),
  'cards.request': z.strictObject({ cardId, amountMinor: minor.refine((n) => n > 0, 'more than zero') }),
} as const

export interface CardsOutputs {
  'cards.sell': V.CardView
  'cards.balance': V.CardView
  'cards.request': V.EventRef
}

export const cardsAccess = {
  'cards.sell': 'cashier',
  'cards.balance': 'cashier',
  'cards.request': 'cashier',
} as const satisfies Record<keyof typeof cardsInputs, Access>
