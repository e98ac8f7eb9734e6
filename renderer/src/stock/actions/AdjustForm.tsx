import { Button, Group, Select, Stack, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { adjustReasons } from '../../../../shared/api/methods/fields.ts'
import type { ProductView } from '../../../../shared/api/views.ts'
import { useStoreAction } from '../../api/use-store-action.ts'
import { rules, wholeNumberOf } from '../../ui/form-rules.ts'
import { useConfirmUnusual } from '../../ui/use-confirm-unusual.tsx'
import { FormWholeNumber } from '../../ui/WholeNumberField.tsx'
import { deltaRule, stockChanges, unusualDetail, unusualQty } from './stock-rules.ts'

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
  const unusual = useConfirmUnusual(unusualQty, unusualDetail)
  const submit = (values: typeof form.values) => {
    const delta = wholeNumberOf(values.delta)
    const note = values.note.trim()
    const question = `Change the count of ${product.name} by ${delta.toLocaleString()}?`
    unusual.check(delta, question, `Adjust by ${delta}`, () => {
      void adjust
        .run(
          { productId: product.id, delta, reason: values.reason, ...(note ? { note } : {}) },
          `Adjusted ${product.name} by ${delta}`,
        )
        .then((done) => done && form.setFieldValue('note', ''))
    })
  }
  return (
    <>
      <form onSubmit={form.onSubmit(submit)}>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Correct the count here: negative removes units (damaged, lost…), positive adds found units.
          </Text>
          <Group align="flex-start">
            <FormWholeNumber
              form={form}
              name="delta"
              label="Change (+/−)"
              rule={deltaRule}
              testId="stock-delta"
            />
            <Select
              label="Reason"
              allowDeselect={false}
              {...form.getInputProps('reason')}
              data={adjustReasons.map((r) => ({ value: r, label: reasonLabels[r] }))}
              w={180}
            />
            <Button type="submit" mt={25} loading={adjust.pending} disabled={!form.isValid('delta')}>
              Adjust
            </Button>
          </Group>
          <TextInput label="Note (optional)" {...form.getInputProps('note')} />
        </Stack>
      </form>
      {unusual.modal}
    </>
  )
}
