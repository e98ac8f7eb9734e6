import type { DiscountSpec } from '../../../shared/api/money.ts'
import type { ProductWithStock } from '../../../shared/api/views.ts'

/** A discount as the cashier gave it: a percentage or an amount off, and why. */
export type GivenDiscount = DiscountSpec & { reason: string }

/** A price the cashier set instead of the catalog's, and why. */
export interface PriceOverride {
  unitPriceMinor: number
  reason: string
}

/** One line of the cart: the product as last read from the store (with its stock), and a quantity. */
export interface CartLine {
  product: ProductWithStock
  qty: number
  discount?: GivenDiscount
  override?: PriceOverride
}

export type CartAction =
  | { type: 'add'; product: ProductWithStock; qty: number }
  | { type: 'setQty'; productId: string; qty: number }
  | { type: 'remove'; productId: string }
  | { type: 'refresh'; products: ProductWithStock[] }
  /** Sets (or, with neither, clears) a line's discount and price override. */
  | { type: 'price'; productId: string; discount?: GivenDiscount; override?: PriceOverride }
  | { type: 'clear' }

export const maxLineQty = 1_000_000

/** The cart as a pure reducer: scanning the same product again adds to its line, newest line on top. */
export function cartReducer(lines: CartLine[], action: CartAction): CartLine[] {
  switch (action.type) {
    case 'add': {
      const existing = lines.find((l) => l.product.id === action.product.id)
      if (!existing) return [{ product: action.product, qty: clampQty(action.qty) }, ...lines]
      const merged = { ...existing, product: action.product, qty: clampQty(existing.qty + action.qty) }
      return [merged, ...lines.filter((l) => l !== existing)]
    }
    case 'setQty':
      if (action.qty <= 0) return lines.filter((l) => l.product.id !== action.productId)
      return lines.map((l) => (l.product.id === action.productId ? { ...l, qty: clampQty(action.qty) } : l))
    case 'remove':
      return lines.filter((l) => l.product.id !== action.productId)
    case 'price':
      return lines.map((l) => {
        if (l.product.id !== action.productId) return l
        const { discount: _d, override: _o, ...plain } = l
        return {
          ...plain,
          ...(action.discount && { discount: action.discount }),
          ...(action.override && { override: action.override }),
        }
      })
    case 'refresh': {
      const fresh = new Map(action.products.map((p) => [p.id, p]))
      return lines.map((l) => {
        const product = fresh.get(l.product.id)
        return product ? { ...l, product } : l
      })
    }
    case 'clear':
      return []
  }
}

function clampQty(qty: number): number {
  return Math.min(maxLineQty, Math.max(1, Math.trunc(qty)))
}

/**
 * What a sale is, for its idempotency key: the same products and quantities in any order are the
 * same sale, whatever tender is tried.
 */
export function saleSignature(lines: readonly { productId: string; qty: number }[]): string {
  // a changed price or discount is another sale too: every field of a line counts
  return lines
    .map((l) => JSON.stringify(Object.entries(l).sort(([a], [b]) => (a < b ? -1 : 1))))
    .sort()
    .join('|')
}

/** The lines as the store's sale (and payment hold) takes them. */
export function saleLinesOf(lines: readonly CartLine[]) {
  return lines.map((l) => ({
    productId: l.product.id,
    qty: l.qty,
    ...(l.override && { unitPriceMinor: l.override.unitPriceMinor, overrideReason: l.override.reason }),
    ...(l.discount && { discount: l.discount }),
  }))
}

/** Lines whose quantity exceeds what this till may sell, as last read. */
export function shortLines(lines: readonly CartLine[]): CartLine[] {
  return lines.filter((l) => l.qty > l.product.here)
}
