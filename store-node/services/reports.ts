import { listProductIds, readProduct } from '../../shared/core/schema.ts'
import type * as V from '../../shared/api/views.ts'
import type { Handlers } from '../api/dispatch.ts'
import type { NodeContext } from '../api/context.ts'
import { productView, storeNameOf, userName } from '../api/views.ts'

/** Products at or below their reorder point in the chain, the shortest first. */
export function lowStockRows(ctx: NodeContext): V.LowStockRow[] {
  const rows: V.LowStockRow[] = []
  const me = ctx.identity().replicaId
  for (const id of listProductIds(ctx.doc)) {
    const p = readProduct(ctx.doc, id)
    if (!p || p.archived || p.reorderPoint <= 0) continue
    const value = ctx.fold.value(id)
    if (value > p.reorderPoint) continue
    rows.push({
      product: productView(id, p),
      value,
      here: ctx.fold.rights(id, me),
      reorderPoint: p.reorderPoint,
      suggestedOrder: Math.max(0, 2 * p.reorderPoint - value),
    })
  }
  return rows.sort((a, b) => a.value - a.reorderPoint - (b.value - b.reorderPoint))
}

export function reportsHandlers(
  ctx: NodeContext,
): Pick<Handlers, 'reports.sales' | 'reports.lowStock' | 'reports.movements'> {
  return {
    'reports.sales': (input) => {
      const rows = ctx.store.queries.salesBy(
        input.groupBy === 'store' ? 'replica' : input.groupBy,
        input.from,
        input.to,
        input.limit,
      )
      const label = (key: string): string => {
        switch (input.groupBy) {
          case 'day':
            return key
          case 'store':
            return storeNameOf(ctx, key)
          case 'category':
            return key || 'No category'
          case 'product':
            return readProduct(ctx.doc, key)?.name ?? key
        }
      }
      const out = rows.map((r) => ({
        key: r.key,
        label: label(r.key),
        qty: r.qty,
        count: r.count,
        revenueMinor: r.revenueMinor,
      }))
      return {
        from: input.from,
        to: input.to,
        groupBy: input.groupBy,
        rows: out,
        totalMinor: out.reduce((s, r) => s + r.revenueMinor, 0),
        count: out.reduce((s, r) => s + r.count, 0),
      }
    },

    'reports.lowStock': () => ({ rows: lowStockRows(ctx) }),

    'reports.movements': (input) => ({
      rows: ctx.store.queries.movements(input.productId, input.limit).map((r) => ({
        ...r,
        storeName: storeNameOf(ctx, r.replicaId),
        by: r.by === 'system' ? 'automatic' : userName(ctx, r.by),
        // Transfers name the other till by id in the ledger; show its store instead.
        reason: r.reason.replace(
          /^rights (to|from) (\S+)$/,
          (_m, dir: string, id: string) => `rights ${dir} ${storeNameOf(ctx, id)}`,
        ),
      })),
    }),
  }
}
