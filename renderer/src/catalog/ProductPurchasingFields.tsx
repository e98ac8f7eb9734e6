import { Select, SimpleGrid } from '@mantine/core'
import { useStoreQuery } from '../api/use-store-query.ts'
import { FormText } from '../ui/FormText.tsx'

/** Where a product sits and where it comes from: its category, default supplier, their number, its cost. */
export function ProductPurchasingFields(props: {
  form: { getInputProps: (path: string) => object }
  readOnly: boolean
}) {
  const suppliers = useStoreQuery('suppliers.list', {}).data?.items ?? []
  const { form, readOnly } = props
  return (
    <SimpleGrid cols={2}>
      <FormText form={form} name="category" label="Category" readOnly={readOnly} testId="product-category" />
      <Select
        label="Default supplier"
        placeholder="None"
        clearable
        readOnly={readOnly}
        data={suppliers.map((s) => ({ value: s.id, label: s.name }))}
        {...form.getInputProps('supplierId')}
        data-testid="product-supplier"
      />
      <FormText form={form} name="supplierSku" label="Supplier's number" readOnly={readOnly} />
      <FormText
        form={form}
        name="cost"
        label="Cost (until received at a cost)"
        inputMode="decimal"
        readOnly={readOnly}
        testId="product-cost"
      />
    </SimpleGrid>
  )
}
