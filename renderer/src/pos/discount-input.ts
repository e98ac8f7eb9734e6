import { parseDecimal } from '../../../shared/api/money.ts'
import { formatMoney, parseMoney } from '../format/money.ts'
import type { GivenDiscount, PriceOverride } from './cart.ts'

/** What the cashier chose to change: a percentage off, an amount off, or (a line only) a new price. */
export type DiscountKind = 'percent' | 'amount' | 'price'

export interface DiscountValues {
  kind: DiscountKind
  value: string
  reason: string
}

/** Reasons offered as the cashier types; any other short reason is accepted too. */
export const discountReasons = ['Damaged packaging', 'Price match', 'Loyal customer', 'Staff', 'Promotion']

/** The message under the value field, in the staff's words, or null when it can be given. */
export function discountValueProblem(v: DiscountValues, baseMinor: number, currency: string): string | null {
  if (v.value.trim() === '') return v.kind === 'percent' ? 'Type a percentage' : 'Type an amount'
  if (v.kind === 'percent') {
    const bp = parseDecimal(v.value.trim().replace(',', '.').replace(/%$/, ''), 2)
    if (bp === undefined) return 'Type a percentage such as 10 or 12.5'
    return bp <= 0 || bp > 10_000 ? 'From more than 0 up to 100 %' : null
  }
  const minor = parseMoney(v.value, currency)
  if (minor === undefined) return 'Type an amount such as 2.50'
  if (v.kind === 'price') return minor < 0 ? 'Not below 0' : null
  if (minor <= 0) return 'More than 0'
  return minor > baseMinor ? 'More than the price: at most the whole price' : null
}

/** The discount or override the values give (valid values only: check the problem first). */
export function discountFrom(
  v: DiscountValues,
  currency: string,
): { discount?: GivenDiscount; override?: PriceOverride } {
  const reason = v.reason.trim()
  if (v.kind === 'percent')
    return {
      discount: {
        percentBp: parseDecimal(v.value.trim().replace(',', '.').replace(/%$/, ''), 2) ?? 0,
        reason,
      },
    }
  const minor = parseMoney(v.value, currency) ?? 0
  return v.kind === 'amount'
    ? { discount: { amountMinor: minor, reason } }
    : { override: { unitPriceMinor: minor, reason } }
}

/** The whole sale's discount as the summary shows it. */
export function basketLabelOf(basket: GivenDiscount, currency: string): string {
  const off =
    'percentBp' in basket ? `${basket.percentBp / 100} %` : formatMoney(basket.amountMinor, currency)
  return `${off} off the sale: ${basket.reason}`
}
