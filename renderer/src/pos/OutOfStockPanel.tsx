import { Alert, Button, Group, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import { useStoreAction } from '../api/use-store-action.ts'
import type { CartLine } from './cart.ts'
import { bestDonor, heldElsewhere, missingUnits, requestableFrom, type ShortLine } from './out-of-stock.ts'

/**
 * The clear out-of-stock message, shown before any payment is taken: which lines are short, how many
 * this till may sell, what the rest of the chain really holds, and a button to ask the store that
 * holds the most for the missing units (never more than it holds). The cart is kept; once the
 * rights arrive (pushed stock event) the cashier simply retries.
 */
export function OutOfStockPanel(props: {
  lines: ShortLine[]
  cart: readonly CartLine[]
  selfReplicaId: string
  onClose: () => void
}) {
  const [requested, setRequested] = useState<Record<string, string>>({})
  const nameOf = (productId: string) =>
    props.cart.find((l) => l.product.id === productId)?.product.name ?? productId
  const ask = useStoreAction('stock.request', { failureTitle: 'Request failed' })

  async function request(line: ShortLine, donorReplicaId: string, storeName: string, missing: number) {
    const done = await ask.run(
      { productId: line.productId, qty: missing, donorReplicaId },
      `Request sent: asked ${storeName} for ${missing} × ${nameOf(line.productId)}.`,
    )
    if (done) setRequested((r) => ({ ...r, [line.productId]: storeName }))
  }

  return (
    <Alert
      color="red"
      variant="light"
      title="Not enough stock at this store: no payment taken"
      withCloseButton
      onClose={props.onClose}
      data-testid="out-of-stock"
    >
      <Stack gap="sm">
        {props.lines.map((line) => {
          const donor = bestDonor(line, props.selfReplicaId)
          const sentTo = requested[line.productId]
          const missing = missingUnits(line)
          const elsewhere = heldElsewhere(line, props.selfReplicaId)
          const asked = donor ? requestableFrom(line, donor) : 0
          return (
            <Group key={line.productId} justify="space-between" wrap="nowrap" data-testid="short-line">
              <div>
                <Text fw={600} size="sm">
                  {nameOf(line.productId)}
                </Text>
                <Text size="sm" data-testid="short-detail">
                  In the cart {line.requested}, this store may sell {line.rightsHere}: {missing} short. Other
                  stores hold {elsewhere} (the whole chain {line.chainValue}).
                </Text>
              </div>
              {sentTo ? (
                <Text size="sm" c="teal.8" fw={600}>
                  Requested from {sentTo} — retry when it arrives
                </Text>
              ) : donor && asked > 0 ? (
                <Button
                  size="xs"
                  variant="filled"
                  color="red.8"
                  onClick={() => void request(line, donor.replicaId, donor.storeName, asked)}
                >
                  Request {asked} from {donor.storeName}
                </Button>
              ) : (
                <Text size="sm" c="dimmed">
                  No other store holds any
                </Text>
              )}
            </Group>
          )
        })}
        <Text size="xs" c="dimmed">
          Reduce the quantity to sell what is here now, or wait for the other store to grant the request.
        </Text>
      </Stack>
    </Alert>
  )
}
