import { ApiError } from '../../shared/api/errors.ts'
import type { Handlers } from '../api/dispatch.ts'
import type { NodeContext } from '../api/context.ts'
import { holdView, requireProduct, saleView } from '../api/views.ts'
import { withShortageExplained } from './sales.ts'
import { assertShiftIfRequired } from './shifts.ts'
import { writeOnce } from '../api/write-once.ts'

export function reservationsHandlers(
  ctx: NodeContext,
): Pick<
  Handlers,
  'reservations.create' | 'reservations.release' | 'reservations.fulfil' | 'reservations.list'
> {
  const addMinutes = (minutes: number) => new Date(ctx.nowMs() + minutes * 60_000).toISOString()
  const requireHold = (holdId: string) => {
    const hold = ctx.fold.hold(holdId)
    if (!hold) throw new ApiError('NOT_FOUND', `No hold ${holdId}`)
    return hold
  }
  const withShortage = <T>(fn: () => T): T => withShortageExplained(ctx, fn)

  return {
    'reservations.create': (input, call) => {
      requireProduct(ctx, input.productId)
      ctx.gate.assertMayWrite()
      return withShortage(() =>
        writeOnce(ctx, 'reservations.create', input, () => {
          const e = ctx.ops().reserve({
            by: call.user.id,
            productId: input.productId,
            qty: input.qty,
            expiresAt: addMinutes(input.ttlMinutes),
            customer: { name: input.customer },
          })
          return holdView(
            ctx,
            {
              holdId: e.id,
              replicaId: ctx.identity().replicaId,
              productId: e.productId,
              qty: e.qty,
              expiresAt: e.expiresAt,
              at: e.at,
              customer: { name: input.customer },
            },
            'open',
          )
        }),
      )
    },

    'reservations.release': (input, call) => {
      const hold = requireHold(input.holdId)
      ctx.store.durable(() => ctx.ops().release({ by: call.user.id, holdId: input.holdId, reason: 'manual' }))
      return holdView(ctx, hold, 'released')
    },

    'reservations.fulfil': (input, call) => {
      requireHold(input.holdId)
      ctx.gate.assertMayWrite()
      assertShiftIfRequired(ctx)
      return withShortage(() =>
        writeOnce(ctx, 'reservations.fulfil', input, () => {
          const sale = ctx.ops().sellHold({
            by: call.user.id,
            holdId: input.holdId,
            payment: input.payment,
            idempotencyKey: input.idempotencyKey,
          })
          return saleView(ctx, ctx.identity().replicaId, sale, {})
        }),
      )
    },

    // The fold knows open holds only; closed ones are history, in the ledger's movements.
    'reservations.list': () => ({
      items: ctx.fold
        .openHolds()
        .map((h) => holdView(ctx, h, 'open'))
        .sort((a, b) => (a.expiresAt < b.expiresAt ? -1 : 1)),
    }),
  }
}
