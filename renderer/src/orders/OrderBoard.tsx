import { Alert, Badge, Button, Card, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import type { OrderStatus, OrderView } from '../../../shared/api/views.ts'
import { useStoreAction } from '../api/use-store-action.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { formatDateTime } from '../format/time.ts'
import { NewOrderModal } from './NewOrderModal.tsx'
import { orderChanges } from './order-changes.ts'
import { useProductNames } from './use-product-names.ts'

const columns: {
  status: Exclude<OrderStatus, 'delivered' | 'cancelled'>
  label: string
  next: Exclude<OrderStatus, 'pending' | 'cancelled'>
  nextLabel: string
  color: string
}[] = [
  { status: 'pending', label: 'Pending', next: 'confirmed', nextLabel: 'Confirm', color: 'gray' },
  { status: 'confirmed', label: 'Confirmed', next: 'processing', nextLabel: 'Start picking', color: 'blue' },
  { status: 'processing', label: 'Processing', next: 'shipped', nextLabel: 'Mark shipped', color: 'violet' },
  { status: 'shipped', label: 'Shipped', next: 'delivered', nextLabel: 'Delivered', color: 'teal' },
]

/** Customer orders in columns by status; a manager moves them on or cancels them. */
export function OrderBoard({ canEdit }: { canEdit: boolean }) {
  const orders = useStoreQuery('orders.list', {}, { refreshOn: ['stock.changed'] })
  const names = useProductNames(orders.data?.items)
  const [creating, setCreating] = useState(false)
  const advance = useStoreAction('orders.advance', { invalidates: orderChanges })
  const cancel = useStoreAction('orders.cancel', { invalidates: orderChanges })
  const card = (o: OrderView, col: (typeof columns)[number]) => (
    <Card key={o.id} withBorder padding="sm" radius="md" data-testid="order-card">
      <Text fw={600} size="sm">
        {o.customer}
      </Text>
      <Text size="xs" c="dimmed">
        {formatDateTime(o.createdAt)}
      </Text>
      <Stack gap={0} my={6}>
        {o.lines.map((l) => (
          <Text key={l.productId} size="xs">
            {l.qty} × {names[l.productId] ?? '…'}
          </Text>
        ))}
      </Stack>
      {canEdit ? (
        <Group gap={6}>
          <Button
            size="compact-xs"
            color={col.color}
            onClick={() =>
              void advance.run({ orderId: o.id, status: col.next }, `Order for ${o.customer}: ${col.next}`)
            }
          >
            {col.nextLabel}
          </Button>
          {col.status !== 'shipped' ? (
            <Button
              size="compact-xs"
              variant="subtle"
              color="red"
              onClick={() =>
                void cancel.run(
                  { orderId: o.id },
                  `Order for ${o.customer} cancelled; its holds were released`,
                )
              }
            >
              Cancel
            </Button>
          ) : null}
        </Group>
      ) : null}
    </Card>
  )

  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Creating an order holds its goods. Shipping turns the holds into a sale; cancelling (before
          shipping) gives them back.
        </Text>
        {canEdit ? (
          <Button onClick={() => setCreating(true)} data-testid="order-new">
            New order
          </Button>
        ) : null}
      </Group>
      {orders.error ? <Alert color="red">{orders.error}</Alert> : null}
      <SimpleGrid cols={4} spacing="md">
        {columns.map((col) => {
          const items = (orders.data?.items ?? []).filter((o) => o.status === col.status)
          return (
            <Paper
              key={col.status}
              withBorder
              p="sm"
              bg="gray.0"
              mih={320}
              data-testid={`order-col-${col.status}`}
            >
              <Group justify="space-between" mb="sm">
                <Text fw={700}>{col.label}</Text>
                <Badge color={col.color} variant="light">
                  {items.length}
                </Badge>
              </Group>
              <Stack gap="sm">{items.map((o) => card(o, col))}</Stack>
            </Paper>
          )
        })}
      </SimpleGrid>
      {creating ? <NewOrderModal onClose={() => setCreating(false)} /> : null}
    </Stack>
  )
}
