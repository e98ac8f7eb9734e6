import { Badge } from '@mantine/core'
import type { HoldView } from '../../../shared/api/views.ts'
import { ageText } from '../format/time.ts'

/** Whether a hold belongs to an order, has expired, or expires within the hour. */
export function HoldExpiryBadge({ hold, now }: { hold: HoldView; now: number }) {
  const left = Date.parse(hold.expiresAt) - now
  if (hold.orderId)
    return (
      <Badge size="xs" variant="light">
        order
      </Badge>
    )
  if (left <= 0)
    return (
      <Badge size="xs" color="red" variant="light">
        expired · releasing
      </Badge>
    )
  if (left < 3600_000)
    return (
      <Badge size="xs" color="orange" variant="light">
        in {ageText(new Date(now - left).toISOString(), now)}
      </Badge>
    )
  return null
}
