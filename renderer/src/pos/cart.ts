import type { ProductWithStock } from '../../../shared/api/views.ts'

/** One line of the cart: the product as last read from the store (with its stock), and a quantity. */
export interface CartLine {
  product: ProductWithStock
  qty: number
}

export type CartAction =
  | { type: 'add'; product: ProductWithStock; qty: number }
  | { type: 'setQty'; productId: string; qty: number }
  | { type: 'remove'; productId: string }
  | { type: 'refresh'; products: ProductWithStock[] }
  | { type: 'clear' }

export const maxLineQty = 1_000_000

/** The cart as a pure reducer: scanning the same product again adds to its line, newest line on top. */
export function cartReducer(lines: CartLine[], action: CartAction): CartLine[] {
  switch (action.type) {
    case 'add': {
      const existing = lines.find((l) => l.product.id === action.product.id)
      if (!existing) return [{ product: action.product, qty: clampQty(action.qty) }, ...lines]
      const merged = { product: action.product, qty: clampQty(existing.qty + action.qty) }
      return [merged, ...lines.filter((l) => l !== existing)]
    }
    case 'setQty':
      if (action.qty <= 0) return lines.filter((l) => l.product.id !== action.productId)
      return lines.map((l) => (l.product.id === action.productId ? { ...l, qty: clampQty(action.qty) } : l))
    case 'remove':
      return lines.filter((l) => l.product.id !== action.productId)
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
  return lines
    .map((l) => `${l.productId}×${l.qty}`)
    .sort()
    .join('|')
}

/** Lines whose quantity exceeds what this till may sell, as last read. */
export function shortLines(lines: readonly CartLine[]): CartLine[] {
  return lines.filter((l) => l.qty > l.product.here)
}
