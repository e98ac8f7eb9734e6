import type { ParkEvent } from '../../shared/core/events.ts'
import { readProduct, readReplica } from '../../shared/core/schema.ts'
import { ApiError } from '../../shared/api/errors.ts'
import type * as V from '../../shared/api/views.ts'
import type { Handlers } from '../api/dispatch.ts'
import type { NodeContext } from '../api/context.ts'
import { customerName, storeNameOf, userName } from '../api/views.ts'
import { writeOnce } from '../api/write-once.ts'

/** How many parked carts a store lists at most (a till parks a handful a day). */
const LIST_LIMIT = 500

function cartView(
  ctx: NodeContext,
  replicaId: string,
  e: ParkEvent,
  outcome?: 'recalled' | 'discarded',
): V.ParkedCartView {
  const customer = customerName(e.customer)
  return {
    id: e.id,
    name: e.name,
    replicaId,
    storeName: storeNameOf(ctx, replicaId),
    at: e.at,
    byName: userName(ctx, e.by),
    ...(customer ? { customer } : {}),
    lines: e.lines.map((l) => {
      const p = readProduct(ctx.doc, l.productId)
      return {
        productId: l.productId,
        name: p?.name ?? l.productId,
        qty: l.qty,
        unitPriceMinor: p?.priceMinor ?? 0,
        ...(l.label !== undefined && { label: l.label }),
      }
    }),
    ...(outcome ? { outcome } : {}),
  }
}

export function parkedHandlers(
  ctx: NodeContext,
): Pick<Handlers, 'parked.park' | 'parked.list' | 'parked.recall' | 'parked.discard'> {
  const me = () => ctx.identity().replicaId
  const sameStore = (replicaId: string) => readReplica(ctx.doc, replicaId)?.storeId === ctx.identity().storeId

  /** A cart of this store still parked, or a clear refusal. */
  const parkedCart = (parkId: string): { replicaId: string; event: ParkEvent } => {
    const found = ctx.store.ledger.event(parkId, 'park')
    if (!found || !sameStore(found.replicaId))
      throw new ApiError('NOT_FOUND', 'No such parked sale at this store')
    const gone = ctx.store.parked.unparked(parkId)
    if (gone)
      throw new ApiError(
        'CONFLICT',
        `This parked sale was already ${gone.event.outcome} by ${userName(ctx, gone.event.by)} at ${storeNameOf(ctx, gone.replicaId)}`,
        { outcome: gone.event.outcome },
      )
    return found
  }

  const unpark = (
    call: Parameters<Handlers['parked.recall']>[1],
    input: { idempotencyKey: string; parkId: string },
    outcome: 'recalled' | 'discarded',
  ): V.ParkedCartView =>
    writeOnce(ctx, outcome === 'recalled' ? 'parked.recall' : 'parked.discard', input, () => {
      const cart = parkedCart(input.parkId)
      ctx.ops().unpark({ by: call.user.id, parkId: input.parkId, outcome })
      ctx.logger.info(
        { user: call.user.username, parkId: input.parkId, outcome },
        'parked sale taken off the list',
      )
      return cartView(ctx, cart.replicaId, cart.event, outcome)
    })

  return {
    'parked.park': (input, call) =>
      writeOnce(ctx, 'parked.park', input, () => {
        for (const l of input.lines)
          if (!readProduct(ctx.doc, l.productId))
            throw new ApiError('NOT_FOUND', 'A product in this cart is no longer in the catalog', {
              productId: l.productId,
            })
        const event = ctx.ops().park({
          by: call.user.id,
          name: input.name,
          lines: input.lines,
          ...(input.customer ? { customer: { name: input.customer } } : {}),
        })
        return cartView(ctx, me(), event)
      }),

    'parked.list': () => ({
      items: ctx.store.parked
        .openCarts(LIST_LIMIT)
        .filter((c) => sameStore(c.replicaId))
        .map((c) => cartView(ctx, c.replicaId, c.event)),
    }),

    'parked.recall': (input, call) => unpark(call, input, 'recalled'),

    'parked.discard': (input, call) => unpark(call, input, 'discarded'),
  }
}
