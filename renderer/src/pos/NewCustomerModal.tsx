import { useForm } from '@mantine/form'
import { email, phone } from '../../../shared/api/methods/fields.ts'
import type { CustomerView } from '../../../shared/api/views.ts'
import { useStoreAction } from '../api/use-store-action.ts'
import { rules } from '../ui/form-rules.ts'
import { FormModal } from '../ui/FormModal.tsx'
import { FormText } from '../ui/FormText.tsx'
import { trimmed } from '../ui/trimmed.ts'

const text = { title: 'New customer', confirm: 'Add customer', testId: 'customer-add' }

/** A customer added at the till: a name, and a phone number or an e-mail to find them again. */
export function NewCustomerModal(props: {
  opened: boolean
  onAdded: (customer: CustomerView) => void
  onClose: () => void
}) {
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', phone: '', email: '' },
    validate: {
      name: rules.all(rules.required('the name'), rules.maxChars(200)),
      // the store's own field rules, in the staff's words
      phone: (v: string) => (phone.safeParse(v).success ? null : 'Digits, spaces, + ( ) - / only'),
      email: (v: string) =>
        email.safeParse(v.trim()).success ? null : 'An e-mail address such as ana@example.com',
    },
    validateInputOnChange: true,
  })
  const save = useStoreAction('customers.upsert', {
    invalidates: ['customers.search', 'customers.list'],
    setFieldErrors: form.setErrors,
    success: (c) => `${c.name} added`,
  })
  const submit = async (v: typeof form.values) => {
    const added = await save.run({ ...trimmed(v), note: '' })
    if (!added) return
    form.reset()
    props.onAdded(added)
  }
  const dialog = { opened: props.opened, onClose: props.onClose }
  return (
    <FormModal {...dialog} form={form} submit={submit} action={save} text={text}>
      <FormText form={form} name="name" label="Name" autoFocus testId="customer-name" />
      <FormText form={form} name="phone" label="Phone" inputMode="tel" testId="customer-phone" />
      <FormText form={form} name="email" label="E-mail" inputMode="email" />
    </FormModal>
  )
}
