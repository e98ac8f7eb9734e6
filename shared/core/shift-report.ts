/**
 * The figures of one shift (X report while open, Z report once closed), computed from the till's
 * own events after its `shift-open`: pure, so every store reports any till's shift alike from its
 * ledger. Refunds pay back in the tender of the sale they refund (cash when that sale is unknown).
 */
import type {
  AllotEvent,
  CardIssueEvent,
  CashMoveEvent,
  PaymentMethod,
  RefundEvent,
  SaleEvent,
  ShiftCloseEvent,
  ShiftOpenEvent,
} from './events.ts'
import { discountsMinor, lineBaseMinor } from './money.ts'

/** How money came in or went out: a payment method, or a card balance (no money moves). */
export type Tender = PaymentMethod | 'gift-card' | 'store-credit'

export interface TenderTotals {
  count: number
  amountMinor: number
}

/** The money figures a shift shares with a period's report. */
export type MoneyFigures = Pick<
  ShiftFigures,
  'sales' | 'salesByTender' | 'refunds' | 'refundsByTender' | 'discounts'
>

export interface ShiftFigures {
  shiftId: string
  openedAt: string
  openedBy: string
  floatMinor: number
  sales: { count: number; totalMinor: number; taxMinor: number }
  /** Money taken per tender, net of change; card balances used show as 'gift-card'. */
  salesByTender: Partial<Record<Tender, TenderTotals>>
  refunds: { count: number; totalMinor: number }
  /** Discounts and price overrides given (price terms): sales with any, the amount, by reason. */
  discounts: { count: number; amountMinor: number; byReason: Record<string, number> }
  /** Paid back per tender; refunds to store credit show as 'store-credit'. */
  refundsByTender: Partial<Record<Tender, TenderTotals>>
  /** Gift cards sold or topped up, and how they were paid. */
  cardsSold: TenderTotals
  cardsSoldByTender: Partial<Record<PaymentMethod, TenderTotals>>
  payIns: TenderTotals
  payOuts: TenderTotals
  noSales: number
  /** Float + cash taken (sales and gift cards) − cash refunded + pay-ins − pay-outs. */
  expectedCashMinor: number
  /** Present once the shift is closed. */
  close?: {
    closedAt: string
    closedBy: string
    countedMinor: number
    /** Counted − expected: positive over, negative short. */
    overShortMinor: number
    blind: boolean
    approvedBy?: string
  }
}

const add = (t: TenderTotals | undefined, amountMinor: number): TenderTotals => ({
  count: (t?.count ?? 0) + 1,
  amountMinor: (t?.amountMinor ?? 0) + amountMinor,
})

/**
 * `events` are the till's own events after the shift's opening, in seq order (those after its close
 * are ignored). `tenderOfSale` names the tender of a refunded sale that is not among them.
 */
export function shiftFigures(
  open: ShiftOpenEvent,
  events: readonly AllotEvent[],
  tenderOfSale: (saleId: string) => PaymentMethod | undefined,
): ShiftFigures {
  const f: ShiftFigures = {
    shiftId: open.id,
    openedAt: open.at,
    openedBy: open.by,
    floatMinor: open.floatMinor,
    sales: { count: 0, totalMinor: 0, taxMinor: 0 },
    salesByTender: {},
    refunds: { count: 0, totalMinor: 0 },
    discounts: { count: 0, amountMinor: 0, byReason: {} },
    refundsByTender: {},
    payIns: { count: 0, amountMinor: 0 },
    payOuts: { count: 0, amountMinor: 0 },
    cardsSold: { count: 0, amountMinor: 0 },
    cardsSoldByTender: {},
    noSales: 0,
    expectedCashMinor: 0,
  }
  const tenders = new Map<string, PaymentMethod>()
  let close: ShiftCloseEvent | undefined
  for (const e of events) {
    if (e.seq <= open.seq) continue
    if (e.type === 'shift-close' && e.shiftId === open.id) {
      close = e
      break
    }
    if (e.type === 'shift-open') break // a newer shift: this one ended without a close record
    if (e.type === 'sale') noteSale(f, e, tenders)
    else if (e.type === 'refund') noteRefund(f, e, refundTender(e, tenders, tenderOfSale))
    else if (e.type === 'card-issue') noteCardSold(f, e)
    else if (e.type === 'cash-move' && e.shiftId === open.id) noteCashMove(f, e)
  }
  f.expectedCashMinor =
    f.floatMinor +
    (f.salesByTender.cash?.amountMinor ?? 0) -
    (f.refundsByTender.cash?.amountMinor ?? 0) +
    (f.cardsSoldByTender.cash?.amountMinor ?? 0) +
    f.payIns.amountMinor -
    f.payOuts.amountMinor
  if (close) {
    f.close = {
      closedAt: close.at,
      closedBy: close.by,
      countedMinor: close.countedMinor,
      overShortMinor: close.countedMinor - close.expectedMinor,
      blind: close.blind,
      ...(close.approvedBy ? { approvedBy: close.approvedBy } : {}),
    }
  }
  return f
}

/** The money of a sale, in figures a shift or a period report keeps. */
export function noteSale(f: MoneyFigures, e: SaleEvent, tenders: Map<string, PaymentMethod>): void {
  tenders.set(e.id, e.payment.method)
  f.sales.count += 1
  f.sales.totalMinor += e.totals.totalMinor
  f.sales.taxMinor += e.totals.taxMinor
  noteDiscounts(f, e)
  const byCards = (e.payment.cards ?? []).reduce((n, c) => n + c.amountMinor, 0)
  if (byCards > 0) f.salesByTender['gift-card'] = add(f.salesByTender['gift-card'], byCards)
  let byParts = 0
  for (const part of e.payment.parts ?? []) {
    byParts += part.amountMinor
    f.salesByTender[part.method] = add(f.salesByTender[part.method], part.amountMinor)
  }
  const rest = e.totals.totalMinor - byCards - byParts
  if (rest > 0 || (byCards === 0 && byParts === 0))
    f.salesByTender[e.payment.method] = add(f.salesByTender[e.payment.method], rest)
}

function noteDiscounts(f: MoneyFigures, e: SaleEvent): void {
  const given = discountsMinor(e.lines)
  if (given === 0) return
  f.discounts.count += 1
  f.discounts.amountMinor += given
  const byReason = (reason: string, amountMinor: number) => {
    f.discounts.byReason[reason] = (f.discounts.byReason[reason] ?? 0) + amountMinor
  }
  for (const l of e.lines) {
    if (l.discount) byReason(l.discount.reason, l.discount.amountMinor)
    if (l.override && l.override.listPriceMinor > l.unitPriceMinor)
      byReason(
        l.override.reason,
        lineBaseMinor({ ...l, unitPriceMinor: l.override.listPriceMinor }) - lineBaseMinor(l),
      )
  }
  if (e.basketDiscount) byReason(e.basketDiscount.reason, e.basketDiscount.amountMinor)
}

function noteCardSold(f: ShiftFigures, e: CardIssueEvent): void {
  if (!e.payment) return // store credit given without money changing hands
  f.cardsSold = add(f.cardsSold, e.amountMinor)
  f.cardsSoldByTender[e.payment.method] = add(f.cardsSoldByTender[e.payment.method], e.amountMinor)
}

export function noteRefund(f: MoneyFigures, e: RefundEvent, tender: Tender): void {
  f.refunds.count += 1
  f.refunds.totalMinor += e.amountMinor
  f.refundsByTender[tender] = add(f.refundsByTender[tender], e.amountMinor)
}

function noteCashMove(f: ShiftFigures, e: CashMoveEvent): void {
  if (e.kind === 'pay-in') f.payIns = add(f.payIns, e.amountMinor)
  else if (e.kind === 'pay-out') f.payOuts = add(f.payOuts, e.amountMinor)
  else f.noSales += 1
}

/**
 * How a refund paid back: store credit, the method it names, else the tender of the sale it
 * refunds (cash when that sale is unknown).
 */
export function refundTender(
  e: RefundEvent,
  tenders: ReadonlyMap<string, PaymentMethod>,
  tenderOfSale: (saleId: string) => PaymentMethod | undefined,
): Tender {
  if (e.toCard) return 'store-credit'
  if (e.method) return e.method
  return (e.saleId === undefined ? undefined : (tenders.get(e.saleId) ?? tenderOfSale(e.saleId))) ?? 'cash'
}

/** The total of a denomination count, in minor units. */
export function countedTotal(denominations: Readonly<Record<string, number>>): number {
  let total = 0
  for (const [value, count] of Object.entries(denominations)) total += Number(value) * count
  return total
}
