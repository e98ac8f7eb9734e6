import { Select } from '@mantine/core'
import { useStoreQuery } from '../api/use-store-query.ts'

/** A list's category filter: the catalog's categories, or all of them when cleared. */
export function CategorySelect(props: {
  value: string | null
  onChange: (category: string | null) => void
  w?: number
  /** A visible label (else it is named for screen readers only). */
  label?: string
}) {
  const categories = useStoreQuery('catalog.categories', {}).data?.categories ?? []
  return (
    <Select
      placeholder="All categories"
      {...(props.label ? { label: props.label } : { 'aria-label': 'Category' })}
      clearable
      data={categories.map((c) => c.name)}
      value={props.value}
      onChange={props.onChange}
      w={props.w ?? 200}
      data-testid="category-filter"
    />
  )
}
