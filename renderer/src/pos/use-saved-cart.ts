import { useEffect, useState, type Dispatch } from 'react'
import { useApi } from '../api/api-context.tsx'
import type { CartAction, CartLine, GivenDiscount } from './cart.ts'
import { cartStorageKey, loadBasket, loadCart, saveCart } from './cart-storage.ts'
import { labelledQty } from '../../../shared/api/weight.ts'

/**
 * The cart is kept per store and till, so a reload or a cashier switch never loses it (discounts
 * and prices set included). It is restored from the store's current products (stock as it is now).
 */
export function useSavedCart(
  storeId: string,
  replicaId: string,
  cart: { lines: readonly CartLine[]; basket: GivenDiscount | undefined },
  restore: { dispatch: Dispatch<CartAction>; setBasket: (basket: GivenDiscount | undefined) => void },
): void {
  const api = useApi()
  const storageKey = cartStorageKey(storeId, replicaId)
  const [restored, setRestored] = useState(false)
  const { dispatch, setBasket } = restore
  useEffect(() => {
    const stored = loadCart(sessionStorage, storageKey)
    const basket = loadBasket(sessionStorage, storageKey)
    let cancelled = false
    void Promise.all(
      stored.map((line) =>
        api['catalog.get']({ id: line.productId }).then(
          (product) => ({ ...line, product }),
          () => undefined,
        ),
      ),
    ).then((found) => {
      if (cancelled) return
      for (const line of found) {
        if (!line) continue
        const { product, qty, label, discount, override } = line
        const labelled = label === undefined ? undefined : labelledQty(product, label)
        if (typeof labelled === 'string') continue // no longer this product's label
        dispatch({
          type: 'add',
          product,
          qty: labelled?.qty ?? qty,
          ...(label !== undefined && { label }),
          ...(discount && { discount }),
          ...(override && { override }),
        })
      }
      if (basket) setBasket(basket)
      setRestored(true)
    })
    return () => {
      cancelled = true
    }
  }, [api, storageKey, dispatch, setBasket])
  useEffect(() => {
    if (restored) saveCart(sessionStorage, storageKey, cart.lines, cart.basket)
  }, [restored, storageKey, cart.lines, cart.basket])
}
