import { Alert } from '@mantine/core'
import type { CartLine } from './cart.ts'
import { OutOfStockPanel } from './OutOfStockPanel.tsx'
import type { ShortLine } from './out-of-stock.ts'

export interface PosMessage {
  tone: 'error' | 'warning'
  text: string
}

/** What the checkout has to say above the cart: a scan's problem, and lines the till may not sell. */
export function PosAlerts(props: {
  message: PosMessage | undefined
  onCloseMessage: () => void
  short: ShortLine[] | undefined
  cart: readonly CartLine[]
  selfReplicaId: string
  onCloseShort: () => void
}) {
  const { message, short } = props
  return (
    <>
      {message ? (
        <Alert
          color={message.tone === 'error' ? 'red' : 'yellow'}
          variant="light"
          withCloseButton
          onClose={props.onCloseMessage}
          data-testid="pos-message"
        >
          {message.text}
        </Alert>
      ) : null}
      {short ? (
        <OutOfStockPanel
          lines={short}
          cart={props.cart}
          selfReplicaId={props.selfReplicaId}
          onClose={props.onCloseShort}
        />
      ) : null}
    </>
  )
}
