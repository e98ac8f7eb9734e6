import { lineAmounts, priceCart, type DiscountSpec } from '../../../shared/api/money.ts'
import type { CartLine } from './cart.ts'

export interface CartTotals {
  subtotalMinor: number
  taxMinor: number
  totalMinor: number
  items: number
  /** Everything taken off the catalog prices: line and basket discounts, lower prices set. */
  discountMinor: number
}

const unitPriceOf = (l: CartLine) => l.override?.unitPriceMinor ?? l.product.priceMinor

/**
 * Totals shown while the cart is built, by the store's own rule (the core's: discounts, then the
 * basket discount shared by what is left of each line, prices with or without tax as the
 * organization says, tax rounded per line), so the screen shows what the sale records.
 */
export function cartTotals(
  lines: readonly CartLine[],
  pricesIncludeTax = false,
  basket?: DiscountSpec,
): CartTotals {
  const priced = priceCart(
    lines.map((l) => ({
      qty: l.qty,
      unitPriceMinor: unitPriceOf(l),
      taxRate: l.product.taxRateBp,
      discount: l.discount,
    })),
    basket,
    pricesIncludeTax,
  )
  let discountMinor = priced.basketMinor
  for (const [i, l] of lines.entries())
    discountMinor +=
      (priced.lines[i]?.discount?.amountMinor ?? 0) +
      Math.max(0, l.product.priceMinor - unitPriceOf(l)) * l.qty
  return { ...priced.totals, items: lines.reduce((n, l) => n + l.qty, 0), discountMinor }
}

/** What a line costs after its own discount (before the basket's share), as the cart shows it. */
export function lineTotalMinor(line: CartLine, pricesIncludeTax = false): number {
  const priced = priceCart(
    [
      {
        qty: line.qty,
        unitPriceMinor: unitPriceOf(line),
        taxRate: line.product.taxRateBp,
        discount: line.discount,
      },
    ],
    undefined,
    pricesIncludeTax,
  )
  const first = priced.lines[0]
  return first ? lineAmounts(first, pricesIncludeTax).grossMinor : 0
}

/** What a basket discount applies to: the lines' prices after their own discounts (price terms). */
export function basketBaseMinor(lines: readonly CartLine[]): number {
  const priced = priceCart(
    lines.map((l) => ({ qty: l.qty, unitPriceMinor: unitPriceOf(l), taxRate: 0, discount: l.discount })),
    undefined,
  )
  return priced.lines.reduce((sum, l) => sum + l.qty * l.unitPriceMinor - (l.discount?.amountMinor ?? 0), 0)
}
