import type { PeriodFigures } from '../../shared/core/period-report.ts'
import type { Database } from '../../shared/node/sqlite.ts'
import type { LedgerIndex } from '../db/ledger-index.ts'

export type SalesGroup = 'day' | 'replica' | 'product' | 'category'

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

  /** Sales (revenue net of refunds) by day, till, product or category over [from, to]. */
  salesBy(groupBy: SalesGroup, from: string, to: string, limit: number): SalesRow[] {
    this.index.catchUp()
    // days and tills from the day-and-till rows; products and categories from the product rows
    const [table, key] = {
      day: ['report_money', 'day'],
      replica: ['report_money', 'replica_id'],
      product: ['report_sales', 'product_id'],
      category: ['report_sales', 'category'],
    }[groupBy]
    return this.db
      .prepare(
        `SELECT ${key} AS key, SUM(qty) AS qty, SUM(sales) AS count, SUM(revenue_minor) AS revenueMinor
           FROM ${table} WHERE day >= ? AND day <= ?
           GROUP BY ${key} ORDER BY ${groupBy === 'day' ? 'key' : 'revenueMinor DESC, key'} LIMIT ?`,
      )
      .all(from, to, limit) as SalesRow[]
  }

  /**
   * Units sold and revenue without tax of each day, till and product over [from, to] (margin's
   * input), visited one row at a time: the caller adds them up as it values them.
   */
  eachSold(
    from: string,
    to: string,
    visit: (replicaId: string, productId: string, qty: number, netMinor: number) => void,
  ): void {
    this.index.catchUp()
    const rows = this.db
      .prepare(
        'SELECT replica_id, product_id, qty, net_minor FROM report_sales WHERE day >= ? AND day <= ? AND sales > 0',
      )
      .raw()
      .iterate(from, to) as Iterable<[string, string, number, number]>
    for (const [replicaId, productId, qty, netMinor] of rows) visit(replicaId, productId, qty, netMinor)
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
}
