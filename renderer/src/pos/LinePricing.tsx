import { Text } from '@mantine/core'
import { formatMoney } from '../format/money.ts'
import type { CartLine } from './cart.ts'
import { pricingOf } from './cart-totals.ts'
import { GRAMS_PER_PRICE, formatKg, formatQty } from '../../../shared/api/weight.ts'

/**
 * Under a cart line: what a scale label sells, the price set instead of the catalog's and the
 * discount given, with why.
 */
export function LinePricing({ line, currency }: { line: CartLine; currency: string }) {
  const { discount, override } = line
  if (!discount && !override && line.label === undefined) return null
  const parts: string[] = []
  if (line.label !== undefined) {
    const q = pricingOf(line)
    parts.push(
      q.pricePer === GRAMS_PER_PRICE
        ? `scale label: ${formatKg(q.qty)} at ${formatMoney(q.unitPriceMinor, currency)}/kg`
        : `scale label: ${formatQty(q.qty, line.product.byWeight)} for ${formatMoney(q.unitPriceMinor, currency)}`,
    )
  }
  if (override)
    parts.push(
      `price ${formatMoney(override.unitPriceMinor, currency)} (was ${formatMoney(line.product.priceMinor, currency)}): ${override.reason}`,
    )
  if (discount)
    parts.push(
      `${'percentBp' in discount ? `${discount.percentBp / 100} %` : formatMoney(discount.amountMinor, currency)} off: ${discount.reason}`,
    )
  return (
    <Text size="xs" c="teal.8" data-testid="line-pricing">
      {parts.join(' · ')}
    </Text>
  )
}
