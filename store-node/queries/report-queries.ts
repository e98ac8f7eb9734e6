import type { PeriodFigures } from '../../shared/core/period-report.ts'
import type { Database } from '../../shared/node/sqlite.ts'
import type { LedgerIndex } from '../db/ledger-index.ts'

export type SalesGroup = 'day' | 'replica' | 'product' | 'category'

export interface MarginRow {
  key: string
  qty: number
  revenueMinor: number
  costMinor: number
}

/** Units a store received with a cost, and what they cost in all. */
export interface ReceivedCost {
  storeId: string
  productId: string
  qty: number
  totalCostMinor: number
}

export interface SalesRow {
  key: string
  qty: number
  count: number
  revenueMinor: number
}

/**
 * Reports read from the totals the ledger index adds up per store-local day (`report-days.ts`):
 * `from` and `to` are days, both included, in each store's own time zone.
 */
export class ReportQueries {
  private readonly db: Database
  private readonly index: LedgerIndex

  constructor(db: Database, index: LedgerIndex) {
    this.db = db
    this.index = index
  }

  /**
   * Sales (revenue net of refunds) by day, till, product or category over [from, to]; with a
   * `category`, of that category's products only ('' for those without one).
   */
  salesBy(groupBy: SalesGroup, from: string, to: string, limit: number, category?: string): SalesRow[] {
    this.index.catchUp()
    const [table, key] = this.salesSource(groupBy, from, to, category)
    const only = category === undefined ? '' : 'AND category = @category'
    return this.db
      .prepare(
        `SELECT ${key} AS key, SUM(qty) AS qty, SUM(sales) AS count, SUM(revenue_minor) AS revenueMinor
           FROM ${table} WHERE day >= @from AND day <= @to ${only}
           GROUP BY ${key} ORDER BY ${groupBy === 'day' ? 'key' : 'revenueMinor DESC, key'} LIMIT @limit`,
      )
      .all({ from, to, limit, ...(category !== undefined && { category }) }) as SalesRow[]
  }

  /** Which rows a sales report reads: the smallest table that has its grouping (and filter). */
  private salesSource(groupBy: SalesGroup, from: string, to: string, category?: string): [string, string] {
    const key = { day: 'day', replica: 'replica_id', product: 'product_id', category: 'category' }[groupBy]
    if (groupBy === 'day' || groupBy === 'category')
      return [category === undefined && groupBy === 'day' ? 'report_money' : 'report_categories', key]
    if (category !== undefined) return ['report_sales INDEXED BY report_sales_by_category', key]
    return groupBy === 'replica' ? ['report_money', key] : [this.productRows(from, to), key]
  }

  /** Units sold, revenue without tax and cost of what was sold, per till over [from, to]. */
  marginByTill(from: string, to: string): MarginRow[] {
    this.index.catchUp()
    return this.db
      .prepare(
        `SELECT replica_id AS key, SUM(qty) AS qty, SUM(net_minor) AS revenueMinor, SUM(cost_minor) AS costMinor
           FROM report_money WHERE day >= ? AND day <= ? AND sales > 0 GROUP BY replica_id`,
      )
      .all(from, to) as MarginRow[]
  }

  /** The same per product, the largest margins first, and the period's totals. */
  marginByProduct(
    from: string,
    to: string,
    limit: number,
  ): { rows: MarginRow[]; total: Omit<MarginRow, 'key'> } {
    this.index.catchUp()
    const rows = this.db
      .prepare(
        `SELECT product_id AS key, SUM(qty) AS qty, SUM(net_minor) AS revenueMinor, SUM(cost_minor) AS costMinor
           FROM ${this.productRows(from, to)} WHERE day >= ? AND day <= ? GROUP BY product_id HAVING SUM(sales) > 0
           ORDER BY SUM(net_minor) - SUM(cost_minor) DESC, key LIMIT ?`,
      )
      .all(from, to, limit) as MarginRow[]
    const total = this.db
      .prepare(
        `SELECT COALESCE(SUM(qty), 0) AS qty, COALESCE(SUM(net_minor), 0) AS revenueMinor,
                COALESCE(SUM(cost_minor), 0) AS costMinor FROM report_money WHERE day >= ? AND day <= ?`,
      )
      .get(from, to) as Omit<MarginRow, 'key'>
    return { rows, total }
  }

  /**
   * How to read the product rows of [from, to]: by day when the range holds a small share of the
   * sales (then sorted by product), else in product order from the covering index, which reads
   * every day's rows but needs no sort (a year of a million sales: ~0.1 s against ~0.35 s).
   */
  private productRows(from: string, to: string): string {
    const share = this.db
      .prepare(
        `SELECT COALESCE(SUM(CASE WHEN day >= ? AND day <= ? THEN sales END), 0) AS inRange,
                COALESCE(SUM(sales), 0) AS total FROM report_money`,
      )
      .get(from, to) as { inRange: number; total: number }
    return share.inRange * 3 > share.total
      ? 'report_sales INDEXED BY report_sales_by_product'
      : 'report_sales'
  }

  /** Units sold, revenue without tax and cost of one product over [from, to] (its index rows). */
  marginOfProduct(productId: string, from: string, to: string): Omit<MarginRow, 'key'> {
    this.index.catchUp()
    return this.db
      .prepare(
        `SELECT COALESCE(SUM(qty), 0) AS qty, COALESCE(SUM(net_minor), 0) AS revenueMinor,
                COALESCE(SUM(cost_minor), 0) AS costMinor
           FROM report_sales INDEXED BY report_sales_by_product WHERE product_id = ? AND day >= ? AND day <= ?`,
      )
      .get(productId, from, to) as Omit<MarginRow, 'key'>
  }

  /** What each store received with a cost, per product (the average cost's parts). */
  receivedCosts(): ReceivedCost[] {
    this.index.catchUp()
    return this.db
      .prepare(
        'SELECT store_id AS storeId, product_id AS productId, qty, total_cost_minor AS totalCostMinor FROM report_costs',
      )
      .all() as ReceivedCost[]
  }

  /** The money figures of each day of each till over [from, to]. */
  moneyDays(from: string, to: string): Array<{ replicaId: string; figures: PeriodFigures }> {
    this.index.catchUp()
    const rows = this.db
      .prepare('SELECT replica_id AS replicaId, figures FROM report_money WHERE day >= ? AND day <= ?')
      .all(from, to) as Array<{ replicaId: string; figures: string }>
    return rows.map((r) => ({ replicaId: r.replicaId, figures: JSON.parse(r.figures) as PeriodFigures }))
  }

  /** Sales and revenue (net of refunds) of each till on each day of [from, to]. */
  tillDays(
    from: string,
    to: string,
  ): Array<{ replicaId: string; day: string; count: number; revenueMinor: number }> {
    this.index.catchUp()
    return this.db
      .prepare(
        `SELECT replica_id AS replicaId, day, sales AS count, revenue_minor AS revenueMinor
           FROM report_money WHERE day >= ? AND day <= ?`,
      )
      .all(from, to) as Array<{ replicaId: string; day: string; count: number; revenueMinor: number }>
  }

  /** The day `at` is in at `replicaId`'s store (its time zone). */
  dayOf(replicaId: string, at: string): string {
    return this.index.reportDays.dayOf(replicaId, at)
  }

  /** The store a till belongs to, as the report totals group it (the till's id when unknown). */
  storeOf(replicaId: string): string {
    return this.index.reportDays.storeOf(replicaId)
  }
}
