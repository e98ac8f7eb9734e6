// Money as text, for every side (store node, renderer): integer minor units ↔ decimal text, exactly,
// never through a float ("3.49" with 2 digits ↔ 349). The totals rule itself is the core's.
export {
  discountOf,
  lineAmounts,
  lineBaseMinor,
  priceCart,
  saleTotals,
  taxByRate,
} from '../core/money.ts'
export type { DiscountSpec } from '../core/money.ts'

const digitsByCurrency = new Map<string, number>()

/** Digits after the decimal point of a currency (2 for EUR, 0 for JPY, 3 for KWD); 2 if unknown. */
export function minorDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency)
  if (digits === undefined) {
    try {
      digits =
        new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
          .maximumFractionDigits ?? 2
    } catch {
      digits = 2
    }
    digitsByCurrency.set(currency, digits)
  }
  return digits
}

/** "20", "20.5", "20,50" → minor units with `digits` decimals; undefined if not such an amount. */
export function parseDecimal(text: string, digits: number): number | undefined {
  const match = /^(\d{1,12})(?:[.,](\d+))?$/.exec(text.trim())
  if (!match) return undefined
  const fraction = match[2] ?? ''
  if (fraction.length > digits) return undefined
  return Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0')
}

/** Minor units as a plain decimal string ("12.50"), as CSV files and input fields want it. */
export function formatDecimal(minor: number, digits: number): string {
  if (digits === 0) return String(minor)
  const sign = minor < 0 ? '-' : ''
  const abs = Math.abs(minor)
  const unit = 10 ** digits
  return `${sign}${Math.floor(abs / unit)}.${String(abs % unit).padStart(digits, '0')}`
}
