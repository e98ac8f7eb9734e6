import { lineGrossMinor, saleTotals } from '../../../shared/api/money.ts'
import type { CartLine } from './cart.ts'

export interface CartTotals {
  subtotalMinor: number
  taxMinor: number
  totalMinor: number
  items: number
}

/**
 * Totals shown while the cart is built, by the store's own rule (tax-exclusive prices, tax rounded
 * per line). The receipt from the store is the authority; this is the preview.
 */
export function cartTotals(lines: readonly CartLine[]): CartTotals {
  const totals = saleTotals(
    lines.map(({ product, qty }) => ({
      qty,
      unitPriceMinor: product.priceMinor,
      taxRate: product.taxRateBp,
    })),
  )
  return { ...totals, items: lines.reduce((n, l) => n + l.qty, 0) }
}

export function lineTotalMinor(line: CartLine): number {
  return lineGrossMinor(line.qty, line.product.priceMinor, line.product.taxRateBp)
}
