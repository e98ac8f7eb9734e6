import { lineAmounts, saleTotals } from '../../../shared/api/money.ts'
import type { CartLine } from './cart.ts'

export interface CartTotals {
  subtotalMinor: number
  taxMinor: number
  totalMinor: number
  items: number
}

/**
 * Totals shown while the cart is built, by the store's own rule (the core's: prices with or without
 * tax as the organization says, tax rounded per line), so the screen shows what the sale records.
 */
export function cartTotals(lines: readonly CartLine[], pricesIncludeTax = false): CartTotals {
  const totals = saleTotals(
    lines.map(({ product, qty }) => ({
      qty,
      unitPriceMinor: product.priceMinor,
      taxRate: product.taxRateBp,
    })),
    pricesIncludeTax,
  )
  return { ...totals, items: lines.reduce((n, l) => n + l.qty, 0) }
}

export function lineTotalMinor(line: CartLine, pricesIncludeTax = false): number {
  return lineAmounts(
    { qty: line.qty, unitPriceMinor: line.product.priceMinor, taxRate: line.product.taxRateBp },
    pricesIncludeTax,
  ).grossMinor
}
