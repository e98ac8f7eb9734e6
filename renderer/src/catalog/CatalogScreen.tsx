import { Alert, Button, Group, Paper, Stack, Switch } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { notifications } from '@mantine/notifications'
import { useCallback, useEffect, useState } from 'react'
import type { ProductWithStock } from '../../../shared/api/views.ts'
import { useApi } from '../api/api-context.tsx'
import { describeError } from '../api/describe-error.ts'
import { hasRole, useSession } from '../app/session-context.tsx'
import { downloadText } from '../format/csv.ts'
import { PageHeader } from '../ui/PageHeader.tsx'
import { ImportCsvModal } from './ImportCsvModal.tsx'
import { ProductForm } from './ProductForm.tsx'
import { ProductTable } from './ProductTable.tsx'
import { usePagedRows, type Page } from '../api/use-paged-rows.ts'
import { SearchField } from '../ui/SearchField.tsx'

/** The product catalog: a virtualized list (fast at 100k rows), search, edit, CSV in and out. */
export function CatalogScreen({ onOpenStock }: { onOpenStock: (productId: string) => void }) {
  const api = useApi()
  const { user, currency } = useSession()
  const canEdit = hasRole(user, 'manager')
  const [query, setQuery] = useState('')
  const [debounced] = useDebouncedValue(query.trim(), 200)
  const [includeArchived, setIncludeArchived] = useState(false)
  const [editing, setEditing] = useState<{ product?: ProductWithStock } | undefined>()
  const [importing, setImporting] = useState(false)

  // With a query the store's search answers (one page of best matches); without, the full list pages.
  const fetchPage = useCallback(
    async (offset: number, limit: number): Promise<Page<ProductWithStock>> => {
      if (debounced) {
        if (offset > 0) return { items: [], total: 0 }
        const found = await api['catalog.search']({ query: debounced, limit: 200, includeArchived })
        return { items: found.items, total: found.items.length }
      }
      return api['catalog.list']({ offset, limit, includeArchived })
    },
    [api, debounced, includeArchived],
  )
  const rows = usePagedRows(fetchPage, `${debounced}|${includeArchived}`)
  const { reload } = rows
  useEffect(() => api.on('catalog.changed', () => reload()), [api, reload])
  useEffect(() => api.on('stock.changed', () => reload()), [api, reload])

  async function exportCsv() {
    try {
      const { csv, count } = await api['catalog.exportCsv']({})
      downloadText(`allot-catalog-${new Date().toISOString().slice(0, 10)}.csv`, csv)
      notifications.show({ color: 'teal', message: `Exported ${count} products` })
    } catch (e) {
      notifications.show({ color: 'red', title: 'Export failed', message: describeError(e) })
    }
  }

  return (
    <Stack gap="md" style={{ flex: 1, minHeight: 0 }} data-testid="catalog-screen">
      <PageHeader
        title="Catalog"
        subtitle={
          rows.total === undefined
            ? 'Loading…'
            : `${rows.total.toLocaleString()} products${debounced ? ' found' : ''}`
        }
      >
        {canEdit ? (
          <>
            <Button variant="default" onClick={() => void exportCsv()}>
              Export CSV
            </Button>
            <Button variant="default" onClick={() => setImporting(true)} data-testid="open-import">
              Import CSV
            </Button>
            <Button onClick={() => setEditing({})}>New product</Button>
          </>
        ) : null}
      </PageHeader>
      <Group gap="md">
        <SearchField
          value={query}
          onChange={setQuery}
          hint="Search name, SKU or barcode"
          label="Search the catalog"
          w={360}
        />
        <Switch
          label="Show archived"
          checked={includeArchived}
          onChange={(e) => setIncludeArchived(e.currentTarget.checked)}
        />
      </Group>
      {rows.error ? <Alert color="red">{rows.error}</Alert> : null}
      <Paper
        withBorder
        style={{ flex: 1, minHeight: 300, display: 'flex', flexDirection: 'column', overflow: 'hidden' }}
      >
        <ProductTable
          count={rows.total ?? 0}
          rowAt={rows.rowAt}
          onRange={rows.ensureRange}
          onOpen={(product) => setEditing({ product })}
          currency={currency}
        />
      </Paper>
      <ProductForm
        opened={editing !== undefined}
        product={editing?.product}
        currency={currency}
        canEdit={canEdit}
        onClose={() => setEditing(undefined)}
        onSaved={reload}
        onOpenStock={onOpenStock}
      />
      <ImportCsvModal opened={importing} onClose={() => setImporting(false)} onImported={reload} />
    </Stack>
  )
}
