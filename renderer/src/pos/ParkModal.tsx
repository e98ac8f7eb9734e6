import { Text } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useEffect } from 'react'
import { useStoreAction } from '../api/use-store-action.ts'
import { rules } from '../ui/form-rules.ts'
import type { CartLine } from './cart.ts'
import { FormModal } from '../ui/FormModal.tsx'
import { FormText } from '../ui/FormText.tsx'

const text = { title: 'Park this sale', confirm: 'Park', testId: 'park-confirm' }

/** Puts the cart aside under a name, for this till or another of the store's tills to recall. */
export function ParkModal(props: {
  opened: boolean
  lines: readonly CartLine[]
  hasDiscounts: boolean
  onParked: () => void
  onClose: () => void
}) {
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', customer: '' },
    validate: {
      name: rules.all(rules.required('a name'), rules.maxChars(100)),
      customer: rules.maxChars(200),
    },
    validateInputOnChange: true,
  })
  const park = useStoreAction('parked.park', {
    invalidates: ['parked.list'],
    setFieldErrors: form.setErrors,
    success: (p) => `Parked as “${p.name}”`,
  })
  const { opened } = props
  const { setValues } = form
  useEffect(() => {
    const time = new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    if (opened) setValues({ name: `Customer at ${time}`, customer: '' })
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a fresh name each time it opens
  }, [opened])
  const submit = async (v: typeof form.values) => {
    const done = await park.run({
      name: v.name.trim(),
      lines: props.lines.map((l) => ({
        productId: l.product.id,
        qty: l.qty,
        ...(l.label !== undefined && { label: l.label }),
      })),
      ...(v.customer.trim() && { customer: v.customer.trim() }),
    })
    if (done) props.onParked()
  }
  const dialog = { opened: props.opened, onClose: props.onClose }
  return (
    <FormModal {...dialog} form={form} submit={submit} action={park} text={text}>
      <FormText form={form} name="name" label="Name" autoFocus testId="park-name" />
      <FormText form={form} name="customer" label="Customer (optional)" />
      {props.hasDiscounts ? (
        <Text size="sm" c="orange.8">
          Discounts and prices set are not kept with a parked sale: give them again when it is recalled.
        </Text>
      ) : null}
    </FormModal>
  )
}
