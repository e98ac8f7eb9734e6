import { ActionIcon, Group, Select, Tooltip } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useState } from 'react'
import type { CustomerView } from '../../../shared/api/views.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { NewCustomerModal } from './NewCustomerModal.tsx'

/** The sale's customer: found by typing a name, phone or e-mail, or added on the spot. */
export function CustomerPicker(props: {
  customer: CustomerView | undefined
  onChange: (customer: CustomerView | undefined) => void
}) {
  const [search, setSearch] = useState('')
  const [debounced] = useDebouncedValue(search.trim(), 150)
  const found = useStoreQuery(
    'customers.search',
    { query: debounced, limit: 10 },
    { enabled: debounced !== '' },
  )
  const [adding, setAdding] = useState(false)
  const items = found.data?.items ?? []
  const all =
    props.customer && !items.some((c) => c.id === props.customer?.id) ? [props.customer, ...items] : items
  return (
    <Group gap={4} wrap="nowrap" align="flex-end">
      <Select
        label="Customer"
        placeholder="Name, phone or e-mail"
        searchable
        clearable
        searchValue={search}
        onSearchChange={setSearch}
        filter={({ options }) => options}
        data={all.map((c) => ({
          value: c.id,
          label: [c.name, c.phone || c.email].filter(Boolean).join(' · '),
        }))}
        value={props.customer?.id ?? null}
        onChange={(id) => props.onChange(all.find((c) => c.id === id))}
        nothingFoundMessage={debounced ? 'No customer found' : 'Type to search'}
        style={{ flex: 1 }}
        data-testid="sale-customer"
      />
      <Tooltip label="New customer">
        <ActionIcon variant="default" size="lg" aria-label="New customer" onClick={() => setAdding(true)}>
          +
        </ActionIcon>
      </Tooltip>
      <NewCustomerModal
        opened={adding}
        onAdded={(c) => {
          setAdding(false)
          props.onChange(c)
        }}
        onClose={() => setAdding(false)}
      />
    </Group>
  )
}
