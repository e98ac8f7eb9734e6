import type { CountStartEvent } from '../../shared/core/events.ts'
import { readProduct, readReplica } from '../../shared/core/schema.ts'
import { unitCosts } from './purchasing.ts'
import { ApiError } from '../../shared/api/errors.ts'
import { roleAllows, type Role } from '../../shared/api/roles.ts'
import type * as V from '../../shared/api/views.ts'
import type { Handlers } from '../api/dispatch.ts'
import type { NodeContext } from '../api/context.ts'
import { storeNameOf, userName } from '../api/views.ts'
import type { ManagerApproval } from '../approvals/manager-approval.ts'
import { writeOnce } from '../api/write-once.ts'

const DAY_MS = 86_400_000

function requireCount(ctx: NodeContext, countId: string): { replicaId: string; event: CountStartEvent } {
  const found = ctx.store.ledger.event(countId, 'count-start')
  if (!found) throw new ApiError('NOT_FOUND', 'No such stock count', { countId })
  return found
}

/** A count as `viewer` may see it (a blind count hides expectations from cashiers until posted). */
export function countView(
  ctx: NodeContext,
  found: { replicaId: string; event: CountStartEvent },
  viewer: Role,
): V.CountView {
  const { replicaId, event } = found
  const lines = ctx.store.counts.linesOf(event.id)
  const costOf = unitCosts(ctx)
  const post = ctx.store.counts.postOf(event.id)
  // A blind count hides what the system expects from the counters until it is posted.
  const hide = event.blind && !post && !roleAllows(viewer, 'manager')
  return {
    id: event.id,
    name: event.name,
    replicaId,
    storeName: storeNameOf(ctx, replicaId),
    at: event.at,
    byName: userName(ctx, event.by),
    blind: event.blind,
    products: event.productIds.length,
    counted: lines.size,
    posted: post !== undefined,
    ...(post ? { postedAt: post.at } : {}),
    ...(post?.approvedBy ? { approvedByName: userName(ctx, post.approvedBy) } : {}),
    ...(post?.unposted ? { unposted: post.unposted } : {}),
    lines: event.productIds.map((productId) => {
      const p = readProduct(ctx.doc, productId)
      const line = lines.get(productId)
      return {
        productId,
        sku: p?.sku ?? '',
        name: p?.name ?? productId,
        countedQty: line?.countedQty ?? null,
        expectedQty: line && !hide ? line.expectedQty : null,
        varianceQty: line && !hide ? line.countedQty - line.expectedQty : null,
        // the difference valued at the store's average cost of the product
        varianceCostMinor:
          line && !hide ? (line.countedQty - line.expectedQty) * costOf(replicaId, productId) : null,
        countedAt: line?.at ?? null,
      }
    }),
  }
}

export function countHandlers(
  ctx: NodeContext,
  approve: ManagerApproval,
): Pick<Handlers, 'counts.start' | 'counts.record' | 'counts.get' | 'counts.post' | 'counts.list'> {
  const me = () => ctx.identity().replicaId

  /** The products a scope names, from the catalog (archived products are not counted). */
  const productsIn = (scope: Parameters<Handlers['counts.start']>[0]['scope']): string[] => {
    if ('productIds' in scope) return scope.productIds
    if ('category' in scope)
      return ctx.store.catalog.list(0, Number.MAX_SAFE_INTEGER, false, scope.category).ids
    const all = ctx.store.catalog.list(0, Number.MAX_SAFE_INTEGER, false).ids
    if ('everything' in scope) return all
    const last = ctx.store.counts.lastCountedAt(me())
    const before = ctx.nowMs() - scope.countedMoreThanDaysAgo * DAY_MS
    return all.filter((id) => {
      const at = last.get(id)
      return at === undefined || Date.parse(at) < before
    })
  }

  const ownOpenCount = (countId: string) => {
    const found = requireCount(ctx, countId)
    if (found.replicaId !== me())
      throw new ApiError('CONFLICT', 'This count belongs to another till: count there')
    if (ctx.store.counts.postOf(countId)) throw new ApiError('CONFLICT', 'This count is already posted')
    return found
  }

  return {
    'counts.start': (input, call) => {
      const productIds = productsIn(input.scope)
      if (productIds.length === 0) throw new ApiError('VALIDATION', 'Nothing to count in this selection')
      return writeOnce(ctx, 'counts.start', input, () => {
        const event = ctx
          .ops()
          .startCount({ by: call.user.id, name: input.name, productIds, blind: input.blind })
        return countView(ctx, { replicaId: me(), event }, call.user.role)
      })
    },

    'counts.record': (input, call) =>
      writeOnce(ctx, 'counts.record', input, () => {
        const count = ownOpenCount(input.countId)
        if (!count.event.productIds.includes(input.productId))
          throw new ApiError('VALIDATION', 'This product is not part of this count', {
            productId: input.productId,
          })
        ctx.ops().countLine({
          by: call.user.id,
          countId: input.countId,
          productId: input.productId,
          countedQty: input.countedQty,
        })
        const view = countView(ctx, count, call.user.role)
        return view.lines.find((l) => l.productId === input.productId)!
      }),

    'counts.get': (input, call) => countView(ctx, requireCount(ctx, input.countId), call.user.role),

    'counts.post': async (input, call) => {
      // A manager posts; anyone else needs a manager's PIN on this till.
      const approver =
        !roleAllows(call.user.role, 'manager') || input.approval
          ? input.approval
            ? await approve(input.approval)
            : undefined
          : undefined
      if (!roleAllows(call.user.role, 'manager') && !approver)
        throw new ApiError(
          'APPROVAL_REQUIRED',
          'A manager approves a count with their PIN before it is posted',
          {
            reason: 'count',
          },
        )
      return writeOnce(ctx, 'counts.post', input, () => {
        const count = ownOpenCount(input.countId)
        const lines = [...ctx.store.counts.linesOf(input.countId).values()]
        ctx.ops().postCount({
          by: call.user.id,
          countId: input.countId,
          lines,
          ...(approver ? { approvedBy: approver.id } : {}),
        })
        ctx.logger.info(
          { user: call.user.username, countId: input.countId, lines: lines.length },
          'count posted',
        )
        return countView(ctx, count, call.user.role)
      })
    },

    'counts.list': (_input, call) => {
      const myStore = ctx.identity().storeId
      return {
        items: ctx.store.counts
          .recentStarts(200)
          .filter((c) => readReplica(ctx.doc, c.replicaId)?.storeId === myStore)
          .map((c) => {
            const { lines: _lines, ...summary } = countView(ctx, c, call.user.role)
            return summary
          }),
      }
    },
  }
}
