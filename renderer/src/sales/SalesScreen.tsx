import {
  Badge,
  Button,
  Grid,
  Group,
  Loader,
  Paper,
  ScrollArea,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { useState } from 'react'
import { useStorePagedQuery } from '../api/use-store-query.ts'
import { useSession } from '../app/session-context.tsx'
import { formatMoney } from '../format/money.ts'
import { formatDateTime } from '../format/time.ts'
import { SaleDetail } from './SaleDetail.tsx'

const pageSize = 50

/** Past sales of the whole chain (newest first); pick one to see its receipt or refund it. */
export function SalesScreen() {
  const { currency, session } = useSession()
  const [selected, setSelected] = useState<string>()
  const list = useStorePagedQuery('sales.list', {}, { pageSize, refreshOn: ['sale.recorded'] })
  const { items: sales, total, loading, error } = list

  return (
    <Stack gap="md" style={{ flex: 1 }}>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Sales &amp; refunds
        </Title>
        <Text c="dimmed" size="sm">
          {total} sales in the chain
        </Text>
      </Group>
      <Grid gap="lg" style={{ flex: 1 }}>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Paper withBorder>
            <ScrollArea h="calc(100vh - 220px)" type="auto">
              <Table highlightOnHover stickyHeader verticalSpacing="xs" data-testid="sales-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>When</Table.Th>
                    <Table.Th>Store</Table.Th>
                    <Table.Th ta="right">Items</Table.Th>
                    <Table.Th ta="right">Total</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {sales.map((s) => (
                    <Table.Tr
                      key={s.id}
                      onClick={() => setSelected(s.id)}
                      // a refund needs no mouse: Tab to a sale, Enter or Space opens it
                      tabIndex={0}
                      aria-selected={selected === s.id}
                      onKeyDown={(e) => {
                        if (e.key !== 'Enter' && e.key !== ' ') return
                        e.preventDefault()
                        setSelected(s.id)
                      }}
                      style={{ cursor: 'pointer' }}
                      bg={selected === s.id ? 'var(--mantine-color-teal-0)' : undefined}
                      data-testid="sale-row"
                    >
                      <Table.Td>{formatDateTime(s.at)}</Table.Td>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <Text size="sm">{s.storeName}</Text>
                          {s.replicaId === session.replicaId ? (
                            <Badge size="xs" variant="light">
                              this till
                            </Badge>
                          ) : null}
                        </Group>
                      </Table.Td>
                      <Table.Td ta="right" className="num">
                        {s.items}
                      </Table.Td>
                      <Table.Td ta="right" className="num" fw={600}>
                        {formatMoney(s.totalMinor, currency)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {loading ? (
                <Group justify="center" p="md">
                  <Loader size="sm" />
                </Group>
              ) : null}
              {!loading && sales.length === 0 ? (
                <Text c="dimmed" ta="center" p="xl">
                  No sales yet.
                </Text>
              ) : null}
              {error ? (
                <Text c="red" p="md">
                  {error}
                </Text>
              ) : null}
              {!loading && sales.length < total ? (
                <Group justify="center" p="sm">
                  <Button variant="subtle" onClick={list.loadMore}>
                    Load more
                  </Button>
                </Group>
              ) : null}
            </ScrollArea>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          {selected ? (
            <SaleDetail saleId={selected} onRefunded={list.reload} />
          ) : (
            <Paper withBorder p="xl">
              <Text c="dimmed" ta="center">
                Select a sale to see its receipt or to refund items.
              </Text>
            </Paper>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  )
}
