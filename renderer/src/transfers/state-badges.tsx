import { Badge } from '@mantine/core'
import type { RequestRowView, ShipmentView } from '../../../shared/api/views.ts'

const requestColor: Record<RequestRowView['state'], string> = {
  outstanding: 'yellow',
  answered: 'teal',
  cancelled: 'gray',
}
export function RequestStateBadge({ state }: { state: RequestRowView['state'] }) {
  return (
    <Badge color={requestColor[state]} variant="light">
      {state === 'outstanding' ? 'waiting' : state}
    </Badge>
  )
}

const shipmentColor: Record<ShipmentView['status'], string> = {
  sent: 'blue',
  received: 'teal',
  damaged: 'orange',
  lost: 'red',
}
const shipmentLabel: Record<ShipmentView['status'], string> = {
  sent: 'in transit',
  received: 'received',
  damaged: 'damaged',
  lost: 'lost',
}
export function ShipmentStatusBadge({ status }: { status: ShipmentView['status'] }) {
  return (
    <Badge color={shipmentColor[status]} variant="light">
      {shipmentLabel[status]}
    </Badge>
  )
}
