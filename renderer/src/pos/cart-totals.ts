import { lineAmounts, lineBaseMinor, priceCart, type DiscountSpec } from '../../../shared/api/money.ts'
import { labelledQty, pricePerOf } from '../../../shared/api/weight.ts'
import type { CartLine } from './cart.ts'

export interface CartTotals {
  subtotalMinor: number
  taxMinor: number
  totalMinor: number
  items: number
  /** Everything taken off the catalog prices: line and basket discounts, lower prices set. */
  discountMinor: number
}

/**
 * A line's quantity and price as the sale records them: a scale label's (read by the core's own
 * rule), else the quantity at the catalog's or the overridden price, per kilogram by weight.
 */
export function pricingOf(l: CartLine): { qty: number; unitPriceMinor: number; pricePer: number } {
  if (l.label !== undefined) {
    const q = labelledQty(l.product, l.label)
    if (typeof q !== 'string') return q
  }
  return {
    qty: l.qty,
    unitPriceMinor: l.override?.unitPriceMinor ?? l.product.priceMinor,
    pricePer: pricePerOf(l.product),
  }
}

/** What a line's quantity costs at the catalog price (or the label's), before discounts. */
export const listMinorOf = (l: CartLine): number =>
  lineBaseMinor({ ...pricingOf(l), ...(l.label === undefined && { unitPriceMinor: l.product.priceMinor }) })

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
    lines.map((l) => ({ ...pricingOf(l), taxRate: l.product.taxRateBp, discount: l.discount })),
    basket,
    pricesIncludeTax,
  )
  let discountMinor = priced.basketMinor
  for (const [i, l] of lines.entries())
    discountMinor +=
      (priced.lines[i]?.discount?.amountMinor ?? 0) +
      Math.max(0, listMinorOf(l) - lineBaseMinor(pricingOf(l)))
  // a weighed line is one item, whatever it weighs
  const items = lines.reduce((n, l) => n + (l.product.byWeight ? 1 : l.qty), 0)
  return { ...priced.totals, items, discountMinor }
}

/** What a line costs after its own discount (before the basket's share), as the cart shows it. */
export function lineTotalMinor(line: CartLine, pricesIncludeTax = false): number {
  const priced = priceCart(
    [{ ...pricingOf(line), taxRate: line.product.taxRateBp, discount: line.discount }],
    undefined,
    pricesIncludeTax,
  )
  const first = priced.lines[0]
  return first ? lineAmounts(first, pricesIncludeTax).grossMinor : 0
}

/** What a basket discount applies to: the lines' prices after their own discounts (price terms). */
export function basketBaseMinor(lines: readonly CartLine[]): number {
  const priced = priceCart(
    lines.map((l) => ({ ...pricingOf(l), taxRate: 0, discount: l.discount })),
    undefined,
  )
  return priced.lines.reduce((sum, l) => sum + lineBaseMinor(l) - (l.discount?.amountMinor ?? 0), 0)
}
