import type { RequestEvent } from '../../shared/core/events.ts'
import { readProduct } from '../../shared/core/schema.ts'
import type * as V from '../../shared/api/views.ts'
import type { Handlers } from '../api/dispatch.ts'
import type { NodeContext } from '../api/context.ts'
import { storeNameOf, userName } from '../api/views.ts'

export function requestsHandlers(ctx: NodeContext): Pick<Handlers, 'requests.list'> {
  const me = () => ctx.identity().replicaId
  return {
    'requests.list': (input) => {
      const rows = ctx.store.queries
        .requestsFor(me(), input.limit)
        .map((r) => ({ replicaId: r.replicaId, event: JSON.parse(r.body) as RequestEvent }))
      const outcomes = ctx.store.queries.requestOutcomes(rows.map((r) => r.event.id))
      const items: V.RequestRowView[] = rows.map(({ replicaId, event }) => {
        const folded = ctx.fold.request(event.id)?.state
        const granted = outcomes.granted.get(event.id) ?? 0
        const state =
          folded ??
          (outcomes.cancelled.has(event.id) ? 'cancelled' : granted > 0 ? 'answered' : 'outstanding')
        return {
          id: event.id,
          productId: event.productId,
          productName: readProduct(ctx.doc, event.productId)?.name ?? event.productId,
          from: replicaId,
          fromStoreName: storeNameOf(ctx, replicaId),
          donor: event.donor,
          donorStoreName: storeNameOf(ctx, event.donor),
          qty: event.qty,
          at: event.at,
          direction: event.donor === me() ? 'incoming' : replicaId === me() ? 'outgoing' : 'other',
          state,
          grantedQty: granted,
          byName: event.by === 'system' ? 'automatic' : userName(ctx, event.by),
        }
      })
      return { items: input.state === 'outstanding' ? items.filter((i) => i.state === 'outstanding') : items }
    },
  }
}
