import { Select } from '@mantine/core'
import { useForm } from '@mantine/form'
import { adjustReasons } from '../../../../shared/api/methods/fields.ts'
import type { ProductView } from '../../../../shared/api/views.ts'
import { useStoreAction } from '../../api/use-store-action.ts'
import { rules, wholeNumberOf } from '../../ui/form-rules.ts'
import { StockChangeForm } from './StockChangeForm.tsx'
import { deltaRule, stockChanges } from './stock-rules.ts'

type AdjustReason = (typeof adjustReasons)[number]

const reasonLabels: Record<AdjustReason, string> = {
  count: 'Stock count',
  damaged: 'Damaged',
  lost: 'Lost',
  found: 'Found',
  expired: 'Expired',
  correction: 'Correction',
  theft: 'Theft',
}

/** Corrects the count here with a reason: negative removes units, positive adds found ones. */
export function AdjustForm({ product }: { product: ProductView }) {
  const form = useForm({
    mode: 'controlled',
    initialValues: { delta: '-1', reason: 'count' as AdjustReason, note: '' },
    validate: { delta: rules.wholeNumber(deltaRule), note: rules.maxChars(500) },
    validateInputOnChange: true,
  })
  const adjust = useStoreAction('stock.adjust', { invalidates: stockChanges, setFieldErrors: form.setErrors })
  return (
    <StockChangeForm
      form={form}
      intro="Correct the count here: negative removes units (damaged, lost…), positive adds found units."
      field={{ name: 'delta', label: 'Change (+/−)', rule: deltaRule, testId: 'stock-delta' }}
      extra={
        <Select
          label="Reason"
          allowDeselect={false}
          {...form.getInputProps('reason')}
          data={adjustReasons.map((r) => ({ value: r, label: reasonLabels[r] }))}
          w={180}
        />
      }
      submit={{ label: 'Adjust', pending: adjust.pending }}
      change={(values) => {
        const delta = wholeNumberOf(values.delta)
        const note = values.note.trim()
        const input = { productId: product.id, delta, reason: values.reason, ...(note ? { note } : {}) }
        return {
          amount: delta,
          question: `Change the count of ${product.name} by ${delta.toLocaleString()}?`,
          confirmLabel: `Adjust by ${delta}`,
          send: () => adjust.run(input, `Adjusted ${product.name} by ${delta}`),
        }
      }}
    />
  )
}
