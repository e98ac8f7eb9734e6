import { BarChart } from '@mantine/charts'
import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useCallback, useEffect, useState } from 'react'
import type { ProductWithStock, RequestView, StockView } from '../../../shared/api/views.ts'
import { useApi } from '../api/api-context.tsx'
import { describeError } from '../api/describe-error.ts'
import { hasRole, useSession } from '../app/session-context.tsx'
import { formatDateTime } from '../format/time.ts'
import { StockActions } from './StockActions.tsx'

/** One product's stock: chain total, rights per store (chart and table), requests, and the actions. */
export function StockDetail({ productId }: { productId: string }) {
  const api = useApi()
  const { user, session } = useSession()
  const isManager = hasRole(user, 'manager')
  const [product, setProduct] = useState<ProductWithStock>()
  const [stock, setStock] = useState<StockView>()
  const [error, setError] = useState<string>()

  const load = useCallback(() => {
    Promise.all([api['catalog.get']({ id: productId }), api['stock.get']({ productId })]).then(
      ([p, s]) => {
        setProduct(p)
        setStock(s)
        setError(undefined)
      },
      (e: unknown) => setError(describeError(e)),
    )
  }, [api, productId])
  useEffect(() => {
    setStock(undefined)
    load()
  }, [load])
  useEffect(
    () => api.on('stock.changed', ({ productIds }) => productIds.includes(productId) && load()),
    [api, load, productId],
  )

  async function grant(request: RequestView) {
    const qty = Math.min(request.qty, stock?.here ?? 0)
    if (qty <= 0) return
    try {
      await api['stock.transfer']({ productId, toReplicaId: request.from, qty, requestId: request.id })
      notifications.show({ color: 'teal', message: `Gave ${qty} to ${request.fromStoreName}` })
      load()
    } catch (e) {
      notifications.show({ color: 'red', title: 'Transfer failed', message: describeError(e) })
    }
  }

  async function cancel(request: RequestView) {
    try {
      await api['stock.cancelRequest']({ requestId: request.id })
      load()
    } catch (e) {
      notifications.show({ color: 'red', title: 'Could not cancel', message: describeError(e) })
    }
  }

  if (error) return <Alert color="red">{error}</Alert>
  if (!stock || !product || stock.productId !== productId) return <Loader size="sm" />
  const chartData = stock.holders.map((h) => ({
    store: h.replicaId === session.replicaId ? `${h.storeName} (here)` : h.storeName,
    rights: h.rights,
  }))

  return (
    <Stack gap="md" data-testid="stock-detail">
      <Paper withBorder p="lg">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={3}>{product.name}</Title>
            <Text size="sm" c="dimmed" ff="monospace">
              {product.sku} · {product.barcode || 'no barcode'} ·{' '}
              {product.policy === 'pool' ? 'chain pool' : 'local stock'}
            </Text>
          </div>
          {product.archived ? <Badge color="gray">archived</Badge> : null}
        </Group>
        <SimpleGrid cols={4} mt="md">
          <Stat label="Chain total" value={stock.value} testId="stock-chain" />
          <Stat
            label="Here (may sell)"
            value={stock.here}
            testId="stock-here"
            tone={stock.here > 0 ? 'teal' : 'red'}
          />
          <Stat label="Reserved" value={stock.reserved} />
          <Stat
            label="Open requests"
            value={stock.requests.length}
            tone={stock.requests.length > 0 ? 'orange' : undefined}
          />
        </SimpleGrid>
      </Paper>

      <Paper withBorder p="lg">
        <Text fw={700} mb="sm">
          Rights per store
        </Text>
        {stock.holders.length > 0 ? (
          <>
            <BarChart
              h={Math.max(90, 44 * chartData.length)}
              data={chartData}
              dataKey="store"
              orientation="vertical"
              yAxisProps={{ width: 150 }}
              series={[{ name: 'rights', label: 'Units it may sell', color: 'teal.6' }]}
              gridAxis="none"
              withTooltip={false}
              barProps={{ radius: 4 }}
            />
            <Table mt="sm" verticalSpacing={6} data-testid="holders">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Store</Table.Th>
                  <Table.Th>Till</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th ta="right">Rights</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {stock.holders.map((h) => (
                  <Table.Tr key={h.replicaId}>
                    <Table.Td>
                      {h.storeName}{' '}
                      {h.replicaId === session.replicaId ? (
                        <Badge size="xs" variant="light">
                          here
                        </Badge>
                      ) : null}
                    </Table.Td>
                    <Table.Td ff="monospace" c="dimmed">
                      {h.replicaId.slice(0, 8)}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={h.status === 'active' ? undefined : 'orange.8'}>
                        {h.status}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right" className="num" fw={600}>
                      {h.rights}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        ) : (
          <Text c="dimmed" size="sm">
            No store holds any yet. Restock to add units.
          </Text>
        )}
      </Paper>

      <Paper withBorder p="lg">
        <Text fw={700} mb="sm">
          Pending requests
        </Text>
        {stock.requests.length === 0 ? (
          <Text c="dimmed" size="sm">
            None.
          </Text>
        ) : (
          <Table verticalSpacing={6} data-testid="requests">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>From</Table.Th>
                <Table.Th>Asked of</Table.Th>
                <Table.Th ta="right">Qty</Table.Th>
                <Table.Th>When</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {stock.requests.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{r.fromStoreName}</Table.Td>
                  <Table.Td>{r.donorStoreName}</Table.Td>
                  <Table.Td ta="right" className="num">
                    {r.qty}
                  </Table.Td>
                  <Table.Td>{formatDateTime(r.at)}</Table.Td>
                  <Table.Td ta="right">
                    {isManager && r.donor === session.replicaId ? (
                      <Button size="compact-xs" onClick={() => void grant(r)} disabled={stock.here <= 0}>
                        Grant {Math.min(r.qty, stock.here)}
                      </Button>
                    ) : null}
                    {isManager && r.from === session.replicaId ? (
                      <Button size="compact-xs" variant="subtle" color="red" onClick={() => void cancel(r)}>
                        Cancel
                      </Button>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>

      <StockActions product={product} stock={stock} isManager={isManager} onDone={load} />
    </Stack>
  )
}

function Stat(props: { label: string; value: number; tone?: string; testId?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {props.label}
      </Text>
      <Text
        fz={26}
        fw={700}
        className="num"
        c={props.tone ? `${props.tone}.7` : undefined}
        data-testid={props.testId}
      >
        {props.value}
      </Text>
    </Stack>
  )
}
