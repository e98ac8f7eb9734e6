import type { CartLine } from './cart.ts'

export interface CartTotals {
  subtotalMinor: number
  taxMinor: number
  totalMinor: number
  items: number
}

/**
 * Totals shown while the cart is built. Prices are tax-exclusive; tax is rounded half up per line,
 * the same rule the store applies (shared/core/money.ts, which the renderer may not import). The
 * receipt from the store is the authority; this is the preview. BigInt keeps large lines exact.
 */
export function cartTotals(lines: readonly CartLine[]): CartTotals {
  let subtotal = 0n
  let tax = 0n
  let items = 0
  for (const { product, qty } of lines) {
    const net = BigInt(qty) * BigInt(product.priceMinor)
    subtotal += net
    tax += (net * BigInt(product.taxRateBp) + 5000n) / 10000n
    items += qty
  }
  return { subtotalMinor: Number(subtotal), taxMinor: Number(tax), totalMinor: Number(subtotal + tax), items }
}

export function lineTotalMinor(line: CartLine): number {
  const net = BigInt(line.qty) * BigInt(line.product.priceMinor)
  return Number(net + (net * BigInt(line.product.taxRateBp) + 5000n) / 10000n)
}
