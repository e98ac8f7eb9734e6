import { Button, Group, Stack } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useState } from 'react'
import type { StockMatrixRow } from '../../../shared/api/views.ts'
import { useApi } from '../api/api-context.tsx'
import { describeError } from '../api/describe-error.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { downloadText } from '../format/csv.ts'
import { DataTable, type Column } from '../ui/DataTable.tsx'
import { SearchField } from '../ui/SearchField.tsx'
import { CategorySelect } from '../ui/CategorySelect.tsx'

const pageSize = 100

/**
 * Every product × every store: units each store may sell, the chain's total and what is held.
 * Filtered by words and category, a page at a time (the store answers a page of 100,000 products
 * × 50 stores in milliseconds, bench m); the CSV holds the whole filter.
 */
export function StockMatrixPanel() {
  const api = useApi()
  const [search, setSearch] = useState('')
  const [query] = useDebouncedValue(search.trim(), 200)
  const [category, setCategory] = useState<string | null>(null)
  const [limit, setLimit] = useState(pageSize)
  const [csvError, setCsvError] = useState<string>()
  const filter = { ...(query && { query }), ...(category && { category }) }
  const matrix = useStoreQuery('chain.stockMatrix', { ...filter, limit }, { refreshOn: ['stock.changed'] })
  const m = matrix.data
  const columns: Column<StockMatrixRow>[] = [
    { header: 'Product', cell: (r) => `${r.product.name} · ${r.product.sku}` },
    ...(m?.stores ?? []).map((s, i) => ({
      header: s.name,
      numeric: true,
      cell: (r: StockMatrixRow) => r.perStore[i] ?? 0,
    })),
    { header: 'Chain', numeric: true, cell: (r) => r.total },
    { header: 'Held', numeric: true, cell: (r) => r.reserved },
  ]
  const exportCsv = async () => {
    try {
      const { csv } = await api['chain.stockMatrixCsv'](filter)
      downloadText('allot-stock-matrix.csv', csv)
    } catch (error) {
      setCsvError(describeError(error))
    }
  }
  return (
    <Stack gap="sm">
      <Group>
        <SearchField value={search} onChange={setSearch} label="Filter products" />
        <CategorySelect value={category} onChange={setCategory} w={220} />
        <Button variant="default" onClick={() => void exportCsv()} data-testid="matrix-csv">
          Export CSV
        </Button>
      </Group>
      <DataTable
        columns={columns}
        source={{ data: m && { items: m.rows }, error: matrix.error ?? csvError }}
        rowKey={(r) => r.product.id}
        testId="stock-matrix"
        stickyHeader
        empty="No products match."
        loadMore={
          m && m.rows.length < m.total
            ? { label: 'Load more', onClick: () => setLimit((n) => n + pageSize) }
            : undefined
        }
      />
    </Stack>
  )
}
