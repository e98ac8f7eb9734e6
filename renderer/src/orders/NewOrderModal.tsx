import { Modal, Stack, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useState } from 'react'
import { useStoreAction } from '../api/use-store-action.ts'
import { rules, wholeNumberOf } from '../ui/form-rules.ts'
import { ModalFooter } from '../ui/ModalFooter.tsx'
import { ProductLinesPicker, type ProductLine } from '../ui/ProductLinesPicker.tsx'
import { FormWholeNumber } from '../ui/WholeNumberField.tsx'
import { orderChanges } from './order-changes.ts'

const qtyRule = { min: 1, max: 1_000_000, unit: 'units' }
const daysRule = { min: 1, max: 60, unit: 'days' }

/** A customer order: who, which goods (held as soon as it is created), for how long. */
export function NewOrderModal({ onClose }: { onClose: () => void }) {
  const form = useForm({
    mode: 'controlled',
    initialValues: { customer: '', holdDays: '7' },
    validate: {
      customer: rules.all(rules.required('the customer’s name'), rules.maxChars(200)),
      holdDays: rules.wholeNumber(daysRule),
    },
    validateInputOnChange: true,
  })
  const create = useStoreAction('orders.create', {
    invalidates: orderChanges,
    setFieldErrors: form.setErrors,
  })
  const [lines, setLines] = useState<ProductLine[]>([])
  const submit = async (values: typeof form.values) => {
    const customer = values.customer.trim()
    const done = await create.run(
      {
        customer,
        lines: lines.map((l) => ({ productId: l.product.id, qty: l.qty })),
        holdDays: wholeNumberOf(values.holdDays),
      },
      `Order created for ${customer}`,
    )
    if (done) onClose()
  }
  return (
    <Modal opened onClose={onClose} title="New customer order" size="lg" centered>
      <form onSubmit={form.onSubmit((values) => void submit(values))}>
        <Stack>
          <TextInput label="Customer" {...form.getInputProps('customer')} data-testid="order-customer" />
          <ProductLinesPicker
            lines={lines}
            onChange={setLines}
            rule={qtyRule}
            testIds={{ product: 'order-product', add: 'order-add-line' }}
          />
          <FormWholeNumber form={form} name="holdDays" label="Hold the goods for (days)" rule={daysRule} />
          <ModalFooter
            onCancel={onClose}
            submit
            confirmLabel="Create order"
            pending={create.pending}
            disabled={!form.values.customer.trim() || lines.length === 0}
            testId="order-create"
          />
        </Stack>
      </form>
    </Modal>
  )
}
