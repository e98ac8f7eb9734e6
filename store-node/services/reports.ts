import { listProductIds, readProduct, readStore } from '../../shared/core/schema.ts'
import { isBalanceKey } from '../../shared/core/balances.ts'
import {
  emptyPeriodFigures,
  mergePeriodFigures,
  type PeriodFigures,
} from '../../shared/core/period-report.ts'
import { unitCosts } from './purchasing.ts'
import { storeList } from './stores.ts'
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
): Pick<
  Handlers,
  | 'reports.sales'
  | 'reports.lowStock'
  | 'reports.movements'
  | 'reports.margin'
  | 'reports.stockValue'
  | 'reports.money'
> {
  const costs = () => unitCosts(ctx)
  return {
    'reports.sales': (input) => {
      const rows = ctx.store.reports.salesBy(
        input.groupBy === 'store' ? 'replica' : input.groupBy,
        input.from,
        input.to,
        input.limit,
        input.category,
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
      let out = rows.map((r) => ({
        key: r.key,
        label: label(r.key),
        qty: r.qty,
        count: r.count,
        revenueMinor: r.revenueMinor,
      }))
      // by store: the tills of a store in one row, and every store, those without sales too
      if (input.groupBy === 'store') out = byWholeStore(ctx, out)
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

    // Sales of the period at their revenue without tax (after discounts), less what the units
    // sold cost (the store's average cost when the sale was added up); refunds are not taken off
    // (the sales report shows them).
    'reports.margin': (input) => {
      const withMargin = (r: {
        key: string
        label: string
        qty: number
        revenueMinor: number
        costMinor: number
      }) => ({
        ...r,
        marginMinor: r.revenueMinor - r.costMinor,
      })
      if (input.groupBy === 'product') {
        const { rows, total } = ctx.store.reports.marginByProduct(input.from, input.to, input.limit)
        return {
          from: input.from,
          to: input.to,
          groupBy: input.groupBy,
          rows: rows.map((r) => withMargin({ ...r, label: readProduct(ctx.doc, r.key)?.name ?? r.key })),
          revenueMinor: total.revenueMinor,
          costMinor: total.costMinor,
          marginMinor: total.revenueMinor - total.costMinor,
        }
      }
      const byStore = new Map<
        string,
        { key: string; label: string; qty: number; revenueMinor: number; costMinor: number }
      >()
      for (const r of ctx.store.reports.marginByTill(input.from, input.to)) {
        const key = ctx.store.reports.storeOf(r.key)
        let row = byStore.get(key)
        if (!row)
          byStore.set(
            key,
            (row = {
              key,
              label: readStore(ctx.doc, key)?.name ?? key,
              qty: 0,
              revenueMinor: 0,
              costMinor: 0,
            }),
          )
        row.qty += r.qty
        row.revenueMinor += r.revenueMinor
        row.costMinor += r.costMinor
      }
      const rows = [...byStore.values()].map(withMargin).sort((a, b) => b.marginMinor - a.marginMinor)
      const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((n, r) => n + f(r), 0)
      return {
        from: input.from,
        to: input.to,
        groupBy: input.groupBy,
        rows: rows.slice(0, input.limit),
        revenueMinor: sum((r) => r.revenueMinor),
        costMinor: sum((r) => r.costMinor),
        marginMinor: sum((r) => r.marginMinor),
      }
    },

    // The days' figures of each till added up per store and for the chain.
    'reports.money': (input) => {
      const byStore = new Map<string, PeriodFigures>()
      const chain = emptyPeriodFigures()
      for (const { replicaId, figures } of ctx.store.reports.moneyDays(input.from, input.to)) {
        const storeId = ctx.store.reports.storeOf(replicaId)
        mergePeriodFigures(byStore.get(storeId) ?? setNew(byStore, storeId), figures)
        mergePeriodFigures(chain, figures)
      }
      // every store of the chain, those with nothing in the period too
      const stores = storeList(ctx).stores.map((s) => ({
        storeId: s.storeId,
        storeName: s.name,
        figures: byStore.get(s.storeId) ?? emptyPeriodFigures(),
      }))
      return { from: input.from, to: input.to, stores, chain }
    },

    // every product's rights at each till, valued at its store's cost (only tills holding some)
    'reports.stockValue': () => {
      const costOf = costs()
      const totals = new Map<string, { units: number; valueMinor: number }>()
      for (const productId of ctx.fold.productIds()) {
        if (isBalanceKey(productId)) continue // a gift card's balance is not stock
        for (const [replicaId, rights] of ctx.fold.rightsByReplica(productId)) {
          if (rights <= 0) continue
          const storeId = ctx.store.reports.storeOf(replicaId)
          let t = totals.get(storeId)
          if (!t) totals.set(storeId, (t = { units: 0, valueMinor: 0 }))
          t.units += rights
          t.valueMinor += rights * costOf(replicaId, productId)
        }
      }
      const stores = storeList(ctx).stores.map((s) => ({
        storeId: s.storeId,
        name: s.name,
        ...(totals.get(s.storeId) ?? { units: 0, valueMinor: 0 }),
      }))
      return {
        stores,
        units: stores.reduce((n, s) => n + s.units, 0),
        valueMinor: stores.reduce((n, s) => n + s.valueMinor, 0),
      }
    },

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

/** Rows keyed by till folded into one per store (keyed by store id), every store listed, most first. */
function byWholeStore(
  ctx: NodeContext,
  rows: Array<{ key: string; label: string; qty: number; count: number; revenueMinor: number }>,
) {
  const stores = new Map(
    storeList(ctx).stores.map((s) => [
      s.storeId,
      { key: s.storeId, label: s.name, qty: 0, count: 0, revenueMinor: 0 },
    ]),
  )
  for (const r of rows) {
    const storeId = ctx.store.reports.storeOf(r.key)
    const row = stores.get(storeId) ?? { key: storeId, label: r.label, qty: 0, count: 0, revenueMinor: 0 }
    row.qty += r.qty
    row.count += r.count
    row.revenueMinor += r.revenueMinor
    stores.set(storeId, row)
  }
  return [...stores.values()].sort(
    (a, b) => b.revenueMinor - a.revenueMinor || a.label.localeCompare(b.label),
  )
}

function setNew(map: Map<string, PeriodFigures>, key: string): PeriodFigures {
  const f = emptyPeriodFigures()
  map.set(key, f)
  return f
}
