import { z } from 'zod'
import { maxLineQty, type CartLine, type GivenDiscount, type PriceOverride } from './cart.ts'

/** What is kept of a cart between reloads and cashier switches: products, quantities and pricing. */
export interface StoredLine {
  productId: string
  qty: number
  discount?: GivenDiscount
  override?: PriceOverride
  /** A scale label's line (its quantity is read from the label again). */
  label?: string
}

const reason = z.string().min(1).max(200)
const given = z.union([
  z.object({ percentBp: z.number().int().min(1).max(10_000), reason }),
  z.object({ amountMinor: z.number().int().min(1), reason }),
])
const storedCart = z.object({
  v: z.union([z.literal(1), z.literal(2)]),
  lines: z
    .array(
      z.object({
        productId: z.string().min(1).max(200),
        qty: z.number().int().min(1).max(maxLineQty),
        discount: given.optional(),
        override: z.object({ unitPriceMinor: z.number().int().min(0), reason }).optional(),
        label: z.string().max(20).optional(),
      }),
    )
    .max(500),
  basket: given.optional(),
})

/** One cart per store and till, so two tills (or stores) in one browser never share a cart. */
export function cartStorageKey(storeId: string, replicaId: string): string {
  return `allot.cart.${storeId}.${replicaId}`
}

function read(storage: Pick<Storage, 'getItem'>, key: string): z.infer<typeof storedCart> | undefined {
  const raw = storage.getItem(key)
  if (!raw) return undefined
  try {
    const parsed = storedCart.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

/** The stored lines, or none when nothing (or something unreadable) is stored. */
export function loadCart(storage: Pick<Storage, 'getItem'>, key: string): StoredLine[] {
  return (read(storage, key)?.lines ?? []) as StoredLine[]
}

/** The stored discount on the whole sale, if any. */
export function loadBasket(storage: Pick<Storage, 'getItem'>, key: string): GivenDiscount | undefined {
  return read(storage, key)?.basket
}

export function saveCart(
  storage: Pick<Storage, 'setItem' | 'removeItem'>,
  key: string,
  lines: readonly CartLine[],
  basket?: GivenDiscount,
): void {
  if (lines.length === 0) {
    storage.removeItem(key)
    return
  }
  const stored = {
    v: 2,
    lines: lines.map((l) => ({
      productId: l.product.id,
      qty: l.qty,
      ...(l.discount && { discount: l.discount }),
      ...(l.override && { override: l.override }),
      ...(l.label !== undefined && { label: l.label }),
    })),
    ...(basket && { basket }),
  }
  storage.setItem(key, JSON.stringify(stored))
}
