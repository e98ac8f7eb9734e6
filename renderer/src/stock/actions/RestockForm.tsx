import { Button, Group, Stack, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import type { ProductView } from '../../../../shared/api/views.ts'
import { useStoreAction } from '../../api/use-store-action.ts'
import { rules, wholeNumberOf } from '../../ui/form-rules.ts'
import { useConfirmUnusual } from '../../ui/use-confirm-unusual.tsx'
import { FormWholeNumber } from '../../ui/WholeNumberField.tsx'
import { qtyRule, stockChanges, unusualDetail, unusualQty } from './stock-rules.ts'

/** Goods received at this store: this store may sell them at once. */
export function RestockForm({ product }: { product: ProductView }) {
  const form = useForm({
    mode: 'controlled',
    initialValues: { qty: '1', note: '' },
    validate: { qty: rules.wholeNumber(qtyRule), note: rules.maxChars(500) },
    validateInputOnChange: true,
  })
  const restock = useStoreAction('stock.restock', {
    invalidates: stockChanges,
    setFieldErrors: form.setErrors,
  })
  const unusual = useConfirmUnusual(unusualQty, unusualDetail)
  const submit = (values: typeof form.values) => {
    const qty = wholeNumberOf(values.qty)
    const note = values.note.trim()
    unusual.check(qty, `Restock ${qty.toLocaleString()} units of ${product.name}?`, `Restock ${qty}`, () => {
      void restock
        .run({ productId: product.id, qty, ...(note ? { note } : {}) }, `Restocked ${qty} × ${product.name}`)
        .then((done) => done && form.setFieldValue('note', ''))
    })
  }
  return (
    <>
      <form onSubmit={form.onSubmit(submit)}>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Goods received at this store. This store may sell them at once.
          </Text>
          <Group align="flex-start">
            <FormWholeNumber
              form={form}
              name="qty"
              label="Units received"
              rule={qtyRule}
              testId="stock-qty"
            />
            <Button
              type="submit"
              mt={25}
              loading={restock.pending}
              disabled={!form.isValid('qty')}
              data-testid="do-restock"
            >
              Restock
            </Button>
          </Group>
          <TextInput label="Note (optional)" {...form.getInputProps('note')} />
        </Stack>
      </form>
      {unusual.modal}
    </>
  )
}
