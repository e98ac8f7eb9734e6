import { Button, Group, Paper, Select, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useState } from 'react'
import type { ProductWithStock } from '../../../shared/api/views.ts'
import { useStoreAction } from '../api/use-store-action.ts'
import { rules, wholeNumberOf } from '../ui/form-rules.ts'
import { ProductPicker } from '../ui/ProductPicker.tsx'
import { WholeNumberField } from '../ui/WholeNumberField.tsx'
import { orderChanges } from './order-changes.ts'

const ttlOptions = [
  { value: '30', label: '30 minutes' },
  { value: '120', label: '2 hours' },
  { value: '1440', label: '1 day' },
  { value: '4320', label: '3 days' },
  { value: '10080', label: '1 week' },
]
const qtyRule = { min: 1, max: 1_000_000, unit: 'units' }

/** Puts units of a product aside for a customer for a while. */
export function NewHoldForm() {
  const [product, setProduct] = useState<ProductWithStock>()
  const form = useForm({
    mode: 'controlled',
    initialValues: { qty: '1', customer: '', ttl: '1440' as string | null },
    validate: {
      qty: rules.wholeNumber(qtyRule),
      customer: rules.all(rules.required('the customer’s name or phone'), rules.maxChars(200)),
    },
    validateInputOnChange: true,
  })
  const hold = useStoreAction('reservations.create', {
    invalidates: orderChanges,
    setFieldErrors: form.setErrors,
  })
  const submit = async (values: typeof form.values) => {
    if (!product) return
    const qty = wholeNumberOf(values.qty)
    const customer = values.customer.trim()
    const input = { productId: product.id, qty, customer, ttlMinutes: Number(values.ttl) }
    const done = await hold.run(input, `Held ${qty} × ${product.name} for ${customer}`)
    if (done) form.reset()
  }
  return (
    <Paper withBorder p="md">
      <Text fw={700} mb="sm">
        New hold
      </Text>
      <form onSubmit={form.onSubmit((values) => void submit(values))}>
        <Group align="flex-start">
          <ProductPicker
            label="Product"
            value={product}
            onChange={setProduct}
            testId="hold-product"
            w={300}
          />
          <WholeNumberField label="Qty" rule={qtyRule} {...form.getInputProps('qty')} w={90} />
          <TextInput
            label="Customer"
            placeholder="Name or phone"
            {...form.getInputProps('customer')}
            w={220}
            data-testid="hold-customer"
          />
          <Select
            label="Keep for"
            data={ttlOptions}
            {...form.getInputProps('ttl')}
            w={140}
            allowDeselect={false}
          />
          <Button
            type="submit"
            mt={25}
            loading={hold.pending}
            disabled={!product || !form.values.customer.trim()}
            data-testid="hold-create"
          >
            Hold
          </Button>
        </Group>
      </form>
      {product ? (
        <Text size="xs" c="dimmed" mt={6}>
          {product.here} available here. A hold takes the units out of what this store may sell until it is
          sold, released, or expires.
        </Text>
      ) : null}
    </Paper>
  )
}
