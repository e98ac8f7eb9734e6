import { useEffect, useRef, type Dispatch } from 'react'
import type { ProductWithStock } from '../../../shared/api/views.ts'
import { useApi } from '../api/api-context.tsx'
import type { CartAction, CartLine } from './cart.ts'

/** Pushed stock changes refresh the "here / chain" figures of the lines in the cart. */
export function useCartStockRefresh(lines: readonly CartLine[], dispatch: Dispatch<CartAction>): void {
  const api = useApi()
  const linesRef = useRef(lines)
  linesRef.current = lines
  useEffect(
    () =>
      api.on('stock.changed', ({ productIds }) => {
        const inCart = new Set(linesRef.current.map((l) => l.product.id))
        const ids = productIds.filter((id) => inCart.has(id))
        if (ids.length === 0) return
        void Promise.all(ids.map((id) => api['catalog.get']({ id }).catch(() => undefined))).then(
          (products) =>
            dispatch({
              type: 'refresh',
              products: products.filter((p): p is ProductWithStock => Boolean(p)),
            }),
        )
      }),
    [api, dispatch],
  )
}
