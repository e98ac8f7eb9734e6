import { Text } from '@mantine/core'
import { formatMoney } from '../format/money.ts'
import type { CartLine } from './cart.ts'

/** Under a cart line: the price set instead of the catalog's and the discount given, with why. */
export function LinePricing({ line, currency }: { line: CartLine; currency: string }) {
  const { discount, override } = line
  if (!discount && !override) return null
  const parts: string[] = []
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
