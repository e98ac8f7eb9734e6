import { ApiError } from '../../shared/api/errors.ts'
import type { Handlers } from '../api/dispatch.ts'
import type { NodeContext } from '../api/context.ts'
import { orderView, requireProduct } from '../api/views.ts'
import { withShortageExplained } from './sales.ts'
import { writeOnce } from '../api/write-once.ts'

export function ordersHandlers(
  ctx: NodeContext,
): Pick<Handlers, 'orders.create' | 'orders.advance' | 'orders.cancel' | 'orders.list'> {
  const addMinutes = (minutes: number) => new Date(ctx.nowMs() + minutes * 60_000).toISOString()
  const requireOrder = (orderId: string) => {
    const order = ctx.fold.order(orderId)
    if (!order) throw new ApiError('NOT_FOUND', `No order ${orderId}`)
    return order
  }
  const withShortage = <T>(fn: () => T): T => withShortageExplained(ctx, fn)

  return {
    'orders.create': (input, call) => {
      for (const l of input.lines) requireProduct(ctx, l.productId)
      ctx.gate.assertMayWrite()
      return withShortage(() =>
        writeOnce(ctx, 'orders.create', input, () => {
          const { order } = ctx.ops().orderCreate({
            by: call.user.id,
            lines: input.lines,
            customer: { name: input.customer },
            holdExpiresAt: addMinutes(input.holdDays * 24 * 60),
          })
          return orderView(ctx, requireOrder(order.orderId))
        }),
      )
    },

    'orders.advance': (input, call) => {
      requireOrder(input.orderId)
      ctx.store.durable(() =>
        ctx.ops().orderAdvance({ by: call.user.id, orderId: input.orderId, status: input.status }),
      )
      return orderView(ctx, requireOrder(input.orderId))
    },

    'orders.cancel': (input, call) => {
      requireOrder(input.orderId)
      ctx.store.durable(() => ctx.ops().orderCancel({ by: call.user.id, orderId: input.orderId }))
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
