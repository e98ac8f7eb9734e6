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
  /** Units; grams of a product sold by weight (a scale label's grams, too). */
  qty: number
  discount?: GivenDiscount
  override?: PriceOverride
  /** The scale label it was scanned from: the label fixes its quantity and price. */
  label?: string
  /** Tells apart two packages with the same label (absent: the line is its product's one line). */
  key?: string
}

/** The key a line is changed by: its product, or its package for a scale label's line. */
export const keyOf = (line: Pick<CartLine, 'product' | 'key'>): string => line.key ?? line.product.id

export type CartAction =
  | {
      type: 'add'
      product: ProductWithStock
      qty: number
      /** A scale label: a line of its own per package, `qty` its grams (or one piece). */
      label?: string
      /** Pricing kept with a restored line. */
      discount?: GivenDiscount
      override?: PriceOverride
    }
  | { type: 'setQty'; key: string; qty: number }
  | { type: 'remove'; key: string }
  | { type: 'refresh'; products: ProductWithStock[] }
  /** Sets (or, with neither, clears) a line's discount and price override. */
  | { type: 'price'; key: string; discount?: GivenDiscount; override?: PriceOverride }
  | { type: 'clear' }

export const maxLineQty = 1_000_000

/**
 * The cart as a pure reducer: scanning the same product again adds to its line, newest line on
 * top; each scale label is a package of its own, its quantity fixed by the label.
 */
export function cartReducer(lines: CartLine[], action: CartAction): CartLine[] {
  switch (action.type) {
    case 'add': {
      const pricing = {
        ...(action.discount && { discount: action.discount }),
        ...(action.override && !action.label && { override: action.override }),
      }
      if (action.label !== undefined) {
        const label = action.label
        const same = lines.filter((l) => l.label === label).length
        return [
          { product: action.product, qty: action.qty, label, key: `${label}#${same + 1}`, ...pricing },
          ...lines,
        ]
      }
      const existing = lines.find((l) => l.product.id === action.product.id && l.label === undefined)
      if (!existing) return [{ product: action.product, qty: clampQty(action.qty), ...pricing }, ...lines]
      const merged = {
        ...existing,
        product: action.product,
        qty: clampQty(existing.qty + action.qty),
        ...pricing,
      }
      return [merged, ...lines.filter((l) => l !== existing)]
    }
    case 'setQty':
      if (action.qty <= 0) return lines.filter((l) => keyOf(l) !== action.key)
      // a label's quantity is what the scale weighed: it cannot be typed over
      return lines.map((l) => (keyOf(l) === action.key && !l.label ? { ...l, qty: clampQty(action.qty) } : l))
    case 'remove':
      return lines.filter((l) => keyOf(l) !== action.key)
    case 'price':
      return lines.map((l) => {
        if (keyOf(l) !== action.key) return l
        const { discount: _d, override: _o, ...plain } = l
        return {
          ...plain,
          ...(action.discount && { discount: action.discount }),
          ...(action.override && !l.label && { override: action.override }),
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
    // a label sells one package: the store reads its grams and price from the label itself
    ...(l.label !== undefined ? { qty: 1, label: l.label } : { qty: l.qty }),
    ...(l.override && { unitPriceMinor: l.override.unitPriceMinor, overrideReason: l.override.reason }),
    ...(l.discount && { discount: l.discount }),
  }))
}

/** Lines whose quantity exceeds what this till may sell, as last read. */
export function shortLines(lines: readonly CartLine[]): CartLine[] {
  // packages of one product add up against its stock
  const wanted = new Map<string, number>()
  for (const l of lines) wanted.set(l.product.id, (wanted.get(l.product.id) ?? 0) + l.qty)
  return lines.filter((l) => (wanted.get(l.product.id) ?? 0) > l.product.here)
}
