/**
 * The money of a period at one store (or the chain): sales by tender, refunds by how they paid
 * back, discounts by reason, and the VAT by rate of what was sold less what was refunded. Pure, so
 * every store reports any store alike from its ledger; the same rules as a shift's figures.
 */
import type { PaymentMethod, RefundEvent, SaleEvent } from './events.ts'
import { lineAmounts, mulDivRound, splitTaxIncluded } from './money.ts'
import { noteRefund, noteSale, refundTender, type MoneyFigures, type TenderTotals } from './shift-report.ts'

export interface VatLine {
  rateBp: number
  netMinor: number
  taxMinor: number
}

export interface PeriodFigures extends MoneyFigures {
  /** Sales less refunds, per tax rate (a refund's tax in its sale's proportions). */
  vatByRate: VatLine[]
}

/** Figures of nothing: where a period, a day or a till starts. */
export function emptyPeriodFigures(): PeriodFigures {
  return {
    sales: { count: 0, totalMinor: 0, taxMinor: 0 },
    salesByTender: {},
    refunds: { count: 0, totalMinor: 0 },
    refundsByTender: {},
    discounts: { count: 0, amountMinor: 0, byReason: {} },
    vatByRate: [],
  }
}

function addVat(f: PeriodFigures, rateBp: number, netMinor: number, taxMinor: number): void {
  let v = f.vatByRate.find((x) => x.rateBp === rateBp)
  if (!v) {
    f.vatByRate.push((v = { rateBp, netMinor: 0, taxMinor: 0 }))
    f.vatByRate.sort((a, b) => a.rateBp - b.rateBp)
  }
  v.netMinor += netMinor
  v.taxMinor += taxMinor
}

/** Adds one sale to `f`. */
export function addSaleFigures(f: PeriodFigures, e: SaleEvent): void {
  noteSale(f, e, new Map())
  for (const l of e.lines) {
    const a = lineAmounts(l, e.pricesIncludeTax ?? false)
    addVat(f, l.taxRate, a.netMinor, a.taxMinor)
  }
}

/**
 * Adds one refund to `f`: paid back in its own method, else its sale's tender; its tax comes off
 * in its sale line's proportions, or for a return without a receipt at the rate it recorded
 * (`rateOf`, a product's rate now, serves returns recorded before they kept it).
 */
export function addRefundFigures(
  f: PeriodFigures,
  r: RefundEvent,
  sale: SaleEvent | undefined,
  rateOf: (productId: string) => number | undefined = () => undefined,
): void {
  noteRefund(
    f,
    r,
    refundTender(r, new Map<string, PaymentMethod>(), () => sale?.payment.method),
  )
  for (const l of r.lines) {
    const sold = sale?.lines.find((s) => s.productId === l.productId)
    if (!sold) {
      const rateBp = r.saleId === undefined ? (l.taxRate ?? rateOf(l.productId)) : undefined
      if (rateBp === undefined) continue
      const split = splitTaxIncluded(l.amountMinor, rateBp)
      addVat(f, rateBp, -split.netMinor, -split.taxMinor)
      continue
    }
    const a = lineAmounts(sold, sale?.pricesIncludeTax ?? false)
    const net = a.grossMinor === 0 ? 0 : mulDivRound(l.amountMinor, a.netMinor, a.grossMinor)
    addVat(f, sold.taxRate, -net, -(l.amountMinor - net))
  }
}

const addTotals = (
  into: Partial<Record<string, TenderTotals>>,
  from: Partial<Record<string, TenderTotals>>,
) => {
  for (const [k, t] of Object.entries(from)) {
    if (!t) continue
    const to = (into[k] ??= { count: 0, amountMinor: 0 })
    to.count += t.count
    to.amountMinor += t.amountMinor
  }
}

/** Adds the figures of `from` (another day, till or store) into `into`. */
export function mergePeriodFigures(into: PeriodFigures, from: PeriodFigures): PeriodFigures {
  into.sales.count += from.sales.count
  into.sales.totalMinor += from.sales.totalMinor
  into.sales.taxMinor += from.sales.taxMinor
  into.refunds.count += from.refunds.count
  into.refunds.totalMinor += from.refunds.totalMinor
  addTotals(into.salesByTender, from.salesByTender)
  addTotals(into.refundsByTender, from.refundsByTender)
  into.discounts.count += from.discounts.count
  into.discounts.amountMinor += from.discounts.amountMinor
  for (const [reason, amount] of Object.entries(from.discounts.byReason))
    into.discounts.byReason[reason] = (into.discounts.byReason[reason] ?? 0) + amount
  for (const v of from.vatByRate) addVat(into, v.rateBp, v.netMinor, v.taxMinor)
  return into
}
