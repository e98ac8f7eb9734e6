import { Select } from '@mantine/core'
import { useStoreQuery } from '../api/use-store-query.ts'

/** Picks one of the chain's suppliers. */
export function SupplierSelect(props: {
  value: string | null
  onChange: (id: string | null) => void
  testId: string
}) {
  const suppliers = useStoreQuery('suppliers.list', {}).data?.items ?? []
  return (
    <Select
      label="Supplier"
      placeholder="Pick a supplier"
      data={suppliers.map((s) => ({ value: s.id, label: s.name }))}
      value={props.value}
      onChange={props.onChange}
      allowDeselect={false}
      data-testid={props.testId}
      w={260}
    />
  )
}
