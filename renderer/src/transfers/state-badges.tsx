import type { RequestRowView, ShipmentView } from '../../../shared/api/views.ts'
import { StateBadge, type StateLook } from '../ui/StateBadge.tsx'

const requestLooks: Record<RequestRowView['state'], StateLook> = {
  outstanding: { color: 'yellow', label: 'waiting' },
  answered: { color: 'teal', label: 'answered' },
  cancelled: { color: 'gray', label: 'cancelled' },
}
export const RequestStateBadge = ({ state }: { state: RequestRowView['state'] }) => (
  <StateBadge state={state} looks={requestLooks} />
)

const shipmentLooks: Record<ShipmentView['status'], StateLook> = {
  sent: { color: 'blue', label: 'in transit' },
  received: { color: 'teal', label: 'received' },
  damaged: { color: 'orange', label: 'damaged' },
  lost: { color: 'red', label: 'lost' },
}
export const ShipmentStatusBadge = ({ status }: { status: ShipmentView['status'] }) => (
  <StateBadge state={status} looks={shipmentLooks} />
)
