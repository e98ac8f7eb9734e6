import { Select } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useEffect, useState } from 'react'
import type { ProductWithStock } from '../../../shared/api/views.ts'
import { useApi } from '../api/api-context.tsx'

/** A searchable product select backed by catalog.search (works with large catalogs). */
export function ProductPicker(props: {
  label: string
  value: ProductWithStock | undefined
  onChange: (product: ProductWithStock | undefined) => void
  w?: number | string
  testId?: string
}) {
  const api = useApi()
  const [search, setSearch] = useState('')
  const [debounced] = useDebouncedValue(search, 150)
  const [items, setItems] = useState<ProductWithStock[]>([])
  useEffect(() => {
    let cancelled = false
    const run = debounced.trim()
      ? api['catalog.search']({ query: debounced.trim(), limit: 30 })
      : api['catalog.list']({ limit: 50 })
    run.then(
      (r) => {
        if (!cancelled) setItems(r.items)
      },
      () => {
        if (!cancelled) setItems([])
      },
    )
    return () => {
      cancelled = true
    }
  }, [api, debounced])
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
