import { Badge, Grid, Group, Paper, ScrollArea, Stack, Switch, Text, TextInput } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useEffect, useState } from 'react'
import type { StockRow } from '../../../shared/api/views.ts'
import { useStorePagedQuery } from '../api/use-store-query.ts'
import { CategorySelect } from '../ui/CategorySelect.tsx'
import { DataTable, type Column } from '../ui/DataTable.tsx'
import { PageHeader } from '../ui/PageHeader.tsx'
import { formatQty } from '../../../shared/api/weight.ts'
import { StockDetail } from './StockDetail.tsx'

const pageSize = 100

/** Stock across the chain: a list with the chain total and this store's share, and one product in detail. */
export function StockScreen({ initialProductId }: { initialProductId: string | undefined }) {
  const [query, setQuery] = useState('')
  const [debounced] = useDebouncedValue(query.trim(), 200)
  const [lowOnly, setLowOnly] = useState(false)
  const [category, setCategory] = useState<string | null>(null)
  const [selected, setSelected] = useState<string | undefined>(initialProductId)

  useEffect(() => setSelected(initialProductId), [initialProductId])

  const list = useStorePagedQuery(
    'stock.list',
    { query: debounced, lowOnly, ...(category && { category }) },
    { pageSize, refreshOn: ['stock.changed'] },
  )
  const { items: rows, total, loading, error } = list
  const columns: Column<StockRow>[] = [
    {
      header: 'Product',
      cell: (row) => (
        <>
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
        </>
      ),
    },
    quantityColumn(
      'Here',
      64,
      (row) => row.here,
      (row) => ({ c: row.here > 0 ? undefined : 'red.7' }),
    ),
    quantityColumn(
      'Chain',
      64,
      (row) => row.value,
      () => ({ fw: 600 }),
    ),
    quantityColumn(
      'Reserved',
      84,
      (row) => row.reserved,
      () => ({ c: 'dimmed' }),
    ),
  ]

  return (
    <Stack gap="md" style={{ flex: 1, minHeight: 0 }} data-testid="stock-screen">
      <PageHeader
        title="Stock"
        subtitle="Chain totals, what each store may sell, reservations and open requests."
      />
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
            <CategorySelect value={category} onChange={setCategory} w={170} />
          </Group>
          <Paper withBorder style={{ overflow: 'hidden' }}>
            <ScrollArea h="calc(100dvh - 260px)" type="auto">
              <DataTable
                columns={columns}
                rows={rows}
                rowKey={(row) => row.product.id}
                loading={loading}
                error={error}
                testId="stock-table"
                rowTestId="stock-row"
                stickyHeader
                fixedLayout
                // rows open by keyboard too: Tab to a row, Enter or Space
                onRowActivate={(row) => setSelected(row.product.id)}
                selectedKey={selected}
                empty="No products match."
                loadMore={
                  list.hasMore
                    ? { label: `Load more (${total - rows.length} left)`, onClick: list.loadMore }
                    : undefined
                }
              />
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

/** A column of one of a row's quantities (in kilograms for a product sold by weight). */
function quantityColumn(
  header: string,
  width: number,
  pick: (row: StockRow) => number,
  look: (row: StockRow) => { c?: string | undefined; fw?: number },
): Column<StockRow> {
  return {
    header,
    numeric: true,
    width,
    cell: (row) => (
      <Text span size="sm" {...look(row)}>
        {formatQty(pick(row), row.product.byWeight)}
      </Text>
    ),
  }
}
