import { Group, Select, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useStoreAction } from '../api/use-store-action.ts'
import { rules } from '../ui/form-rules.ts'
import { ProductQtyFields } from '../ui/ProductQtyFields.tsx'
import { TitledCard } from '../ui/TitledCard.tsx'
import { useProductQty } from '../ui/use-product-qty.ts'
import { orderChanges } from './order-changes.ts'
import { InlineSubmit } from '../ui/InlineSubmit.tsx'

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
  const pick = useProductQty(qtyRule)
  const { product, qty } = pick
  const form = useForm({
    mode: 'controlled',
    initialValues: { customer: '', ttl: '1440' as string | null },
    validate: {
      customer: rules.all(rules.required('the customer’s name or phone'), rules.maxChars(200)),
    },
    validateInputOnChange: true,
  })
  const hold = useStoreAction('reservations.create', {
    invalidates: orderChanges,
    setFieldErrors: form.setErrors,
  })
  const submit = async (values: typeof form.values) => {
    if (!product || qty === undefined) return
    const customer = values.customer.trim()
    const input = { productId: product.id, qty, customer, ttlMinutes: Number(values.ttl) }
    const done = await hold.run(input, `Held ${qty} × ${product.name} for ${customer}`)
    if (!done) return
    form.reset()
    pick.clear()
  }
  return (
    <TitledCard title="New hold">
      <form onSubmit={form.onSubmit((values) => void submit(values))}>
        <Group align="flex-start">
          <ProductQtyFields pick={pick} testId="hold-product" />
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
          <InlineSubmit
            pending={hold.pending}
            disabled={!product || qty === undefined || !form.values.customer.trim()}
            testId="hold-create"
          >
            Hold
          </InlineSubmit>
        </Group>
      </form>
      {product ? (
        <Text size="xs" c="dimmed" mt={6}>
          {product.here} available here. A hold takes the units out of what this store may sell until it is
          sold, released, or expires.
        </Text>
      ) : null}
    </TitledCard>
  )
}
