import { useEffect, useState, type Dispatch } from 'react'
import { useApi } from '../api/api-context.tsx'
import type { CartAction, CartLine } from './cart.ts'
import { cartStorageKey, loadCart, saveCart } from './cart-storage.ts'

/**
 * The cart is kept per store and till, so a reload or a cashier switch never loses it. It is
 * restored from the store's current products (prices and stock as they are now).
 */
export function useSavedCart(
  storeId: string,
  replicaId: string,
  lines: readonly CartLine[],
  dispatch: Dispatch<CartAction>,
): void {
  const api = useApi()
  const storageKey = cartStorageKey(storeId, replicaId)
  const [restored, setRestored] = useState(false)
  useEffect(() => {
    const stored = loadCart(sessionStorage, storageKey)
    let cancelled = false
    void Promise.all(
      stored.map((line) =>
        api['catalog.get']({ id: line.productId }).then(
          (product) => ({ product, qty: line.qty }),
          () => undefined,
        ),
      ),
    ).then((found) => {
      if (cancelled) return
      for (const line of found) if (line) dispatch({ type: 'add', product: line.product, qty: line.qty })
      setRestored(true)
    })
    return () => {
      cancelled = true
    }
  }, [api, storageKey, dispatch])
  useEffect(() => {
    if (restored) saveCart(sessionStorage, storageKey, lines)
  }, [restored, storageKey, lines])
}
