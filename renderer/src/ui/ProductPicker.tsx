import { Select } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useState } from 'react'
import type { ProductWithStock } from '../../../shared/api/views.ts'
import { useStoreQuery } from '../api/use-store-query.ts'

/** A searchable product select backed by catalog.search (works with large catalogs). */
export function ProductPicker(props: {
  label: string
  value: ProductWithStock | undefined
  onChange: (product: ProductWithStock | undefined) => void
  w?: number | string
  testId?: string
}) {
  const [search, setSearch] = useState('')
  const [debounced] = useDebouncedValue(search, 150)
  const query = debounced.trim()
  // The first 50 products until the person types, then what matches (the store searches large catalogs).
  const found = useStoreQuery('catalog.search', { query, limit: 30 }, { enabled: query !== '' })
  const first = useStoreQuery('catalog.list', { limit: 50 }, { enabled: query === '' })
  const items = (query ? found.data?.items : first.data?.items) ?? []
  const all = props.value && !items.some((i) => i.id === props.value?.id) ? [props.value, ...items] : items
  return (
    <Select
      label={props.label}
      placeholder="Search name, SKU or barcode"
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      data={all.map((p) => ({ value: p.id, label: `${p.name} · ${p.sku}` }))}
      value={props.value?.id ?? null}
      onChange={(id) => props.onChange(all.find((p) => p.id === id))}
      nothingFoundMessage="No product"
      w={props.w ?? 320}
      data-testid={props.testId}
      clearable
    />
  )
}
