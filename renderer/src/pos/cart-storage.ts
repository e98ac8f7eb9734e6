import { z } from 'zod'
import { maxLineQty, type CartLine } from './cart.ts'

/** What is kept of a cart between reloads and cashier switches: product ids and quantities only. */
export interface StoredLine {
  productId: string
  qty: number
}

const storedCart = z.object({
  v: z.literal(1),
  lines: z
    .array(z.object({ productId: z.string().min(1).max(200), qty: z.number().int().min(1).max(maxLineQty) }))
    .max(500),
})

/** One cart per store and till, so two tills (or stores) in one browser never share a cart. */
export function cartStorageKey(storeId: string, replicaId: string): string {
  return `allot.cart.${storeId}.${replicaId}`
}

/** The stored lines, or none when nothing (or something unreadable) is stored. */
export function loadCart(storage: Pick<Storage, 'getItem'>, key: string): StoredLine[] {
  const raw = storage.getItem(key)
  if (!raw) return []
  try {
    const parsed = storedCart.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data.lines : []
  } catch {
    return []
  }
}

export function saveCart(
  storage: Pick<Storage, 'setItem' | 'removeItem'>,
  key: string,
  lines: readonly CartLine[],
): void {
  if (lines.length === 0) {
    storage.removeItem(key)
    return
  }
  const stored = { v: 1, lines: lines.map((l) => ({ productId: l.product.id, qty: l.qty })) }
  storage.setItem(key, JSON.stringify(stored))
}
