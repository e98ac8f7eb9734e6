import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core'
import { useEffect, useState } from 'react'
import type {
  HoldView,
  OrderStatus,
  OrderView,
  ProductWithStock,
  SaleView,
} from '../../../shared/api/views.ts'
import { describeError } from '../api/describe-error.ts'
import { PaymentModal, type Payment } from '../pos/PaymentModal.tsx'
import { ReceiptModal } from '../pos/ReceiptModal.tsx'
import { useApi } from '../api/api-context.tsx'
import { hasRole, useSession } from '../app/session-context.tsx'
import { ageText, formatDateTime } from '../format/time.ts'
import { PageHeader } from '../ui/PageHeader.tsx'
import { ProductPicker } from '../ui/ProductPicker.tsx'
import { useInvalidate, useStoreQuery } from '../api/use-store-query.ts'
import { attempt } from '../ui/attempt.ts'

const newKey = () => `ui-${crypto.randomUUID()}`

/** Holds for customers (with expiry) and the customer order board. */
export function OrdersScreen() {
  const { user } = useSession()
  const invalidate = useInvalidate()
  // Expired holds are released by the store every 30 s: look again now and then.
  useEffect(() => {
    const t = setInterval(() => invalidate('reservations.list', 'orders.list'), 15_000)
    return () => clearInterval(t)
  }, [invalidate])
  return (
    <Stack gap="md">
      <PageHeader
        title="Reservations & orders"
        subtitle="Put goods aside for a customer, and follow customer orders from pending to delivered."
      />
      <Tabs defaultValue="holds" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="holds">Holds</Tabs.Tab>
          <Tabs.Tab value="orders">Order board</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="holds">
          <HoldsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="orders">
          <OrderBoard canEdit={hasRole(user, 'manager')} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  )
}

const ttlOptions = [
  { value: '30', label: '30 minutes' },
  { value: '120', label: '2 hours' },
  { value: '1440', label: '1 day' },
  { value: '4320', label: '3 days' },
  { value: '10080', label: '1 week' },
]

function HoldsPanel() {
  const api = useApi()
  const { session, currency } = useSession()
  const holds = useStoreQuery('reservations.list', {}, { refreshOn: ['stock.changed'] })
  const invalidate = useInvalidate()
  const onChanged = () => invalidate('reservations.list', 'orders.list')
  const [product, setProduct] = useState<ProductWithStock>()
  const [qty, setQty] = useState(1)
  const [customer, setCustomer] = useState('')
  const [ttl, setTtl] = useState<string | null>('1440')
  const [key, setKey] = useState(newKey)
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => setNow(Date.now()), [holds.data])

  const create = async () => {
    if (!product) return
    const ok = await attempt(
      `Held ${qty} × ${product.name} for ${customer}`,
      () =>
        api['reservations.create']({
          idempotencyKey: key,
          productId: product.id,
          qty,
          customer: customer.trim(),
          ttlMinutes: Number(ttl),
        }),
      onChanged,
    )
    if (ok) {
      setKey(newKey())
      setCustomer('')
      setQty(1)
    }
  }
  const release = (h: HoldView) =>
    attempt(
      `Released ${h.qty} × ${h.productName}`,
      () => api['reservations.release']({ holdId: h.id }),
      onChanged,
    )
  // Selling a hold takes the payment like any sale, then shows its receipt. One key per hold
  // being sold: a retry after a lost answer never sells it twice.
  const [selling, setSelling] = useState<{ hold: HoldView; key: string }>()
  const [payError, setPayError] = useState<string>()
  const [paying, setPaying] = useState(false)
  const [sold, setSold] = useState<SaleView>()
  const fulfil = (h: HoldView) => {
    setPayError(undefined)
    setSelling({ hold: h, key: newKey() })
  }
  const pay = async (payment: Payment) => {
    if (!selling) return
    setPaying(true)
    try {
      const sale = await api['reservations.fulfil']({
        idempotencyKey: selling.key,
        holdId: selling.hold.id,
        payment,
      })
      setSelling(undefined)
      setSold(sale)
      onChanged()
    } catch (e) {
      setPayError(describeError(e))
    } finally {
      setPaying(false)
    }
  }

  return (
    <Stack>
      <PaymentModal
        opened={selling !== undefined}
        initialMethod="cash"
        totalMinor={selling?.hold.totalMinor ?? 0}
        currency={currency}
        busy={paying}
        {...(payError ? { error: payError } : {})}
        onPay={(payment) => void pay(payment)}
        onClose={() => setSelling(undefined)}
      />
      <ReceiptModal sale={sold} currency={currency} onClose={() => setSold(undefined)} />
      <Paper withBorder p="md">
        <Text fw={700} mb="sm">
          New hold
        </Text>
        <Group align="flex-end">
          <ProductPicker
            label="Product"
            value={product}
            onChange={setProduct}
            testId="hold-product"
            w={300}
          />
          <NumberInput
            label="Qty"
            min={1}
            allowDecimal={false}
            allowNegative={false}
            value={qty}
            onChange={(v) => setQty(Number(v) || 0)}
            w={90}
          />
          <TextInput
            label="Customer"
            placeholder="Name or phone"
            value={customer}
            onChange={(e) => setCustomer(e.currentTarget.value)}
            w={220}
            data-testid="hold-customer"
          />
          <Select
            label="Keep for"
            data={ttlOptions}
            value={ttl}
            onChange={setTtl}
            w={140}
            allowDeselect={false}
          />
          <Button
            onClick={() => void create()}
            disabled={!product || !customer.trim() || qty < 1}
            data-testid="hold-create"
          >
            Hold
          </Button>
        </Group>
        {product ? (
          <Text size="xs" c="dimmed" mt={6}>
            {product.here} available here. A hold takes the units out of what this store may sell until it is
            sold, released, or expires.
          </Text>
        ) : null}
      </Paper>
      <Paper withBorder p="md">
        <Text fw={700} mb="sm">
          Open holds
        </Text>
        {holds.error ? <Alert color="red">{holds.error}</Alert> : null}
        <Table striped verticalSpacing="xs" data-testid="holds-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Customer</Table.Th>
              <Table.Th>Product</Table.Th>
              <Table.Th ta="right">Qty</Table.Th>
              <Table.Th>Expires</Table.Th>
              <Table.Th>Store</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(holds.data?.items ?? []).map((h) => {
              const left = Date.parse(h.expiresAt) - now
              const mine = h.replicaId === session.replicaId
              return (
                <Table.Tr key={h.id}>
                  <Table.Td fw={500}>{h.customer}</Table.Td>
                  <Table.Td>{h.productName}</Table.Td>
                  <Table.Td ta="right" className="num">
                    {h.qty}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6}>
                      <Text size="sm">{formatDateTime(h.expiresAt)}</Text>
                      {h.orderId ? (
                        <Badge size="xs" variant="light">
                          order
                        </Badge>
                      ) : left <= 0 ? (
                        <Badge size="xs" color="red" variant="light">
                          expired · releasing
                        </Badge>
                      ) : left < 3600_000 ? (
                        <Badge size="xs" color="orange" variant="light">
                          in {ageText(new Date(now - left).toISOString(), now)}
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                  <Table.Td>{mine ? 'this till' : h.replicaId.slice(0, 8)}</Table.Td>
                  <Table.Td>
                    {mine && !h.orderId ? (
                      <Group gap={6} justify="flex-end">
                        <Button size="compact-xs" onClick={() => void fulfil(h)}>
                          Sell
                        </Button>
                        <Button size="compact-xs" variant="default" onClick={() => void release(h)}>
                          Release
                        </Button>
                      </Group>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              )
            })}
          </Table.Tbody>
        </Table>
        {holds.data && holds.data.items.length === 0 ? (
          <Text c="dimmed" ta="center" py="lg">
            No open holds.
          </Text>
        ) : null}
        <Text size="xs" c="dimmed" mt="sm">
          Expired holds go back to stock automatically (within half a minute); each release shows in the
          product's movements as “hold released (expired)”.
        </Text>
      </Paper>
    </Stack>
  )
}

const columns: {
  status: Exclude<OrderStatus, 'delivered' | 'cancelled'>
  label: string
  next: OrderStatus
  nextLabel: string
  color: string
}[] = [
  { status: 'pending', label: 'Pending', next: 'confirmed', nextLabel: 'Confirm', color: 'gray' },
  { status: 'confirmed', label: 'Confirmed', next: 'processing', nextLabel: 'Start picking', color: 'blue' },
  { status: 'processing', label: 'Processing', next: 'shipped', nextLabel: 'Mark shipped', color: 'violet' },
  { status: 'shipped', label: 'Shipped', next: 'delivered', nextLabel: 'Delivered', color: 'teal' },
]

function OrderBoard({ canEdit }: { canEdit: boolean }) {
  const api = useApi()
  const orders = useStoreQuery('orders.list', {}, { refreshOn: ['stock.changed'] })
  const invalidate = useInvalidate()
  const onChanged = () => invalidate('orders.list', 'reservations.list')
  const [names, setNames] = useState<Record<string, string>>({})
  const [creating, setCreating] = useState(false)
  useEffect(() => {
    const missing = [
      ...new Set((orders.data?.items ?? []).flatMap((o) => o.lines.map((l) => l.productId))),
    ].filter((id) => !names[id])
    if (missing.length === 0) return
    void Promise.all(
      missing.map((id) =>
        api['catalog.get']({ id }).then(
          (p) => [id, p.name] as const,
          () => [id, id.slice(0, 8)] as const,
        ),
      ),
    ).then((pairs) => setNames((prev) => ({ ...prev, ...Object.fromEntries(pairs) })))
  }, [api, orders.data, names])

  const advance = (o: OrderView, status: OrderStatus) =>
    attempt(
      `Order for ${o.customer}: ${status}`,
      () =>
        api['orders.advance']({
          orderId: o.id,
          status: status as Exclude<OrderStatus, 'pending' | 'cancelled'>,
        }),
      onChanged,
    )
  const cancel = (o: OrderView) =>
    attempt(
      `Order for ${o.customer} cancelled; its holds were released`,
      () => api['orders.cancel']({ orderId: o.id }),
      onChanged,
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
              <Stack gap="sm">
                {items.map((o) => (
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
                        <Button size="compact-xs" color={col.color} onClick={() => void advance(o, col.next)}>
                          {col.nextLabel}
                        </Button>
                        {col.status !== 'shipped' ? (
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            color="red"
                            onClick={() => void cancel(o)}
                          >
                            Cancel
                          </Button>
                        ) : null}
                      </Group>
                    ) : null}
                  </Card>
                ))}
              </Stack>
            </Paper>
          )
        })}
      </SimpleGrid>
      {creating ? <NewOrderModal onClose={() => setCreating(false)} onDone={onChanged} /> : null}
    </Stack>
  )
}

function NewOrderModal({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const api = useApi()
  const [customer, setCustomer] = useState('')
  const [lines, setLines] = useState<{ product: ProductWithStock; qty: number }[]>([])
  const [product, setProduct] = useState<ProductWithStock>()
  const [qty, setQty] = useState(1)
  const [holdDays, setHoldDays] = useState(7)
  const [key] = useState(newKey)
  const add = () => {
    if (!product) return
    setLines((prev) => [...prev.filter((l) => l.product.id !== product.id), { product, qty }])
    setProduct(undefined)
    setQty(1)
  }
  const submit = async () => {
    const ok = await attempt(
      `Order created for ${customer}`,
      () =>
        api['orders.create']({
          idempotencyKey: key,
          customer: customer.trim(),
          lines: lines.map((l) => ({ productId: l.product.id, qty: l.qty })),
          holdDays,
        }),
      onDone,
    )
    if (ok) onClose()
  }
  return (
    <Modal opened onClose={onClose} title="New customer order" size="lg" centered>
      <Stack>
        <TextInput
          label="Customer"
          value={customer}
          onChange={(e) => setCustomer(e.currentTarget.value)}
          data-testid="order-customer"
        />
        <Group align="flex-end">
          <ProductPicker
            label="Product"
            value={product}
            onChange={setProduct}
            testId="order-product"
            w={300}
          />
          <NumberInput
            label="Qty"
            min={1}
            allowDecimal={false}
            allowNegative={false}
            value={qty}
            onChange={(v) => setQty(Number(v) || 0)}
            w={90}
          />
          <Button variant="light" onClick={add} disabled={!product || qty < 1} data-testid="order-add-line">
            Add
          </Button>
        </Group>
        {lines.map((l) => (
          <Group key={l.product.id} justify="space-between">
            <Text size="sm">
              {l.qty} × {l.product.name}{' '}
              <Text span c="dimmed">
                ({l.product.here} here)
              </Text>
            </Text>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label="Remove line"
              onClick={() => setLines((prev) => prev.filter((x) => x !== l))}
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        <NumberInput
          label="Hold the goods for (days)"
          min={1}
          max={60}
          allowDecimal={false}
          value={holdDays}
          onChange={(v) => setHoldDays(Number(v) || 1)}
          w={200}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            onClick={() => void submit()}
            disabled={!customer.trim() || lines.length === 0}
            data-testid="order-create"
          >
            Create order
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
