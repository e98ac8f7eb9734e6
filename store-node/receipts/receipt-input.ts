import type { Discount, PaymentMethod, RefundEvent, SaleEvent } from '../../shared/core/events.ts'
import { lineAmounts, mulDivRound, splitTaxIncluded, taxByRate } from '../../shared/core/money.ts'
import {
  readMeta,
  readProduct,
  readReplica,
  readStore,
  StoreReceiptSchema,
} from '../../shared/core/schema.ts'
import { minorDigits } from '../../shared/api/money.ts'
import type { ReceiptInput, ReceiptTaxLine, ReceiptTender } from '../../shared/api/receipt/receipt-text.ts'
import { DEFAULT_TIME_ZONE, isTimeZone } from '../../shared/api/receipt/time-zone.ts'
import type { NodeContext } from '../api/context.ts'
import { userName } from '../api/views.ts'
import { receiptNoOf } from './receipt-number.ts'
import { GRAMS_PER_PRICE } from '../../shared/core/scale-line.ts'

// From a recorded sale or refund to what its receipt shows. A receipt prints in the time zone
// and with the business details of the store whose till recorded it, whichever till reprints it.

const methodLabels: Record<PaymentMethod, string> = { cash: 'Cash', card: 'Card', other: 'Other' }

/** The time zone, business details and name of the store `replicaId` belongs to. */
export function storeLookOf(ctx: NodeContext, replicaId: string) {
  const info = readReplica(ctx.doc, replicaId)
  const store = info ? readStore(ctx.doc, info.storeId) : undefined
  const receipt = StoreReceiptSchema.parse(store?.receipt ?? {})
  return {
    // a zone this platform does not know (written by a newer app, or by hand) prints UTC, never fails
    timeZone: store?.timeZone && isTimeZone(store.timeZone) ? store.timeZone : DEFAULT_TIME_ZONE,
    storeId: info?.storeId,
    storeName: store?.name ?? info?.storeName ?? '',
    address: store?.address ?? '',
    receipt,
  }
}

function productName(ctx: NodeContext, productId: string): string {
  return readProduct(ctx.doc, productId)?.name ?? productId
}

/**
 * Tax per rate from the lines (the core computes tax per line, so the per-rate sums add up to
 * the sale's tax exactly). A checkout that records its own per-rate figures replaces this.
 */
/**
 * A refund's tax per rate: each product's refunded amount holds tax in the proportion its sale
 * line paid (after discounts), so a refund of everything gives back exactly the sale's tax.
 */
function refundTaxLines(sale: SaleEvent, refund: RefundEvent): ReceiptTaxLine[] {
  const byRate = new Map<number, ReceiptTaxLine>()
  for (const l of refund.lines) {
    const sold = sale.lines.filter((s) => s.productId === l.productId)
    if (sold.length === 0) continue
    const paid = sold.map((s) => lineAmounts(s, sale.pricesIncludeTax))
    const gross = paid.reduce((n, a) => n + a.grossMinor, 0)
    const net = paid.reduce((n, a) => n + a.netMinor, 0)
    const refundNet = gross === 0 ? 0 : mulDivRound(l.amountMinor, net, gross)
    const rateBp = sold[0]!.taxRate
    const t = byRate.get(rateBp) ?? { rateBp, netMinor: 0, taxMinor: 0 }
    t.netMinor += refundNet
    t.taxMinor += l.amountMinor - refundNet
    byRate.set(rateBp, t)
  }
  return [...byRate.values()].sort((a, b) => a.rateBp - b.rateBp)
}

/**
 * A sale's tax per rate, only when the per-rate sums add up to what the sale recorded: a sale
 * whose totals were computed otherwise (discounts, tax-inclusive prices) prints one tax line
 * rather than figures that disagree with its total.
 */
function saleTaxLines(e: SaleEvent): { taxLines?: ReceiptTaxLine[] } {
  const taxLines = taxByRate(e.lines, e.pricesIncludeTax)
  const tax = taxLines.reduce((sum, t) => sum + t.taxMinor, 0)
  const net = taxLines.reduce((sum, t) => sum + t.netMinor, 0)
  return tax === e.totals.taxMinor && net === e.totals.subtotalMinor ? { taxLines } : {}
}

function common(ctx: NodeContext, replicaId: string) {
  const meta = readMeta(ctx.doc)
  const currency = meta.currency ?? ''
  const look = storeLookOf(ctx, replicaId)
  const storeAddress = look.address ? look.address.split('\n') : []
  return {
    // until a manager fills in the business details: the organisation's name, the store's address
    business: {
      name: look.receipt.businessName || meta.orgName || '',
      addressLines: look.receipt.addressLines.length > 0 ? look.receipt.addressLines : storeAddress,
      ...(look.receipt.taxId ? { taxId: look.receipt.taxId } : {}),
    },
    storeName: look.storeName,
    timeZone: look.timeZone,
    currency,
    digits: minorDigits(currency || 'EUR'),
    ...(look.receipt.footer ? { footer: look.receipt.footer } : {}),
  }
}

function saleTenders(e: SaleEvent): ReceiptTender[] {
  return [
    ...(e.payment.cards ?? []).map((c) => ({ label: `Gift card ${c.cardId}`, amountMinor: c.amountMinor })),
    ...(e.payment.parts ?? []).map((p) => ({ label: methodLabels[p.method], amountMinor: p.amountMinor })),
    { label: methodLabels[e.payment.method], amountMinor: e.payment.tenderedMinor },
  ]
}

function refundItems(ctx: NodeContext, sale: SaleEvent | undefined, refund: RefundEvent) {
  return refund.lines.map((l) => {
    const line = sale?.lines.find((s) => s.productId === l.productId)
    return {
      name: productName(ctx, l.productId),
      qty: l.qty,
      amountMinor: l.amountMinor,
      line,
      // grams: sold by weight (a line priced per many units, or the product as it is now)
      weighed: line ? (line.pricePer ?? 1) !== 1 : readProduct(ctx.doc, l.productId)?.byWeight === true,
    }
  })
}

/**
 * Tax of a return without a receipt: its amounts are catalog prices with tax, so each line's tax is
 * taken out at the rate the return recorded (the product's that day; older returns: the rate now).
 */
function returnTaxLines(ctx: NodeContext, refund: RefundEvent): ReceiptTaxLine[] | undefined {
  const byRate = new Map<number, ReceiptTaxLine>()
  for (const l of refund.lines) {
    const rateBp = l.taxRate ?? readProduct(ctx.doc, l.productId)?.taxRate
    if (rateBp === undefined) return undefined
    const split = splitTaxIncluded(l.amountMinor, rateBp)
    const t = byRate.get(rateBp) ?? { rateBp, netMinor: 0, taxMinor: 0 }
    t.netMinor += split.netMinor
    t.taxMinor += split.taxMinor
    byRate.set(rateBp, t)
  }
  return [...byRate.values()].sort((a, b) => a.rateBp - b.rateBp)
}

export interface RecordedEvent<E> {
  replicaId: string
  event: E
}

/** What a line costs with tax as charged (the receipt's terms), given its discounts as stated. */
const grossOf = (l: Parameters<typeof lineAmounts>[0], pricesIncludeTax: boolean | undefined) =>
  lineAmounts(l, pricesIncludeTax ?? false).grossMinor

/** A sale's receipt; with its refunds so far (a reprint shows them). */
export function saleReceiptInput(
  ctx: NodeContext,
  sale: RecordedEvent<SaleEvent>,
  refunds: RecordedEvent<RefundEvent>[],
  copy: boolean,
): ReceiptInput {
  const e = sale.event
  const base = common(ctx, sale.replicaId)
  return {
    kind: 'sale',
    ...(copy ? { copy } : {}),
    ...base,
    receiptNo: receiptNoOf(ctx, sale.replicaId, e.seq),
    at: e.at,
    cashier: userName(ctx, e.by),
    ...(e.customer?.name ? { customer: e.customer.name } : {}),
    // Each line at its full price with tax as charged, its discount under it, the basket's after
    // the lines: all in the same terms as the TOTAL, so the receipt adds up read top to bottom.
    items: e.lines.map((l) => {
      const full = grossOf({ ...l, discount: undefined, basketShareMinor: 0 }, e.pricesIncludeTax)
      return {
        name: productName(ctx, l.productId),
        qty: l.qty,
        unitPriceMinor: l.unitPriceMinor,
        // by weight: grams at a price per kilogram, or a label's grams at its printed price
        ...(l.pricePer !== undefined &&
          l.pricePer !== 1 && {
            weight: l.pricePer === GRAMS_PER_PRICE ? { perKgMinor: l.unitPriceMinor } : {},
          }),
        totalMinor: full,
        ...(l.discount && {
          discount: {
            label: discountLabel(l.discount),
            amountMinor: full - grossOf({ ...l, basketShareMinor: 0 }, e.pricesIncludeTax),
          },
        }),
      }
    }),
    ...(e.basketDiscount && {
      discounts: [
        {
          label: discountLabel(e.basketDiscount),
          amountMinor: e.lines.reduce(
            (sum, l) =>
              sum +
              grossOf({ ...l, basketShareMinor: 0 }, e.pricesIncludeTax) -
              grossOf(l, e.pricesIncludeTax),
            0,
          ),
        },
      ],
    }),
    subtotalMinor: e.totals.subtotalMinor,
    taxMinor: e.totals.taxMinor,
    totalMinor: e.totals.totalMinor,
    ...saleTaxLines(e),
    tenders: saleTenders(e),
    changeMinor: e.payment.changeMinor,
    refunds: refunds.map((r) => ({
      receiptNo: receiptNoOf(ctx, r.replicaId, r.event.seq),
      at: r.event.at,
      totalMinor: r.event.amountMinor,
      items: refundItems(ctx, e, r.event).map(({ name, qty, amountMinor, weighed }) => ({
        name,
        qty,
        amountMinor,
        ...(weighed && { weighed }),
      })),
    })),
  }
}

/** A refund's own receipt: what came back, how the money went back, which sale it refunds. */
export function refundReceiptInput(
  ctx: NodeContext,
  refund: RecordedEvent<RefundEvent>,
  /** Absent for a return without a receipt. */
  sale: RecordedEvent<SaleEvent> | undefined,
  copy: boolean,
): ReceiptInput {
  const r = refund.event
  const items = refundItems(ctx, sale?.event, r)
  const taxLines = sale ? refundTaxLines(sale.event, r) : returnTaxLines(ctx, r)
  // only when every line's rate is known (a line missing from the sale would make them not add up)
  const allTaxed = sale ? items.every((i) => i.line) : taxLines !== undefined
  const taxMinor = (taxLines ?? []).reduce((sum, t) => sum + t.taxMinor, 0)
  const method = r.method ?? sale?.event.payment.method ?? 'cash'
  return {
    kind: 'refund',
    ...(copy ? { copy } : {}),
    ...common(ctx, refund.replicaId),
    receiptNo: receiptNoOf(ctx, refund.replicaId, r.seq),
    at: r.at,
    cashier: userName(ctx, r.by),
    ...(sale?.event.customer?.name ? { customer: sale.event.customer.name } : {}),
    ...(sale && {
      refundOf: { receiptNo: receiptNoOf(ctx, sale.replicaId, sale.event.seq), at: sale.event.at },
    }),
    ...(r.reason ? { reason: r.reason } : {}),
    items: items.map((i) => ({
      name: i.name,
      qty: i.qty,
      unitPriceMinor: i.line?.unitPriceMinor ?? Math.round(i.amountMinor / i.qty),
      ...(i.weighed && {
        weight: i.line?.pricePer === GRAMS_PER_PRICE ? { perKgMinor: i.line.unitPriceMinor } : {},
      }),
      totalMinor: i.amountMinor,
    })),
    subtotalMinor: r.amountMinor - taxMinor,
    taxMinor,
    totalMinor: r.amountMinor,
    ...(allTaxed && taxLines ? { taxLines } : {}),
    tenders: [
      {
        label: r.toCard ? `Store credit ${r.toCard}` : methodLabels[method],
        amountMinor: r.amountMinor,
      },
    ],
  }
}

/** "Discount 10 % (loyal customer)" or "Discount (damaged box)". */
function discountLabel(d: Discount): string {
  const pct = d.percentBp !== undefined ? ` ${d.percentBp / 100} %` : ''
  return `Discount${pct} (${d.reason})`
}
