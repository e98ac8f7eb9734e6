import type { Dispatch } from 'react'
import type { ParkedCartView } from '../../../shared/api/views.ts'
import { useApi } from '../api/api-context.tsx'
import type { CartAction, CartLine } from './cart.ts'
import { ParkedSalesModal } from './ParkedSalesModal.tsx'
import { ParkModal } from './ParkModal.tsx'
import { labelledQty } from '../../../shared/api/weight.ts'
import { GiftCardModal } from './GiftCardModal.tsx'

export type ParkDialog = 'park' | 'parked' | 'giftcard'

/**
 * The checkout's side dialogs: parking the cart, recalling a parked sale into the empty cart
 * (products as they are now), selling a gift card.
 */
export function ParkedDialogs(props: {
  open: ParkDialog | undefined
  lines: readonly CartLine[]
  hasDiscounts: boolean
  dispatch: Dispatch<CartAction>
  /** The cart was parked: start a new sale. */
  onParked: () => void
  onClose: () => void
}) {
  const api = useApi()
  const recalled = async (parked: ParkedCartView) => {
    props.onClose()
    const products = await Promise.all(
      parked.lines.map((l) => api['catalog.get']({ id: l.productId }).catch(() => undefined)),
    )
    parked.lines.forEach((l, i) => {
      const product = products[i]
      if (!product) return
      // a label's package comes back as the label reads now (its grams, or one piece)
      const labelled = l.label === undefined ? undefined : labelledQty(product, l.label)
      if (typeof labelled === 'string') return
      props.dispatch({
        type: 'add',
        product,
        qty: labelled?.qty ?? l.qty,
        ...(l.label !== undefined && { label: l.label }),
      })
    })
  }
  return (
    <>
      <ParkModal
        opened={props.open === 'park'}
        lines={props.lines}
        hasDiscounts={props.hasDiscounts}
        onParked={() => {
          props.onClose()
          props.onParked()
        }}
        onClose={props.onClose}
      />
      <GiftCardModal opened={props.open === 'giftcard'} onClose={props.onClose} />
      <ParkedSalesModal
        opened={props.open === 'parked'}
        cartEmpty={props.lines.length === 0}
        onRecalled={(p) => void recalled(p)}
        onClose={props.onClose}
      />
    </>
  )
}
