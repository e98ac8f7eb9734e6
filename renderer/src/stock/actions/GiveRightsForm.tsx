import { Group, Select, Stack, Text } from '@mantine/core'
import { useForm } from '@mantine/form'
import type { ProductView, StockView } from '../../../../shared/api/views.ts'
import { useStoreAction } from '../../api/use-store-action.ts'
import { useSession } from '../../app/session-context.tsx'
import { rules, wholeNumberOf } from '../../ui/form-rules.ts'
import { WholeNumberField } from '../../ui/WholeNumberField.tsx'
import { qtyRule, stockChanges } from './stock-rules.ts'
import { InlineSubmit } from '../../ui/InlineSubmit.tsx'

/** Gives some of this store's rights to another store that holds or asked for this product. */
export function GiveRightsForm({ product, stock }: { product: ProductView; stock: StockView }) {
  const { session } = useSession()
  const rule = { ...qtyRule, max: Math.max(1, stock.here) }
  const form = useForm({
    mode: 'controlled',
    initialValues: { to: null as string | null, qty: '1' },
    validate: { to: rules.picked('Pick a store'), qty: rules.wholeNumber(rule) },
    validateInputOnChange: true,
  })
  const transfer = useStoreAction('stock.transfer', {
    invalidates: stockChanges,
    setFieldErrors: form.setErrors,
  })
  // Stores this till knows for this product: current holders and stores that asked for it.
  const others = new Map<string, string>()
  for (const h of stock.holders) if (h.replicaId !== session.replicaId) others.set(h.replicaId, h.storeName)
  for (const r of stock.requests) if (r.from !== session.replicaId) others.set(r.from, r.fromStoreName)
  const options = [...others].map(([value, label]) => ({ value, label: `${label} (${value.slice(0, 8)})` }))
  const submit = (values: typeof form.values) => {
    if (!values.to) return
    const qty = wholeNumberOf(values.qty)
    void transfer.run(
      { productId: product.id, toReplicaId: values.to, qty },
      `Transferred ${qty} × ${product.name}`,
    )
  }
  return (
    <form onSubmit={form.onSubmit(submit)}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Give some of this store's rights ({stock.here}) to another store, e.g. when shipping goods there.
        </Text>
        <Group align="flex-start">
          <Select
            label="To store"
            placeholder={options.length ? 'Pick a store' : 'No other store known for this product'}
            data={options}
            {...form.getInputProps('to')}
            w={260}
          />
          <WholeNumberField label="Units" rule={rule} {...form.getInputProps('qty')} testId="stock-qty" />
          <InlineSubmit pending={transfer.pending} disabled={stock.here < 1 || !form.isValid()}>
            Transfer
          </InlineSubmit>
        </Group>
      </Stack>
    </form>
  )
}
