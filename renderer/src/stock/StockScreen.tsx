import {
  Badge,
  Button,
  Grid,
  Group,
  Loader,
  Paper,
  ScrollArea,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useEffect, useState } from 'react'
import { useStorePagedQuery } from '../api/use-store-query.ts'
import { StockDetail } from './StockDetail.tsx'

const pageSize = 100

/** Stock across the chain: a list with the chain total and this store's share, and one product in detail. */
export function StockScreen({ initialProductId }: { initialProductId: string | undefined }) {
  const [query, setQuery] = useState('')
  const [debounced] = useDebouncedValue(query.trim(), 200)
  const [lowOnly, setLowOnly] = useState(false)
  const [selected, setSelected] = useState<string | undefined>(initialProductId)

  useEffect(() => setSelected(initialProductId), [initialProductId])

  const list = useStorePagedQuery(
    'stock.list',
    { query: debounced, lowOnly },
    { pageSize, refreshOn: ['stock.changed'] },
  )
  const { items: rows, total, loading, error } = list

  return (
    <Stack gap="md" style={{ flex: 1, minHeight: 0 }} data-testid="stock-screen">
      <Group justify="space-between">
        <div>
          <Title order={1} size="h2">
            Stock
          </Title>
          <Text size="sm" c="dimmed">
            Chain totals, what each store may sell, reservations and open requests.
          </Text>
        </div>
      </Group>
      <Grid gap="lg" style={{ flex: 1, minHeight: 0 }}>
        <Grid.Col
          span={{ base: 12, md: 5 }}
          style={{ display: 'flex', flexDirection: 'column', minHeight: 0 }}
        >
          <Group gap="md" mb="sm">
            <TextInput
              placeholder="Search products"
              aria-label="Search stock"
              value={query}
              onChange={(e) => setQuery(e.currentTarget.value)}
              style={{ flex: 1 }}
            />
            <Switch
              label="Low only"
              checked={lowOnly}
              onChange={(e) => setLowOnly(e.currentTarget.checked)}
            />
          </Group>
          <Paper withBorder style={{ overflow: 'hidden' }}>
            <ScrollArea h="calc(100dvh - 260px)" type="auto">
              <Table
                highlightOnHover
                stickyHeader
                verticalSpacing="xs"
                layout="fixed"
                data-testid="stock-table"
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Product</Table.Th>
                    <Table.Th ta="right" w={64}>
                      Here
                    </Table.Th>
                    <Table.Th ta="right" w={64}>
                      Chain
                    </Table.Th>
                    <Table.Th ta="right" w={84}>
                      Reserved
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((row) => (
                    <Table.Tr
                      key={row.product.id}
                      onClick={() => setSelected(row.product.id)}
                      // rows open by keyboard too: Tab to a row, Enter or Space
                      tabIndex={0}
                      aria-selected={selected === row.product.id}
                      onKeyDown={(e) => {
                        if (e.key !== 'Enter' && e.key !== ' ') return
                        e.preventDefault()
                        setSelected(row.product.id)
                      }}
                      style={{ cursor: 'pointer' }}
                      bg={selected === row.product.id ? 'var(--mantine-color-teal-0)' : undefined}
                      data-testid="stock-row"
                    >
                      <Table.Td>
                        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                          <Text size="sm" fw={600} truncate style={{ minWidth: 0 }}>
                            {row.product.name}
                          </Text>
                          {row.low ? (
                            <Badge size="xs" color="orange" variant="light">
                              low
                            </Badge>
                          ) : null}
                        </Group>
                        <Text size="xs" c="dimmed" ff="monospace">
                          {row.product.sku}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right" className="num" c={row.here > 0 ? undefined : 'red.7'}>
                        {row.here}
                      </Table.Td>
                      <Table.Td ta="right" className="num" fw={600}>
                        {row.value}
                      </Table.Td>
                      <Table.Td ta="right" className="num" c="dimmed">
                        {row.reserved}
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
              {error ? (
                <Text c="red" p="md">
                  {error}
                </Text>
              ) : null}
              {!loading && rows.length < total ? (
                <Group justify="center" p="sm">
                  <Button variant="subtle" onClick={list.loadMore}>
                    Load more ({total - rows.length} left)
                  </Button>
                </Group>
              ) : null}
            </ScrollArea>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }} style={{ maxHeight: 'calc(100dvh - 200px)', overflow: 'auto' }}>
          {selected ? (
            <StockDetail productId={selected} />
          ) : (
            <Paper withBorder p="xl">
              <Text c="dimmed" ta="center">
                Select a product to see its stock per store.
              </Text>
            </Paper>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  )
}
