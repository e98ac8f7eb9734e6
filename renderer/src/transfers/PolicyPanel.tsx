import {
  Alert,
  Button,
  Grid,
  Group,
  NumberInput,
  Paper,
  ScrollArea,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { notifications } from '@mantine/notifications'
import { useEffect, useState } from 'react'
import type { StockPolicy } from '../../../shared/api/views.ts'
import { useApi } from '../api/api-context.tsx'
import { describeError } from '../api/describe-error.ts'
import { useStoreQuery } from '../api/use-store-query.ts'

/** Stock policy per product (pool / local), and this store's floor and low-water minimum. */
export function PolicyPanel() {
  const api = useApi()
  const [query, setQuery] = useState('')
  const [debounced] = useDebouncedValue(query.trim(), 200)
  const rows = useStoreQuery('stock.list', { query: debounced, limit: 200 }, { refreshOn: ['stock.changed'] })
  const settings = useStoreQuery('settings.get', {})
  const [floor, setFloor] = useState(0)
  const [minimum, setMinimum] = useState(1)
  useEffect(() => {
    if (settings.data) {
      setFloor(settings.data.floor)
      setMinimum(settings.data.lowWaterMinimum)
    }
  }, [settings.data])

  const setPolicy = async (productId: string, policy: StockPolicy) => {
    try {
      const p = await api['stock.setPolicy']({ productId, policy })
      notifications.show({
        color: 'teal',
        message: `${p.name}: ${policy === 'local' ? 'local stock (moves only by shipment)' : 'chain pool (rebalanced automatically)'}`,
      })
      rows.reload()
    } catch (e) {
      notifications.show({ color: 'red', title: 'Not changed', message: describeError(e) })
    }
  }
  const saveThresholds = async () => {
    try {
      await api['settings.update']({ floor, lowWaterMinimum: minimum })
      notifications.show({ color: 'teal', message: 'Thresholds saved for this store' })
    } catch (e) {
      notifications.show({ color: 'red', title: 'Not saved', message: describeError(e) })
    }
  }

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Paper withBorder p="md">
          <Group justify="space-between" mb="sm">
            <Text fw={700}>Stock policy per product</Text>
            <TextInput
              placeholder="Filter products"
              value={query}
              onChange={(e) => setQuery(e.currentTarget.value)}
              w={240}
            />
          </Group>
          {rows.error ? <Alert color="red">{rows.error}</Alert> : null}
          <ScrollArea h={460}>
            <Table striped verticalSpacing={6} data-testid="policy-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Product</Table.Th>
                  <Table.Th ta="right">Chain</Table.Th>
                  <Table.Th ta="right">Here</Table.Th>
                  <Table.Th>Policy</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(rows.data?.items ?? []).map((r) => (
                  <Table.Tr key={r.product.id}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {r.product.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {r.product.sku}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right" className="num">
                      {r.value}
                    </Table.Td>
                    <Table.Td ta="right" className="num">
                      {r.here}
                    </Table.Td>
                    <Table.Td>
                      <SegmentedControl
                        size="xs"
                        value={r.product.policy}
                        onChange={(v) => void setPolicy(r.product.id, v as StockPolicy)}
                        data={[
                          { value: 'pool', label: 'Chain pool' },
                          { value: 'local', label: 'Local stock' },
                        ]}
                        data-testid={`policy-${r.product.sku}`}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Paper withBorder p="md">
          <Stack>
            <Text fw={700}>This store's thresholds</Text>
            <Text size="sm" c="dimmed">
              Chain-pool products rebalance on their own: this store asks others when its rights fall below
              the low-water mark, and gives away at most half of what it holds above its floor.
            </Text>
            {settings.error ? <Alert color="red">{settings.error}</Alert> : null}
            <NumberInput
              label="Floor (units kept per product)"
              min={0}
              allowDecimal={false}
              allowNegative={false}
              value={floor}
              onChange={(v) => setFloor(Number(v) || 0)}
              data-testid="floor-input"
            />
            <NumberInput
              label="Low-water minimum (ask below)"
              description="The mark also grows with recent sales speed"
              min={0}
              allowDecimal={false}
              allowNegative={false}
              value={minimum}
              onChange={(v) => setMinimum(Number(v) || 0)}
              data-testid="lowwater-input"
            />
            <Button onClick={() => void saveThresholds()} data-testid="thresholds-save">
              Save thresholds
            </Button>
          </Stack>
        </Paper>
      </Grid.Col>
    </Grid>
  )
}
