import { writeProduct } from '../../shared/core/schema.ts'
import type { AllotEvent } from '../../shared/core/events.ts'
import type * as V from '../../shared/api/views.ts'
import type { Handlers } from '../api/dispatch.ts'
import type { NodeContext } from '../api/context.ts'
import { holdersOf, productView, requireProduct, storeNameOf } from '../api/views.ts'
import { ApiError } from '../../shared/api/errors.ts'

export function eventRef(replicaId: string, e: AllotEvent): V.EventRef {
  return { id: e.id, replicaId, seq: e.seq, type: e.type, at: e.at }
}

export function stockView(ctx: NodeContext, productId: string): V.StockView {
  const me = ctx.identity().replicaId
  return {
    productId,
    value: ctx.fold.value(productId),
    here: ctx.fold.rights(productId, me),
    reserved: ctx.fold.reserved(productId),
    holders: holdersOf(ctx, productId),
    requests: ctx.fold.outstandingRequests({ productId }).map((r) => ({
      id: r.requestId,
      productId: r.productId,
      from: r.replicaId,
      fromStoreName: storeNameOf(ctx, r.replicaId),
      donor: r.donor,
      donorStoreName: storeNameOf(ctx, r.donor),
      qty: r.qty,
      at: r.at,
    })),
  }
}

export function stockHandlers(
  ctx: NodeContext,
): Pick<
  Handlers,
  | 'stock.get'
  | 'stock.list'
  | 'stock.restock'
  | 'stock.adjust'
  | 'stock.transfer'
  | 'stock.request'
  | 'stock.cancelRequest'
  | 'stock.setPolicy'
> {
  const me = () => ctx.identity().replicaId
  return {
    'stock.get': (input) => {
      requireProduct(ctx, input.productId)
      return stockView(ctx, input.productId)
    },

    'stock.list': (input) => {
      const row = (id: string): V.StockRow => {
        const p = requireProduct(ctx, id)
        const value = ctx.fold.value(id)
        return {
          product: productView(id, p),
          value,
          here: ctx.fold.rights(id, me()),
          reserved: ctx.fold.reserved(id),
          low: p.reorderPoint > 0 && value <= p.reorderPoint,
        }
      }
      // The common case pages straight from the catalog index; filters need a scan of candidates.
      if (!input.query.trim() && !input.lowOnly) {
        const page = ctx.store.catalog.list(input.offset, input.limit, false, input.category)
        return { items: page.ids.map(row), total: page.total }
      }
      const ids = input.query.trim()
        ? ctx.store.catalog.search(input.query, 1000, false)
        : ctx.store.catalog.list(0, Number.MAX_SAFE_INTEGER, false, input.category).ids
      const rows = ids
        .map(row)
        .filter(
          (r) =>
            (!input.lowOnly || r.low) &&
            (input.category === undefined || r.product.category === input.category),
        )
      return { items: rows.slice(input.offset, input.offset + input.limit), total: rows.length }
    },

    'stock.restock': (input, call) => {
      requireProduct(ctx, input.productId)
      const e = ctx.store.durable(() =>
        ctx.ops().restock({
          by: call.user.id,
          productId: input.productId,
          qty: input.qty,
          ...(input.note ? { note: input.note } : {}),
        }),
      )
      return eventRef(me(), e)
    },

    'stock.adjust': (input, call) => {
      requireProduct(ctx, input.productId)
      if (input.delta < 0) ctx.gate.assertMayWrite()
      const e = ctx.store.durable(() =>
        ctx.ops().adjust({
          by: call.user.id,
          productId: input.productId,
          delta: input.delta,
          reason: input.reason,
          ...(input.note ? { note: input.note } : {}),
        }),
      )
      return eventRef(me(), e)
    },

    'stock.transfer': (input, call) => {
      requireProduct(ctx, input.productId)
      ctx.gate.assertMayWrite()
      const e = ctx.store.durable(() =>
        ctx.ops().transfer({
          by: call.user.id,
          productId: input.productId,
          to: input.toReplicaId,
          qty: input.qty,
          ...(input.requestId ? { requestId: input.requestId } : {}),
        }),
      )
      return eventRef(me(), e)
    },

    'stock.request': (input, call) => {
      requireProduct(ctx, input.productId)
      const donor =
        input.donorReplicaId ??
        holdersOf(ctx, input.productId).find((h) => h.replicaId !== me() && h.rights > 0)?.replicaId
      if (!donor)
        throw new ApiError('NOT_FOUND', 'No other store holds this product', { productId: input.productId })
      const e = ctx.store.durable(() =>
        ctx.ops().request({ by: call.user.id, productId: input.productId, donor, qty: input.qty }),
      )
      return eventRef(me(), e)
    },

    'stock.cancelRequest': (input, call) => {
      const e = ctx.store.durable(() =>
        ctx.ops().cancelRequest({ by: call.user.id, requestId: input.requestId }),
      )
      return eventRef(me(), e)
    },

    'stock.setPolicy': (input) => {
      requireProduct(ctx, input.productId)
      ctx.store.durable(() => writeProduct(ctx.doc, input.productId, { policy: input.policy }))
      return productView(input.productId, requireProduct(ctx, input.productId))
    },
  }
}
