import { randomInt } from 'node:crypto'
import { balanceKey } from '../../shared/core/balances.ts'
import { ApiError } from '../../shared/api/errors.ts'
import type * as V from '../../shared/api/views.ts'
import type { Handlers } from '../api/dispatch.ts'
import type { NodeContext } from '../api/context.ts'
import { holdersOf } from '../api/views.ts'
import { assertShiftIfRequired } from './shifts.ts'
import { eventRef } from './stock.ts'
import { writeOnce } from '../api/write-once.ts'

export function cardView(ctx: NodeContext, cardId: string): V.CardView {
  const key = balanceKey(cardId)
  return {
    cardId,
    balanceMinor: ctx.fold.value(key),
    hereMinor: ctx.fold.rights(key, ctx.identity().replicaId),
    holders: holdersOf(ctx, key).filter((h) => h.rights > 0),
  }
}

/** A new store-credit number: `SC-` and twelve digits in groups, printed on the credit note. */
export function newStoreCreditId(): string {
  const group = () => String(randomInt(0, 10_000)).padStart(4, '0')
  return `SC-${group()}-${group()}-${group()}`
}

export function cardHandlers(
  ctx: NodeContext,
): Pick<Handlers, 'cards.sell' | 'cards.balance' | 'cards.request'> {
  const me = () => ctx.identity().replicaId
  return {
    'cards.sell': (input, call) => {
      assertShiftIfRequired(ctx)
      return writeOnce(ctx, 'cards.sell', input, () => {
        ctx.ops().issueCard({
          by: call.user.id,
          cardId: input.cardId,
          kind: 'gift-card',
          amountMinor: input.amountMinor,
          payment: input.payment,
        })
        ctx.logger.info({ user: call.user.username, amountMinor: input.amountMinor }, 'gift card sold')
        return cardView(ctx, input.cardId)
      })
    },

    'cards.balance': (input) => cardView(ctx, input.cardId),

    'cards.request': (input, call) => {
      const donor = holdersOf(ctx, balanceKey(input.cardId))
        .filter((h) => h.replicaId !== me() && h.rights > 0)
        .sort((a, b) => b.rights - a.rights)[0]
      if (!donor)
        throw new ApiError('NOT_FOUND', 'No other store holds a balance on this card', {
          cardId: input.cardId,
        })
      const e = ctx.store.durable(() =>
        ctx.ops().request({
          by: call.user.id,
          productId: balanceKey(input.cardId),
          donor: donor.replicaId,
          qty: Math.min(input.amountMinor, donor.rights),
        }),
      )
      return eventRef(me(), e)
    },
  }
}
