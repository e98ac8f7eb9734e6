import { Group, Select, Stack, Text } from '@mantine/core'
import { useForm } from '@mantine/form'
import type { ProductView, StockView } from '../../../../shared/api/views.ts'
import { useStoreAction } from '../../api/use-store-action.ts'
import { useSession } from '../../app/session-context.tsx'
import { rules, wholeNumberOf } from '../../ui/form-rules.ts'
import { WholeNumberField } from '../../ui/WholeNumberField.tsx'
import { qtyRule, stockChanges } from './stock-rules.ts'
import { InlineSubmit } from '../../ui/InlineSubmit.tsx'

/** Asks a store that holds this product for units; the request waits until that store grants it. */
export function RequestRightsForm({ product, stock }: { product: ProductView; stock: StockView }) {
  const { session } = useSession()
  const donors = stock.holders.filter((h) => h.replicaId !== session.replicaId && h.rights > 0)
  const form = useForm({
    mode: 'controlled',
    initialValues: { donor: null as string | null, qty: '1' },
    validate: { qty: rules.wholeNumber(qtyRule) },
    validateInputOnChange: true,
  })
  const request = useStoreAction('stock.request', {
    invalidates: stockChanges,
    setFieldErrors: form.setErrors,
  })
  const submit = (values: typeof form.values) => {
    const qty = wholeNumberOf(values.qty)
    void request.run(
      { productId: product.id, qty, ...(values.donor ? { donorReplicaId: values.donor } : {}) },
      `Requested ${qty} × ${product.name}`,
    )
  }
  return (
    <form onSubmit={form.onSubmit(submit)}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Ask a store that holds this product for units. The request waits in the chain until that store
          grants it.
        </Text>
        <Group align="flex-start">
          <Select
            label="Ask"
            placeholder={donors.length ? 'Store with the most' : 'No other store holds any'}
            data={donors.map((d) => ({ value: d.replicaId, label: `${d.storeName} (holds ${d.rights})` }))}
            {...form.getInputProps('donor')}
            clearable
            w={260}
          />
          <WholeNumberField label="Units" rule={qtyRule} {...form.getInputProps('qty')} testId="stock-qty" />
          <InlineSubmit pending={request.pending} disabled={donors.length === 0 || !form.isValid('qty')}>
            Request
          </InlineSubmit>
        </Group>
      </Stack>
    </form>
  )
}
