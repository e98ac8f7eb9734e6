import type { Dispatch } from 'react'
import type { CartAction, CartLine, GivenDiscount } from './cart.ts'
import { basketBaseMinor } from './cart-totals.ts'
import { DiscountModal } from './DiscountModal.tsx'

/** Which discount the cashier is giving: one line's (by product), or the whole sale's. */
export type DiscountTarget = { line: string } | 'basket'

/** The discount dialog for a cart line or the basket, wired to the cart. */
export function CartDiscountModal(props: {
  target: DiscountTarget | undefined
  lines: readonly CartLine[]
  basket: GivenDiscount | undefined
  currency: string
  dispatch: Dispatch<CartAction>
  setBasket: (basket: GivenDiscount | undefined) => void
  onClose: () => void
}) {
  const { target } = props
  const line =
    target && target !== 'basket' ? props.lines.find((l) => l.product.id === target.line) : undefined
  // the basket discount applies to what is left after the lines' own discounts
  const basketBase = basketBaseMinor(props.lines)
  return (
    <DiscountModal
      opened={target === 'basket' || line !== undefined}
      title={line ? `Discount on ${line.product.name}` : 'Discount on the whole sale'}
      baseMinor={line ? line.qty * (line.override?.unitPriceMinor ?? line.product.priceMinor) : basketBase}
      currency={props.currency}
      allowPrice={line !== undefined}
      current={line ? { discount: line.discount, override: line.override } : { discount: props.basket }}
      onApply={(change) => {
        if (line) props.dispatch({ type: 'price', productId: line.product.id, ...change })
        else props.setBasket(change.discount)
        props.onClose()
      }}
      onClose={props.onClose}
    />
  )
}
