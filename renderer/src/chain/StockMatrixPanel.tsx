import { Alert, Button, Group, Stack, Text } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useCallback, useEffect, useState } from 'react'
import type { StockMatrix } from '../../../shared/api/views.ts'
import { useApi } from '../api/api-context.tsx'
import { describeError } from '../api/describe-error.ts'
import { usePagedRows } from '../api/use-paged-rows.ts'
import { downloadText } from '../format/csv.ts'
import { MatrixGrid } from './MatrixGrid.tsx'
import { SearchField } from '../ui/SearchField.tsx'
import { CategorySelect } from '../ui/CategorySelect.tsx'

const pageSize = 200

/**
 * Every product × every store: units each store may sell, the chain's total and what is held.
 * Filtered by words and category; a virtualized grid fetching pages as they scroll into view (the
 * store answers a page at 100,000 products × 50 stores in milliseconds, bench m); the CSV holds
 * the whole filter.
 */
export function StockMatrixPanel() {
  const api = useApi()
  const [search, setSearch] = useState('')
  const [query] = useDebouncedValue(search.trim(), 200)
  const [category, setCategory] = useState<string | null>(null)
  const [csvError, setCsvError] = useState<string>()
  const filter = { ...(query && { query }), ...(category && { category }) }
  const [stores, setStores] = useState<StockMatrix['stores']>([])
  const filterKey = JSON.stringify(filter)
  const fetchPage = useCallback(
    async (offset: number, limit: number) => {
      const page = await api['chain.stockMatrix']({
        ...(JSON.parse(filterKey) as typeof filter),
        offset,
        limit,
      })
      setStores(page.stores)
      return { items: page.rows, total: page.total }
    },
    [api, filterKey],
  )
  const rows = usePagedRows(fetchPage, filterKey, pageSize)
  const { reload } = rows
  useEffect(() => api.on('stock.changed', () => reload()), [api, reload])
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
      {(rows.error ?? csvError) ? <Alert color="red">{rows.error ?? csvError}</Alert> : null}
      <MatrixGrid stores={stores} count={rows.total ?? 0} rowAt={rows.rowAt} onRange={rows.ensureRange} />
      <Text size="xs" c="dimmed">
        {rows.total === undefined ? 'Loading…' : `${rows.total.toLocaleString()} products`}
      </Text>
    </Stack>
  )
}
