import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core'
import { useState } from 'react'
import type {
  ProductWithStock,
  RequestRowView,
  ShipmentView,
  StoreListView,
} from '../../../shared/api/views.ts'
import { useApi } from '../api/api-context.tsx'
import { formatDateTime } from '../format/time.ts'
import { WholeNumberField } from '../ui/WholeNumberField.tsx'
import { readWholeNumber } from '../ui/whole-number.ts'
import { PageHeader } from '../ui/PageHeader.tsx'
import { ProductPicker } from '../ui/ProductPicker.tsx'
import { useInvalidate, useStoreQuery } from '../api/use-store-query.ts'
import { PolicyPanel } from './PolicyPanel.tsx'
import { RequestStateBadge, ShipmentStatusBadge } from './state-badges.tsx'
import { attempt } from '../ui/attempt.ts'

/** Requests between stores, manual transfers of rights, shipments of local stock, policies. */
export function TransfersScreen() {
  const [tab, setTab] = useState<string | null>('requests')
  const invalidate = useInvalidate()
  const refresh = () => invalidate('requests.list', 'shipments.list')
  return (
    <Stack gap="md">
      <PageHeader
        title="Transfers & requests"
        subtitle="Move stock rights between stores, answer requests, and track shipments of local stock."
      />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="requests">Requests</Tabs.Tab>
          <Tabs.Tab value="transfer">Transfer</Tabs.Tab>
          <Tabs.Tab value="shipments">Shipments</Tabs.Tab>
          <Tabs.Tab value="policy">Stock policy & thresholds</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="requests">
          <RequestsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="transfer">
          <TransferPanel onDone={refresh} />
        </Tabs.Panel>
        <Tabs.Panel value="shipments">
          <ShipmentsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="policy">
          <PolicyPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  )
}

function RequestsPanel() {
  const api = useApi()
  const [state, setState] = useState<'all' | 'outstanding'>('all')
  const { data, error } = useStoreQuery('requests.list', { state }, { refreshOn: ['stock.changed'] })
  const invalidate = useInvalidate()
  const onChanged = () => invalidate('requests.list', 'shipments.list')
  const grant = (r: RequestRowView) =>
    attempt(
      `Sent ${r.qty} × ${r.productName} to ${r.fromStoreName}`,
      () =>
        api['stock.transfer']({ productId: r.productId, toReplicaId: r.from, qty: r.qty, requestId: r.id }),
      onChanged,
    )
  const cancel = (r: RequestRowView) =>
    attempt('Request withdrawn', () => api['stock.cancelRequest']({ requestId: r.id }), onChanged)
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Text fw={700}>Requests for stock rights</Text>
        <SegmentedControl
          size="xs"
          value={state}
          onChange={(v) => setState(v as 'all' | 'outstanding')}
          data={[
            { value: 'all', label: 'All' },
            { value: 'outstanding', label: 'Waiting' },
          ]}
        />
      </Group>
      {error ? <Alert color="red">{error}</Alert> : null}
      <Table striped highlightOnHover verticalSpacing="xs" data-testid="requests-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Direction</Table.Th>
            <Table.Th>Product</Table.Th>
            <Table.Th>From → to</Table.Th>
            <Table.Th ta="right">Asked</Table.Th>
            <Table.Th ta="right">Granted</Table.Th>
            <Table.Th>State</Table.Th>
            <Table.Th>By</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(data?.items ?? []).map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{formatDateTime(r.at)}</Table.Td>
              <Table.Td>
                <Badge variant="outline" color={r.direction === 'incoming' ? 'grape' : 'cyan'}>
                  {r.direction === 'incoming'
                    ? 'asked of us'
                    : r.direction === 'outgoing'
                      ? 'we asked'
                      : 'other'}
                </Badge>
              </Table.Td>
              <Table.Td>{r.productName}</Table.Td>
              <Table.Td>
                {r.fromStoreName} → {r.donorStoreName}
              </Table.Td>
              <Table.Td ta="right" className="num">
                {r.qty}
              </Table.Td>
              <Table.Td ta="right" className="num">
                {r.grantedQty}
              </Table.Td>
              <Table.Td>
                <RequestStateBadge state={r.state} />
              </Table.Td>
              <Table.Td>{r.byName}</Table.Td>
              <Table.Td>
                {r.state === 'outstanding' && r.direction === 'incoming' ? (
                  <Button size="compact-xs" onClick={() => void grant(r)}>
                    Grant {r.qty}
                  </Button>
                ) : null}
                {r.state === 'outstanding' && r.direction === 'outgoing' ? (
                  <Button size="compact-xs" variant="default" onClick={() => void cancel(r)}>
                    Withdraw
                  </Button>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {data && data.items.length === 0 ? (
        <Text c="dimmed" ta="center" py="lg">
          No requests yet. Stores ask each other automatically when pool stock runs low.
        </Text>
      ) : null}
    </Paper>
  )
}

export function tillOptions(
  stores: StoreListView | undefined,
  opts: { activeOnly: boolean; excludeThis: boolean },
) {
  const out: { value: string; label: string }[] = []
  for (const s of stores?.stores ?? [])
    for (const t of s.tills) {
      if (opts.excludeThis && t.thisTill) continue
      if (opts.activeOnly && t.status !== 'active') continue
      out.push({
        value: t.replicaId,
        label: `${s.name} · till ${t.replicaId.slice(0, 8)}${t.status !== 'active' ? ` (${t.status})` : ''}`,
      })
    }
  return out
}

function TransferPanel({ onDone }: { onDone: () => void }) {
  const api = useApi()
  const stores = useStoreQuery('stores.list', {})
  const [product, setProduct] = useState<ProductWithStock>()
  const [to, setTo] = useState<string | null>(null)
  const [qtyText, setQtyText] = useState('1')
  const [note, setNote] = useState('')
  // Exactly what was typed; the store holds at most `here`, and the API takes up to 1,000,000.
  const read = readWholeNumber(qtyText, { min: 1, max: 1_000_000, unit: 'units' })
  const qty = read.ok ? read.value : 0
  const options = tillOptions(stores.data, { activeOnly: true, excludeThis: true })
  /** Why the transfer cannot be sent yet, in words; undefined when it can. */
  const blocker = !product
    ? 'Pick a product.'
    : !to
      ? 'Pick the store to send to.'
      : !read.ok
        ? `Quantity: ${read.message}.`
        : qty > product.here
          ? `Only ${product.here.toLocaleString()} here: this store can send at most that.`
          : undefined
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    if (blocker || !product || !to) return
    setBusy(true)
    const dest = options.find((o) => o.value === to)?.label ?? to
    const ok = await attempt(
      `${product.policy === 'local' ? 'Shipment sent' : 'Rights moved'}: ${qty} × ${product.name} to ${dest}`,
      () => api['stock.transfer']({ productId: product.id, toReplicaId: to, qty, ...(note ? { note } : {}) }),
      onDone,
    )
    setBusy(false)
    if (ok) {
      setNote('')
      setProduct(await api['catalog.get']({ id: product.id }))
    }
  }
  return (
    <Paper withBorder p="lg" maw={760}>
      <Stack>
        <Text fw={700}>Transfer stock rights to another store</Text>
        <Text size="sm" c="dimmed">
          Rights are what a store may sell. Moving them never changes the chain's total.
        </Text>
        {stores.error ? <Alert color="red">{stores.error}</Alert> : null}
        <Group align="flex-end">
          <ProductPicker label="Product" value={product} onChange={setProduct} testId="transfer-product" />
          <Select
            label="To store"
            placeholder="Choose a store"
            data={options}
            value={to}
            onChange={setTo}
            w={300}
            data-testid="transfer-to"
          />
        </Group>
        {product ? (
          <Group gap="lg">
            <Text size="sm">
              Here: <b className="num">{product.here}</b>
            </Text>
            <Text size="sm">
              Chain: <b className="num">{product.chain}</b>
            </Text>
            <Badge variant="light" color={product.policy === 'local' ? 'orange' : 'teal'}>
              {product.policy === 'local' ? 'local stock' : 'chain pool'}
            </Badge>
          </Group>
        ) : null}
        {product?.policy === 'local' ? (
          <Alert color="orange" title="This is a shipment">
            {product.name} is kept as local shelf stock. Send the goods with this transfer; the receiving
            store confirms what arrived (and records damaged or lost units) under Shipments.
          </Alert>
        ) : null}
        <Group align="flex-end">
          <WholeNumberField
            label="Quantity"
            value={qtyText}
            rule={{ min: 1, max: 1_000_000, unit: 'units' }}
            onChange={setQtyText}
            w={140}
            testId="transfer-qty"
          />
          <TextInput
            label="Note (optional)"
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            maxLength={500}
            style={{ flex: 1 }}
          />
        </Group>
        <Group>
          <Button
            onClick={() => void submit()}
            loading={busy}
            disabled={blocker !== undefined}
            data-testid="transfer-submit"
            {...(blocker ? { 'aria-describedby': 'transfer-blocker' } : {})}
          >
            {product?.policy === 'local' ? 'Send shipment' : 'Transfer rights'}
          </Button>
          {blocker ? (
            <Text c="red.8" size="sm" id="transfer-blocker" data-testid="transfer-blocker">
              {blocker}
            </Text>
          ) : null}
        </Group>
      </Stack>
    </Paper>
  )
}

function ShipmentsPanel() {
  const { data, error } = useStoreQuery('shipments.list', {}, { refreshOn: ['stock.changed'] })
  const invalidate = useInvalidate()
  const onChanged = () => invalidate('shipments.list', 'requests.list')
  const [receiving, setReceiving] = useState<ShipmentView>()
  return (
    <Paper withBorder p="md">
      <Text fw={700} mb="xs">
        Shipments of local stock
      </Text>
      <Text size="sm" c="dimmed" mb="sm">
        A shipment is a manual transfer of a local-stock product. The receiving store confirms it; damaged or
        lost units are written off there with that reason.
      </Text>
      {error ? <Alert color="red">{error}</Alert> : null}
      <Table striped verticalSpacing="xs" data-testid="shipments-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Sent</Table.Th>
            <Table.Th>Product</Table.Th>
            <Table.Th>From → to</Table.Th>
            <Table.Th ta="right">Qty</Table.Th>
            <Table.Th ta="right">Received</Table.Th>
            <Table.Th ta="right">Damaged</Table.Th>
            <Table.Th ta="right">Lost</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(data?.items ?? []).map((s) => (
            <Table.Tr key={s.transferId}>
              <Table.Td>{formatDateTime(s.sentAt)}</Table.Td>
              <Table.Td>{s.productName}</Table.Td>
              <Table.Td>
                {s.fromStoreName} → {s.toStoreName}
              </Table.Td>
              <Table.Td ta="right" className="num">
                {s.qty}
              </Table.Td>
              <Table.Td ta="right" className="num">
                {s.status === 'sent' ? '—' : s.receivedQty}
              </Table.Td>
              <Table.Td ta="right" className="num">
                {s.damagedQty || '—'}
              </Table.Td>
              <Table.Td ta="right" className="num">
                {s.lostQty || '—'}
              </Table.Td>
              <Table.Td>
                <ShipmentStatusBadge status={s.status} />
              </Table.Td>
              <Table.Td>
                {s.direction === 'incoming' && s.status === 'sent' ? (
                  <Button size="compact-xs" onClick={() => setReceiving(s)}>
                    Receive…
                  </Button>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {data && data.items.length === 0 ? (
        <Text c="dimmed" ta="center" py="lg">
          No shipments. Set a product to local stock and transfer it to send one.
        </Text>
      ) : null}
      {receiving ? (
        <ReceiveModal shipment={receiving} onClose={() => setReceiving(undefined)} onDone={onChanged} />
      ) : null}
    </Paper>
  )
}

function ReceiveModal({
  shipment,
  onClose,
  onDone,
}: {
  shipment: ShipmentView
  onClose: () => void
  onDone: () => void
}) {
  const api = useApi()
  const [damaged, setDamaged] = useState(0)
  const [lost, setLost] = useState(0)
  const [note, setNote] = useState('')
  const good = shipment.qty - damaged - lost
  const submit = async () => {
    const ok = await attempt(
      `Shipment received: ${good} of ${shipment.qty} in good order`,
      () =>
        api['shipments.receive']({
          transferId: shipment.transferId,
          damagedQty: damaged,
          lostQty: lost,
          ...(note ? { note } : {}),
        }),
      onDone,
    )
    if (ok) onClose()
  }
  return (
    <Modal opened onClose={onClose} title={`Receive ${shipment.qty} × ${shipment.productName}`} centered>
      <Stack>
        <Text size="sm">
          From {shipment.fromStoreName}, sent {formatDateTime(shipment.sentAt)}. Count what arrived.
        </Text>
        <Group grow>
          <NumberInput
            label="Damaged"
            min={0}
            max={shipment.qty}
            allowDecimal={false}
            allowNegative={false}
            value={damaged}
            onChange={(v) => setDamaged(Number(v) || 0)}
            data-testid="receive-damaged"
          />
          <NumberInput
            label="Lost (missing)"
            min={0}
            max={shipment.qty}
            allowDecimal={false}
            allowNegative={false}
            value={lost}
            onChange={(v) => setLost(Number(v) || 0)}
            data-testid="receive-lost"
          />
        </Group>
        <TextInput
          label="Note (optional)"
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          maxLength={500}
        />
        <Alert color={good < 0 ? 'red' : good < shipment.qty ? 'orange' : 'teal'} variant="light">
          {good < 0
            ? 'More damaged and lost than shipped.'
            : `${good} in good order${damaged + lost > 0 ? `; ${damaged + lost} written off with reason “damaged/lost in transit”` : ''}.`}
        </Alert>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void submit()} disabled={good < 0} data-testid="receive-confirm">
            Confirm receipt
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
