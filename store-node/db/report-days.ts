import type { Statement } from 'better-sqlite3'
import type { AllotEvent, RefundEvent, SaleEvent } from '../../shared/core/events.ts'
import { lineAmounts } from '../../shared/core/money.ts'
import {
  addRefundFigures,
  addSaleFigures,
  emptyPeriodFigures,
  type PeriodFigures,
} from '../../shared/core/period-report.ts'
import type { Database } from '../../shared/node/sqlite.ts'

/** What the report totals need to know of the chain: a store's calendar and today's tax rates. */
export interface ReportCalendar {
  /** The day (YYYY-MM-DD) an event of `replicaId` at `at` belongs to, in its store's time zone. */
  dayOf(replicaId: string, at: string): string
  /** A product's tax rate now (returns without a receipt recorded before they kept theirs). */
  rateOf(productId: string): number | undefined
}

/** Until the document is open: the day as the till's own clock wrote it. */
const tillClock: ReportCalendar = { dayOf: (_r, at) => at.slice(0, 10), rateOf: () => undefined }

/**
 * Sales and money pre-added per store-local day: one row per day, till and product (units,
 * sales, revenue, net revenue) and one per day and till (its count, units, revenue and the money
 * figures of the money report). A report over a year reads 365 rows per till, not every sale.
 *
 * Written by the ledger index in the transaction that moves its cursor, so every event is added
 * exactly once (a crash rolls the totals back with the cursor).
 */
export class ReportDays {
  private calendar: ReportCalendar = tillClock
  private readonly addProduct: Statement
  private readonly readMoney: Statement<[string, string]>
  private readonly writeMoney: Statement
  private readonly saleById: Statement<[string]>
  /** Day-and-till rows touched by the batch being indexed, written when it ends. */
  private readonly pending = new Map<string, MoneyDay>()

  constructor(db: Database) {
    this.addProduct = db.prepare(
      // the product's category as the catalog has it when the day's first line is added
      `INSERT INTO report_sales (day, replica_id, product_id, category, qty, sales, revenue_minor, net_minor)
       VALUES (@day, @replicaId, @productId, COALESCE((SELECT category FROM catalog WHERE id = @productId), ''),
               @qty, @sales, @revenueMinor, @netMinor)
       ON CONFLICT (day, replica_id, product_id) DO UPDATE SET
         qty = qty + excluded.qty, sales = sales + excluded.sales,
         revenue_minor = revenue_minor + excluded.revenue_minor, net_minor = net_minor + excluded.net_minor`,
    )
    this.readMoney = db.prepare(
      'SELECT sales, qty, revenue_minor AS revenueMinor, figures FROM report_money WHERE day = ? AND replica_id = ?',
    )
    this.writeMoney = db.prepare(
      `INSERT OR REPLACE INTO report_money (day, replica_id, sales, qty, revenue_minor, figures)
       VALUES (@day, @replicaId, @sales, @qty, @revenueMinor, @figures)`,
    )
    this.saleById = db.prepare(
      `SELECT l.body FROM ledger_by_id i JOIN ledger l ON l.pos = i.pos
         WHERE i.id = ? AND l.type = 'sale' LIMIT 1`,
    )
  }

  attach(calendar: ReportCalendar): void {
    this.calendar = calendar
  }

  /** The day an instant is in at `replicaId`'s store. */
  dayOf(replicaId: string, at: string): string {
    return this.calendar.dayOf(replicaId, at)
  }

  /** Adds a sale or a refund (other events carry no money). */
  note(replicaId: string, e: AllotEvent): void {
    if (e.type === 'sale') this.noteSale(replicaId, e)
    else if (e.type === 'refund') this.noteRefund(replicaId, e)
  }

  /** Writes the day-and-till rows the batch touched. */
  flush(): void {
    for (const m of this.pending.values())
      this.writeMoney.run({
        day: m.day,
        replicaId: m.replicaId,
        sales: m.sales,
        qty: m.qty,
        revenueMinor: m.revenueMinor,
        figures: JSON.stringify(m.figures),
      })
    this.pending.clear()
  }

  private noteSale(replicaId: string, e: SaleEvent): void {
    const day = this.calendar.dayOf(replicaId, e.at)
    const byProduct = new Map<string, { qty: number; revenueMinor: number; netMinor: number }>()
    for (const l of e.lines) {
      const a = lineAmounts(l, e.pricesIncludeTax ?? false)
      const p = byProduct.get(l.productId) ?? { qty: 0, revenueMinor: 0, netMinor: 0 }
      p.qty += l.qty
      p.revenueMinor += a.grossMinor
      p.netMinor += a.netMinor
      byProduct.set(l.productId, p)
    }
    const m = this.moneyDay(day, replicaId)
    for (const [productId, p] of byProduct) {
      this.addProduct.run({ day, replicaId, productId, sales: 1, ...p })
      m.qty += p.qty
      m.revenueMinor += p.revenueMinor
    }
    m.sales += 1
    addSaleFigures(m.figures, e)
  }

  private noteRefund(replicaId: string, r: RefundEvent): void {
    const day = this.calendar.dayOf(replicaId, r.at)
    for (const l of r.lines)
      this.addProduct.run({
        day,
        replicaId,
        productId: l.productId,
        qty: 0,
        sales: 0,
        revenueMinor: -l.amountMinor,
        netMinor: 0,
      })
    const m = this.moneyDay(day, replicaId)
    m.revenueMinor -= r.amountMinor
    const sale = r.saleId === undefined ? undefined : this.sale(r.saleId)
    addRefundFigures(m.figures, r, sale, (id) => this.calendar.rateOf(id))
  }

  private sale(saleId: string): SaleEvent | undefined {
    const row = this.saleById.get(saleId) as { body: string } | undefined
    return row ? (JSON.parse(row.body) as SaleEvent) : undefined
  }

  private moneyDay(day: string, replicaId: string): MoneyDay {
    const key = `${day}\u0000${replicaId}`
    let m = this.pending.get(key)
    if (!m) {
      const row = this.readMoney.get(day, replicaId) as
        { sales: number; qty: number; revenueMinor: number; figures: string } | undefined
      m = row
        ? { day, replicaId, ...row, figures: JSON.parse(row.figures) as PeriodFigures }
        : { day, replicaId, sales: 0, qty: 0, revenueMinor: 0, figures: emptyPeriodFigures() }
      this.pending.set(key, m)
    }
    return m
  }
}

interface MoneyDay {
  day: string
  replicaId: string
  sales: number
  qty: number
  revenueMinor: number
  figures: PeriodFigures
}
