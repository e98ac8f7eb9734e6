// A receipt as lines of text for thermal paper: 48 columns on 80 mm paper, 32 on 58 mm. Pure: the
// same lines go to the screen, the OS print dialog and an ESC/POS printer. The amount column is
// never cut: amounts are right-aligned and whatever sits left of them (names, labels) wraps.
import { formatDecimal } from '../money.ts'
import { formatLocalDateTime } from './time-zone.ts'
import { formatKg } from '../weight.ts'

export const paperWidths = { '80mm': 48, '58mm': 32 } as const
export type PaperWidth = keyof typeof paperWidths

/** Tax of one rate: what the other branch's checkout records per rate plugs in as it is. */
export interface ReceiptTaxLine {
  /** Basis points: 1900 = 19 %. */
  rateBp: number
  taxMinor: number
  netMinor: number
}

export interface ReceiptItem {
  name: string
  qty: number
  unitPriceMinor: number
  /** Sold by weight: `qty` is grams; the price per kilogram, absent for a label's printed price. */
  weight?: { perKgMinor?: number }
  /** What the line costs as charged (after its discount, if any). */
  totalMinor: number
  /** A discount taken off this line, shown under it. */
  discount?: { label: string; amountMinor: number }
}

export interface ReceiptTender {
  /** "Cash", "Card", "Gift card GC-1234" … */
  label: string
  amountMinor: number
}

/** A refund as a reprint of its sale lists it. */
export interface ReceiptRefundNote {
  receiptNo: string
  at: string
  totalMinor: number
  /** `weighed`: `qty` is grams. */
  items: Array<{ name: string; qty: number; amountMinor: number; weighed?: boolean }>
}

/** Everything a receipt shows; the store side fills it from a sale or a refund and its settings. */
export interface ReceiptInput {
  kind: 'sale' | 'refund'
  /** A second print of the same receipt says so. */
  copy?: boolean
  business: { name: string; addressLines: string[]; taxId?: string }
  /** A till's own free-text header, printed as typed instead of the business block. */
  headerLines?: string[]
  storeName: string
  receiptNo: string
  /** ISO instant of the sale or refund. */
  at: string
  timeZone: string
  cashier: string
  customer?: string
  currency: string
  /** Digits after the decimal point of `currency`. */
  digits: number
  items: ReceiptItem[]
  /** Basket discounts (after the line discounts). */
  discounts?: Array<{ label: string; amountMinor: number }>
  subtotalMinor: number
  taxMinor: number
  totalMinor: number
  /** Tax per rate; without it one "Tax" line shows `taxMinor`. */
  taxLines?: ReceiptTaxLine[]
  /** How it was paid (a sale) or paid back (a refund). */
  tenders: ReceiptTender[]
  changeMinor?: number
  /** A sale's refunds so far (a reprint shows them). */
  refunds?: ReceiptRefundNote[]
  /** A refund receipt names the sale it refunds. */
  refundOf?: { receiptNo: string; at: string }
  reason?: string
  footer?: string
}

/**
 * Splits text into lines of at most `width` characters, at spaces where it can; a paragraph's
 * leading spaces indent each of its lines.
 */
export function wrap(text: string, width: number): string[] {
  const out: string[] = []
  for (const paragraph of text.split('\n')) {
    const indent = /^ */.exec(paragraph)?.[0].slice(0, Math.max(0, width - 8)) ?? ''
    out.push(...wrapWords(paragraph, width - indent.length).map((l) => indent + l))
  }
  return out
}

function wrapWords(paragraph: string, columns: number): string[] {
  const width = Math.max(1, columns)
  const out: string[] = []
  {
    let line = ''
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      let rest = word
      while (rest.length > 0) {
        const room = line === '' ? width : width - line.length - 1
        if (rest.length <= room) {
          line = line === '' ? rest : `${line} ${rest}`
          rest = ''
        } else if (line !== '') {
          out.push(line)
          line = ''
        } else {
          // a word longer than the paper: cut it, nothing else fits
          out.push(rest.slice(0, width))
          rest = rest.slice(width)
        }
      }
    }
    out.push(line)
  }
  return out
}

/**
 * `left` and a right-aligned `right` on one line; a `left` too long for the room beside `right`
 * wraps onto the lines above it, so `right` (an amount) is never cut.
 */
export function row(left: string, right: string, width: number): string[] {
  // too little room beside it: the label goes above, the amount alone on its line
  if (right.length > width - 8) return [...(left ? wrap(left, width) : []), right.padStart(width)]
  const room = width - right.length - 1
  const lefts = left ? wrap(left, room) : ['']
  const last = lefts.pop() ?? ''
  return [...lefts, `${last.padEnd(room)} ${right}`]
}

function center(text: string, width: number): string[] {
  return wrap(text, width).map((l) => ' '.repeat(Math.floor((width - l.length) / 2)) + l)
}

const percent = (bp: number): string => `${formatDecimal(bp, 2).replace(/\.?0+$/, '')}%`

/** The receipt's lines for paper `width` columns wide (48 on 80 mm, 32 on 58 mm). */
export function receiptLines(r: ReceiptInput, width: number): string[] {
  const money = (minor: number): string => formatDecimal(minor, r.digits)
  const rule = '-'.repeat(width)
  const out: string[] = []
  const add = (...lines: string[]) => out.push(...lines)

  if (r.headerLines) {
    for (const line of r.headerLines) add(...wrap(line, width))
  } else {
    add(...center(r.business.name || r.storeName, width))
    for (const line of r.business.addressLines) add(...center(line, width))
    if (r.business.taxId) add(...center(`Tax ID ${r.business.taxId}`, width))
    if (r.business.name && r.storeName && r.storeName !== r.business.name) add(...center(r.storeName, width))
  }
  add(rule)
  if (r.kind === 'refund') add(...center('REFUND', width))
  if (r.copy) add(...center('COPY', width))
  add(...row(r.kind === 'refund' ? 'Refund' : 'Receipt', r.receiptNo, width))
  add(...row(formatLocalDateTime(r.at, r.timeZone), r.timeZone, width))
  add(...row('Cashier', r.cashier, width))
  if (r.customer) add(...row('Customer', r.customer, width))
  if (r.refundOf)
    add(
      ...row('For sale', r.refundOf.receiptNo, width),
      ...row('of', formatLocalDateTime(r.refundOf.at, r.timeZone), width),
    )
  if (r.reason) add(...wrap(`Reason: ${r.reason}`, width))
  add(rule)

  for (const item of r.items) {
    add(...wrap(item.name, width))
    const qty = item.weight
      ? `  ${formatKg(item.qty)}${item.weight.perKgMinor === undefined ? '' : ` x ${money(item.weight.perKgMinor)}/kg`}`
      : `  ${item.qty} x ${money(item.unitPriceMinor)}`
    add(...row(qty, money(item.totalMinor), width))
    if (item.discount) add(...row(`  ${item.discount.label}`, `-${money(item.discount.amountMinor)}`, width))
  }
  add(rule)
  for (const d of r.discounts ?? []) add(...row(d.label, `-${money(d.amountMinor)}`, width))
  add(...row('Subtotal', money(r.subtotalMinor), width))
  if (r.taxLines && r.taxLines.length > 0) {
    for (const t of [...r.taxLines].sort((a, b) => a.rateBp - b.rateBp))
      add(...row(`Tax ${percent(t.rateBp)} on ${money(t.netMinor)}`, money(t.taxMinor), width))
  } else {
    add(...row('Tax', money(r.taxMinor), width))
  }
  add(
    ...row(r.kind === 'refund' ? `REFUND ${r.currency}` : `TOTAL ${r.currency}`, money(r.totalMinor), width),
  )
  for (const t of r.tenders)
    add(...row(r.kind === 'refund' ? `Paid back: ${t.label}` : t.label, money(t.amountMinor), width))
  if (r.changeMinor) add(...row('Change', money(r.changeMinor), width))

  if (r.refunds && r.refunds.length > 0) {
    add(rule, ...center('REFUNDS', width))
    for (const refund of r.refunds) {
      add(...row(refund.receiptNo, formatLocalDateTime(refund.at, r.timeZone), width))
      for (const i of refund.items)
        add(
          ...row(
            `  ${i.weighed ? formatKg(i.qty) : `${i.qty} x`} ${i.name}`,
            `-${money(i.amountMinor)}`,
            width,
          ),
        )
      add(...row('  Refunded', `-${money(refund.totalMinor)}`, width))
    }
  }
  if (r.footer) add(rule, ...r.footer.split('\n').flatMap((l) => center(l, width)))
  return out
}
