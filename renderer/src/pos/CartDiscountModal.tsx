import type { Dispatch } from 'react'
import { keyOf, type CartAction, type CartLine, type GivenDiscount } from './cart.ts'
import { basketBaseMinor, pricingOf } from './cart-totals.ts'
import { lineBaseMinor } from '../../../shared/api/money.ts'
import { DiscountModal } from './DiscountModal.tsx'

/** Which discount the cashier is giving: one line's (by its key), or the whole sale's. */
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
  const line = target && target !== 'basket' ? props.lines.find((l) => keyOf(l) === target.line) : undefined
  // the basket discount applies to what is left after the lines' own discounts
  const basketBase = basketBaseMinor(props.lines)
  return (
    <DiscountModal
      opened={target === 'basket' || line !== undefined}
      title={line ? `Discount on ${line.product.name}` : 'Discount on the whole sale'}
      baseMinor={line ? lineBaseMinor(pricingOf(line)) : basketBase}
      currency={props.currency}
      // a scale label's price is the label's: a discount may come off it, no other price
      allowPrice={line !== undefined && line.label === undefined}
      current={line ? { discount: line.discount, override: line.override } : { discount: props.basket }}
      onApply={(change) => {
        if (line) props.dispatch({ type: 'price', key: keyOf(line), ...change })
        else props.setBasket(change.discount)
        props.onClose()
      }}
      onClose={props.onClose}
    />
  )
}
