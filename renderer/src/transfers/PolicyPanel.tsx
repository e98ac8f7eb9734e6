import { Grid, Group, Paper, ScrollArea, SegmentedControl, Text } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useState } from 'react'
import type { StockPolicy, StockRow } from '../../../shared/api/views.ts'
import { useStoreAction } from '../api/use-store-action.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { DataTable, type Column } from '../ui/DataTable.tsx'
import { ThresholdsForm } from './ThresholdsForm.tsx'
import { SearchField } from '../ui/SearchField.tsx'

/** Stock policy per product (pool / local), and this store's floor and low-water minimum. */
export function PolicyPanel() {
  const [query, setQuery] = useState('')
  const [debounced] = useDebouncedValue(query.trim(), 200)
  const rows = useStoreQuery('stock.list', { query: debounced, limit: 200 }, { refreshOn: ['stock.changed'] })
  const setPolicy = useStoreAction('stock.setPolicy', {
    invalidates: ['stock.list'],
    failureTitle: 'Not changed',
    success: (p, input) =>
      `${p.name}: ${input.policy === 'local' ? 'local stock (moves only by shipment)' : 'chain pool (rebalanced automatically)'}`,
  })
  const columns: Column<StockRow>[] = [
    {
      header: 'Product',
      cell: (r) => (
        <>
          <Text size="sm" fw={500}>
            {r.product.name}
          </Text>
          <Text size="xs" c="dimmed">
            {r.product.sku}
          </Text>
        </>
      ),
    },
    { header: 'Chain', numeric: true, cell: (r) => r.value },
    { header: 'Here', numeric: true, cell: (r) => r.here },
    {
      header: 'Policy',
      cell: (r) => (
        <SegmentedControl
          size="xs"
          value={r.product.policy}
          onChange={(v) => void setPolicy.run({ productId: r.product.id, policy: v as StockPolicy })}
          data={[
            { value: 'pool', label: 'Chain pool' },
            { value: 'local', label: 'Local stock' },
          ]}
          data-testid={`policy-${r.product.sku}`}
        />
      ),
    },
  ]

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Paper withBorder p="md">
          <Group justify="space-between" mb="sm">
            <Text fw={700}>Stock policy per product</Text>
            <SearchField value={query} onChange={setQuery} label="Filter products" w={240} />
          </Group>
          <ScrollArea h={460}>
            <DataTable
              columns={columns}
              source={rows}
              rowKey={(r) => r.product.id}
              testId="policy-table"
              empty="No products match."
            />
          </ScrollArea>
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <ThresholdsForm />
      </Grid.Col>
    </Grid>
  )
}
