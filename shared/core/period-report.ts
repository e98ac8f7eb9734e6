/**
 * The money of a period at one store (or the chain): sales by tender, refunds by how they paid
 * back, discounts by reason, and the VAT by rate of what was sold less what was refunded. Pure, so
 * every store reports any store alike from its ledger; the same rules as a shift's figures.
 */
import type { PaymentMethod, RefundEvent, SaleEvent } from './events.ts'
import { lineAmounts, mulDivRound, splitTaxIncluded } from './money.ts'
import { noteRefund, noteSale, refundTender, type MoneyFigures } from './shift-report.ts'

export interface VatLine {
  rateBp: number
  netMinor: number
  taxMinor: number
}

export interface PeriodFigures extends MoneyFigures {
  /** Sales less refunds, per tax rate (a refund's tax in its sale's proportions). */
  vatByRate: VatLine[]
}

/**
 * `rateOf` gives a product's tax rate now, for returns without a receipt recorded before they kept
 * the rate they were taken out at.
 */
export function periodFigures(
  sales: readonly SaleEvent[],
  refunds: readonly RefundEvent[],
  saleOf: (saleId: string) => SaleEvent | undefined,
  rateOf: (productId: string) => number | undefined = () => undefined,
): PeriodFigures {
  const f: PeriodFigures = {
    sales: { count: 0, totalMinor: 0, taxMinor: 0 },
    salesByTender: {},
    refunds: { count: 0, totalMinor: 0 },
    refundsByTender: {},
    discounts: { count: 0, amountMinor: 0, byReason: {} },
    vatByRate: [],
  }
  const vat = new Map<number, VatLine>()
  const addVat = (rateBp: number, netMinor: number, taxMinor: number) => {
    const v = vat.get(rateBp) ?? { rateBp, netMinor: 0, taxMinor: 0 }
    v.netMinor += netMinor
    v.taxMinor += taxMinor
    vat.set(rateBp, v)
  }
  const tenders = new Map<string, PaymentMethod>()
  for (const e of sales) {
    noteSale(f, e, tenders)
    for (const l of e.lines) {
      const a = lineAmounts(l, e.pricesIncludeTax ?? false)
      addVat(l.taxRate, a.netMinor, a.taxMinor)
    }
  }
  for (const r of refunds) {
    const sale = r.saleId === undefined ? undefined : saleOf(r.saleId)
    noteRefund(
      f,
      r,
      refundTender(r, tenders, (id) => saleOf(id)?.payment.method),
    )
    for (const l of r.lines) {
      const sold = sale?.lines.find((s) => s.productId === l.productId)
      if (!sold) {
        // a return without a receipt: its amount has tax in it at the rate the return recorded
        const rateBp = r.saleId === undefined ? (l.taxRate ?? rateOf(l.productId)) : undefined
        if (rateBp === undefined) continue
        const split = splitTaxIncluded(l.amountMinor, rateBp)
        addVat(rateBp, -split.netMinor, -split.taxMinor)
        continue
      }
      // the refunded amount splits into net and tax as its sale line did
      const a = lineAmounts(sold, sale?.pricesIncludeTax ?? false)
      const net = a.grossMinor === 0 ? 0 : mulDivRound(l.amountMinor, a.netMinor, a.grossMinor)
      addVat(sold.taxRate, -net, -(l.amountMinor - net))
    }
  }
  f.vatByRate = [...vat.values()].sort((a, b) => a.rateBp - b.rateBp)
  return f
}
