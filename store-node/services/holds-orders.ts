import { ApiError } from '../../shared/api/errors.ts'
import type { Handlers } from '../api/dispatch.ts'
import type { NodeContext } from '../context.ts'
import { holdView, orderView, requireProduct, saleView } from '../views.ts'
import { explainShortage } from './sales.ts'
import { assertMaySell } from './stock.ts'

export function holdOrderHandlers(
  ctx: NodeContext,
): Pick<
  Handlers,
  | 'reservations.create'
  | 'reservations.release'
  | 'reservations.fulfil'
  | 'reservations.list'
  | 'orders.create'
  | 'orders.advance'
  | 'orders.cancel'
  | 'orders.list'
> {
  const addMinutes = (minutes: number) => new Date(ctx.nowMs() + minutes * 60_000).toISOString()
  const requireHold = (holdId: string) => {
    const hold = ctx.fold.hold(holdId)
    if (!hold) throw new ApiError('NOT_FOUND', `No hold ${holdId}`)
    return hold
  }
  const requireOrder = (orderId: string) => {
    const order = ctx.fold.order(orderId)
    if (!order) throw new ApiError('NOT_FOUND', `No order ${orderId}`)
    return order
  }
  const withShortage = <T>(fn: () => T): T => {
    try {
      return fn()
    } catch (error) {
      throw explainShortage(ctx, error)
    }
  }

  return {
    'reservations.create': (input, call) => {
      requireProduct(ctx, input.productId)
      assertMaySell(ctx)
      return withShortage(() =>
        ctx.store.durable(() =>
          ctx.idempotency.once(
            input.idempotencyKey,
            { method: 'reservations.create', params: input },
            ctx.nowIso(),
            () => {
              const e = ctx.ops().reserve({
                by: call.user!.id,
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
            },
          ),
        ),
      )
    },

    'reservations.release': (input, call) => {
      const hold = requireHold(input.holdId)
      ctx.store.durable(() =>
        ctx.ops().release({ by: call.user!.id, holdId: input.holdId, reason: 'manual' }),
      )
      return holdView(ctx, hold, 'released')
    },

    'reservations.fulfil': (input, call) => {
      const hold = requireHold(input.holdId)
      const product = requireProduct(ctx, hold.productId)
      return ctx.store.durable(() =>
        ctx.idempotency.once(
          input.idempotencyKey,
          { method: 'reservations.fulfil', params: input },
          ctx.nowIso(),
          () => {
            const e = ctx.ops().fulfil({ by: call.user!.id, holdId: input.holdId })
            // A fulfilled hold reads like a sale of the held units at the current price.
            const totalNet = e.qty * product.priceMinor
            return saleView(
              ctx,
              ctx.identity().replicaId,
              {
                seq: e.seq,
                id: e.id,
                at: e.at,
                by: e.by,
                type: 'sale',
                lines: [
                  {
                    productId: e.productId,
                    qty: e.qty,
                    unitPriceMinor: product.priceMinor,
                    taxRate: product.taxRate,
                  },
                ],
                totals: { subtotalMinor: totalNet, taxMinor: 0, totalMinor: totalNet },
                payment: { method: 'other', tenderedMinor: totalNet, changeMinor: 0 },
              },
              {},
            )
          },
        ),
      )
    },

    // The fold knows open holds only; closed ones are history, in the ledger's movements.
    'reservations.list': () => ({
      items: ctx.fold
        .openHolds()
        .map((h) => holdView(ctx, h, 'open'))
        .sort((a, b) => (a.expiresAt < b.expiresAt ? -1 : 1)),
    }),

    'orders.create': (input, call) => {
      for (const l of input.lines) requireProduct(ctx, l.productId)
      assertMaySell(ctx)
      return withShortage(() =>
        ctx.store.durable(() =>
          ctx.idempotency.once(
            input.idempotencyKey,
            { method: 'orders.create', params: input },
            ctx.nowIso(),
            () => {
              const { order } = ctx.ops().orderCreate({
                by: call.user!.id,
                lines: input.lines,
                customer: { name: input.customer },
                holdExpiresAt: addMinutes(input.holdDays * 24 * 60),
              })
              return orderView(ctx, requireOrder(order.orderId))
            },
          ),
        ),
      )
    },

    'orders.advance': (input, call) => {
      requireOrder(input.orderId)
      ctx.store.durable(() =>
        ctx.ops().orderAdvance({ by: call.user!.id, orderId: input.orderId, status: input.status }),
      )
      return orderView(ctx, requireOrder(input.orderId))
    },

    'orders.cancel': (input, call) => {
      requireOrder(input.orderId)
      ctx.store.durable(() => ctx.ops().orderCancel({ by: call.user!.id, orderId: input.orderId }))
      return orderView(ctx, requireOrder(input.orderId))
    },

    'orders.list': (input) => ({
      items: ctx.fold
        .openOrders()
        .filter((o) => !input.status || o.status === input.status)
        .map((o) => orderView(ctx, o)),
    }),
  }
}
