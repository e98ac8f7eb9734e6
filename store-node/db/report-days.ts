import type { Statement } from 'better-sqlite3'
import type { AllotEvent, RefundEvent, RestockEvent, SaleEvent } from '../../shared/core/events.ts'
import { lineAmounts } from '../../shared/core/money.ts'
import {
  addRefundFigures,
  addSaleFigures,
  emptyPeriodFigures,
  type PeriodFigures,
} from '../../shared/core/period-report.ts'
import { averageCostMinor } from '../../shared/core/purchase-orders.ts'
import type { Database } from '../../shared/node/sqlite.ts'

/** What the report totals need to know of the chain (`report-sources.ts` reads the document). */
export interface ReportSources {
  /** The day (YYYY-MM-DD) an event of `replicaId` at `at` belongs to, in its store's time zone. */
  dayOf(replicaId: string, at: string): string
  /** The store a till belongs to (the till's own id when unknown). */
  storeOf(replicaId: string): string
  /** A product's tax rate now (returns without a receipt recorded before they kept theirs). */
  rateOf(productId: string): number | undefined
  /** A product's catalog cost now: its cost until anything was received with a cost. */
  catalogCostOf(productId: string): number
}

/** Until the document is open: the day as the till's own clock wrote it. */
const tillClock: ReportSources = {
  dayOf: (_r, at) => at.slice(0, 10),
  storeOf: (r) => r,
  rateOf: () => undefined,
  catalogCostOf: () => 0,
}

/**
 * Sales and money pre-added per store-local day: one row per day, till and product (units,
 * sales, revenue, net revenue, cost), one per day and category, and one per day and till (its
 * count, units, revenue, net, cost and the money figures of the money report). A report over a year reads 365 rows per
 * till, not every sale.
 *
 * A sale's cost is its units at the store's average cost when it is added up here: what the store
 * had received with a cost by then (`report_costs`), else the chain's, else the catalog's cost.
 *
 * Written by the ledger index in the transaction that moves its cursor, so every event is added
 * exactly once (a crash rolls the totals back with the cursor).
 */
export class ReportDays {
  private sources: ReportSources = tillClock
  private readonly addProduct: Statement
  private readonly addCategory: Statement
  private readonly readMoney: Statement<[string, string]>
  private readonly writeMoney: Statement
  private readonly saleById: Statement<[string]>
  private readonly addReceived: Statement
  private readonly storeReceived: Statement<[string, string]>
  private readonly chainReceived: Statement<[string]>
  /** Day-and-till rows touched by the batch being indexed, written when it ends. */
  private readonly pending = new Map<string, MoneyDay>()

  constructor(db: Database) {
    this.addProduct = db.prepare(
      // the product's category as the catalog has it when the day's first line is added
      `INSERT INTO report_sales (day, replica_id, product_id, category, qty, sales, revenue_minor, net_minor, cost_minor)
       VALUES (@day, @replicaId, @productId, COALESCE((SELECT category FROM catalog WHERE id = @productId), ''),
               @qty, @sales, @revenueMinor, @netMinor, @costMinor)
       ON CONFLICT (day, replica_id, product_id) DO UPDATE SET
         qty = qty + excluded.qty, sales = sales + excluded.sales,
         revenue_minor = revenue_minor + excluded.revenue_minor, net_minor = net_minor + excluded.net_minor,
         cost_minor = cost_minor + excluded.cost_minor`,
    )
    this.addCategory = db.prepare(
      `INSERT INTO report_categories (day, category, qty, sales, revenue_minor)
       VALUES (@day, COALESCE((SELECT category FROM catalog WHERE id = @productId), ''), @qty, @sales, @revenueMinor)
       ON CONFLICT (day, category) DO UPDATE SET
         qty = qty + excluded.qty, sales = sales + excluded.sales, revenue_minor = revenue_minor + excluded.revenue_minor`,
    )
    this.readMoney = db.prepare(
      `SELECT sales, qty, revenue_minor AS revenueMinor, net_minor AS netMinor, cost_minor AS costMinor, figures
         FROM report_money WHERE day = ? AND replica_id = ?`,
    )
    this.writeMoney = db.prepare(
      `INSERT OR REPLACE INTO report_money (day, replica_id, sales, qty, revenue_minor, net_minor, cost_minor, figures)
       VALUES (@day, @replicaId, @sales, @qty, @revenueMinor, @netMinor, @costMinor, @figures)`,
    )
    this.saleById = db.prepare(
      `SELECT l.body FROM ledger_by_id i JOIN ledger l ON l.pos = i.pos
         WHERE i.id = ? AND l.type = 'sale' LIMIT 1`,
    )
    this.addReceived = db.prepare(
      `INSERT INTO report_costs (store_id, product_id, qty, total_cost_minor) VALUES (?, ?, ?, ?)
       ON CONFLICT (store_id, product_id) DO UPDATE SET
         qty = qty + excluded.qty, total_cost_minor = total_cost_minor + excluded.total_cost_minor`,
    )
    this.storeReceived = db.prepare(
      'SELECT qty, total_cost_minor AS totalCostMinor FROM report_costs WHERE store_id = ? AND product_id = ?',
    )
    this.chainReceived = db.prepare(
      `SELECT SUM(qty) AS qty, SUM(total_cost_minor) AS totalCostMinor FROM report_costs
        WHERE product_id = ? HAVING SUM(qty) > 0`,
    )
  }

  attach(sources: ReportSources): void {
    this.sources = sources
  }

  /** The day an instant is in at `replicaId`'s store. */
  dayOf(replicaId: string, at: string): string {
    return this.sources.dayOf(replicaId, at)
  }

  /** The store a till belongs to (the till's own id when unknown). */
  storeOf(replicaId: string): string {
    return this.sources.storeOf(replicaId)
  }

  /** Adds a sale, a refund or a costed delivery (other events carry no money). */
  note(replicaId: string, e: AllotEvent): void {
    if (e.type === 'sale') this.noteSale(replicaId, e)
    else if (e.type === 'refund') this.noteRefund(replicaId, e)
    else if (e.type === 'restock') this.noteReceived(replicaId, e)
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
        netMinor: m.netMinor,
        costMinor: m.costMinor,
        figures: JSON.stringify(m.figures),
      })
    this.pending.clear()
  }

  /** Forgets rows of a batch that did not commit (they are read again from the table). */
  discard(): void {
    this.pending.clear()
  }

  private noteSale(replicaId: string, e: SaleEvent): void {
    const day = this.sources.dayOf(replicaId, e.at)
    const storeId = this.sources.storeOf(replicaId)
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
      const costMinor = p.qty * this.unitCost(storeId, productId)
      this.addProduct.run({ day, replicaId, productId, sales: 1, costMinor, ...p })
      this.addCategory.run({ day, productId, qty: p.qty, sales: 1, revenueMinor: p.revenueMinor })
      m.qty += p.qty
      m.revenueMinor += p.revenueMinor
      m.netMinor += p.netMinor
      m.costMinor += costMinor
    }
    m.sales += 1
    addSaleFigures(m.figures, e)
  }

  private noteRefund(replicaId: string, r: RefundEvent): void {
    const day = this.sources.dayOf(replicaId, r.at)
    for (const l of r.lines) {
      this.addProduct.run({
        day,
        replicaId,
        productId: l.productId,
        qty: 0,
        sales: 0,
        revenueMinor: -l.amountMinor,
        netMinor: 0,
        costMinor: 0,
      })
      this.addCategory.run({ day, productId: l.productId, qty: 0, sales: 0, revenueMinor: -l.amountMinor })
    }
    const m = this.moneyDay(day, replicaId)
    m.revenueMinor -= r.amountMinor
    const sale = r.saleId === undefined ? undefined : this.sale(r.saleId)
    addRefundFigures(m.figures, r, sale, (id) => this.sources.rateOf(id))
  }

  /** A delivery received with its cost: part of its store's average cost from now on. */
  private noteReceived(replicaId: string, e: RestockEvent): void {
    if (e.costMinor === undefined) return
    this.addReceived.run(this.sources.storeOf(replicaId), e.productId, e.qty, e.qty * e.costMinor)
  }

  /** A unit's cost at a store now: its own average, else the chain's, else the catalog's. */
  private unitCost(storeId: string, productId: string): number {
    const own = this.storeReceived.get(storeId, productId) as
      { qty: number; totalCostMinor: number } | undefined
    if (own && own.qty > 0) return averageCostMinor(own, 0)
    const chain = this.chainReceived.get(productId) as { qty: number; totalCostMinor: number } | undefined
    return averageCostMinor(chain, this.sources.catalogCostOf(productId))
  }

  private sale(saleId: string): SaleEvent | undefined {
    const row = this.saleById.get(saleId) as { body: string } | undefined
    return row ? (JSON.parse(row.body) as SaleEvent) : undefined
  }

  private moneyDay(day: string, replicaId: string): MoneyDay {
    const key = `${day}\u0000${replicaId}`
    let m = this.pending.get(key)
    if (!m) {
      const row = this.readMoney.get(day, replicaId) as Omit<MoneyDay, 'day' | 'replicaId' | 'figures'> & {
        figures: string
      }
      m = row
        ? { day, replicaId, ...row, figures: JSON.parse(row.figures) as PeriodFigures }
        : {
            day,
            replicaId,
            sales: 0,
            qty: 0,
            revenueMinor: 0,
            netMinor: 0,
            costMinor: 0,
            figures: emptyPeriodFigures(),
          }
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
  netMinor: number
  costMinor: number
  figures: PeriodFigures
}
