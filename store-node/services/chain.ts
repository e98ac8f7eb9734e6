import { stringify } from 'csv-stringify/sync'
import { readProduct } from '../../shared/core/schema.ts'
import { neutraliseCsvCell } from '../../shared/api/csv-cell.ts'
import type * as V from '../../shared/api/views.ts'
import type { Handlers } from '../api/dispatch.ts'
import type { NodeContext } from '../api/context.ts'
import { productView } from '../api/views.ts'
import { integrityAlerts } from './integrity.ts'
import { lowStockRows } from './reports.ts'
import { purchaseOrders } from '../../shared/core/purchase-orders.ts'
import { storeList } from './stores.ts'
import { addDays } from '../assistant/parse.ts'

/** The most products one CSV export of the matrix holds (a filter narrows a larger catalog). */
export const MATRIX_CSV_MAX_ROWS = 20_000
/** The most products a text filter of the matrix finds. */
const MATRIX_SEARCH_MAX = 10_000

interface StoreColumn {
  storeId: string
  name: string
  code: string
  replicaIds: string[]
}

function storeColumns(ctx: NodeContext, only?: readonly string[]): StoreColumn[] {
  const wanted = only ? new Set(only) : null
  return storeList(ctx)
    .stores.filter((s) => !wanted || wanted.has(s.storeId))
    .map((s) => ({
      storeId: s.storeId,
      name: s.name,
      code: s.code,
      replicaIds: s.tills.map((t) => t.replicaId),
    }))
}

function matrixRow(
  ctx: NodeContext,
  columns: readonly StoreColumn[],
  id: string,
): V.StockMatrixRow | undefined {
  const p = readProduct(ctx.doc, id)
  if (!p) return undefined
  return {
    product: productView(id, p),
    perStore: columns.map((c) => c.replicaIds.reduce((n, r) => n + ctx.fold.rights(id, r), 0)),
    total: ctx.fold.value(id),
    reserved: ctx.fold.reserved(id),
  }
}

/** The products a filter selects, in the catalog's name order, and how many there are. */
function matrixProducts(
  ctx: NodeContext,
  filter: { query?: string | undefined; category?: string | undefined },
  offset: number,
  limit: number,
): { ids: string[]; total: number } {
  if (!filter.query) return ctx.store.catalog.list(offset, limit, false, filter.category)
  const found = ctx.store.catalog.search(filter.query, MATRIX_SEARCH_MAX, false, filter.category)
  return { ids: found.slice(offset, offset + limit), total: found.length }
}

export function chainHandlers(
  ctx: NodeContext,
): Pick<Handlers, 'chain.dashboard' | 'chain.stockMatrix' | 'chain.stockMatrixCsv'> {
  return {
    'chain.dashboard': () => {
      // each store's today and week in its own time zone
      const me = ctx.identity().replicaId
      const now = ctx.nowIso()
      const today = ctx.store.reports.dayOf(me, now)
      const weekFrom = addDays(today, -6)
      const list = storeList(ctx)
      const days = ctx.store.reports.tillDays(addDays(today, -7), addDays(today, 1))
      const sum = (tills: readonly string[], from: string, to: string) =>
        days
          .filter((d) => tills.includes(d.replicaId) && d.day >= from && d.day <= to)
          .reduce(
            (acc, d) => ({ count: acc.count + d.count, revenueMinor: acc.revenueMinor + d.revenueMinor }),
            {
              count: 0,
              revenueMinor: 0,
            },
          )
      const stores: V.DashboardStore[] = list.stores.map((s) => {
        const tills = s.tills.map((t) => t.replicaId)
        const itsToday = tills[0] === undefined ? today : ctx.store.reports.dayOf(tills[0], now)
        const heard = tills
          .map((r) => ctx.store.queries.lastEventAt(r))
          .filter((at): at is string => at !== undefined)
          .sort((a, b) => Date.parse(b) - Date.parse(a))[0]
        return {
          storeId: s.storeId,
          name: s.name,
          code: s.code,
          today: sum(tills, itsToday, itsToday),
          week: sum(tills, addDays(itsToday, -6), itsToday),
          tills: tills.length,
          ...(heard !== undefined && { lastHeardAt: heard }),
          thisStore: s.storeId === list.thisStoreId,
        }
      })
      const total = (pick: (s: V.DashboardStore) => V.PeriodSales) => ({
        count: stores.reduce((n, s) => n + pick(s).count, 0),
        revenueMinor: stores.reduce((n, s) => n + pick(s).revenueMinor, 0),
      })
      const sync = ctx.sync().status()
      return {
        today,
        weekFrom,
        stores,
        totals: { today: total((s) => s.today), week: total((s) => s.week) },
        lowStock: lowStockRows(ctx).length,
        integrityAlerts: integrityAlerts(ctx).length,
        // orders of the whole chain not yet fully received or cancelled
        openPurchaseOrders: [...purchaseOrders(ctx.store.purchases.poEvents()).values()].filter(
          (po) => po.state === 'draft' || po.state === 'sent' || po.state === 'partially-received',
        ).length,
        sync: {
          state: sync.state,
          pendingEvents: sync.pendingEvents,
          ...(sync.lastSyncAt !== undefined && { lastSyncAt: sync.lastSyncAt }),
        },
      }
    },

    'chain.stockMatrix': (input) => {
      const columns = storeColumns(ctx, input.storeIds)
      const { ids, total } = matrixProducts(ctx, input, input.offset, input.limit)
      return {
        stores: columns.map(({ storeId, name, code }) => ({ storeId, name, code })),
        rows: ids.map((id) => matrixRow(ctx, columns, id)).filter((r): r is V.StockMatrixRow => !!r),
        total,
      }
    },

    'chain.stockMatrixCsv': (input) => {
      const columns = storeColumns(ctx, input.storeIds)
      const { ids, total } = matrixProducts(ctx, input, 0, MATRIX_CSV_MAX_ROWS)
      const rows = ids.map((id) => matrixRow(ctx, columns, id)).filter((r): r is V.StockMatrixRow => !!r)
      const header = ['SKU', 'Product', ...columns.map((c) => c.name), 'Chain', 'Reserved']
      const body = rows.map((r) => [r.product.sku, r.product.name, ...r.perStore, r.total, r.reserved])
      return {
        csv: stringify([header, ...body].map((row) => row.map(neutraliseCsvCell))),
        rows: rows.length,
        truncated: total > rows.length,
      }
    },
  }
}
