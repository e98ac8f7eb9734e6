import { Button, Group, Stack } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useState } from 'react'
import type { SupplierView } from '../../../shared/api/views.ts'
import { useStoreAction } from '../api/use-store-action.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { rules, wholeNumberOf } from '../ui/form-rules.ts'
import { FormModal } from '../ui/FormModal.tsx'
import { FormText } from '../ui/FormText.tsx'
import { trimmed } from '../ui/trimmed.ts'
import { DataTable, type Column } from '../ui/DataTable.tsx'
import { FormWholeNumber } from '../ui/WholeNumberField.tsx'

const columns: Column<SupplierView>[] = [
  { header: 'Supplier', cell: (s) => s.name },
  { header: 'Contact', cell: (s) => [s.contact, s.phone, s.email].filter(Boolean).join(' · ') || '—' },
  { header: 'Lead time', numeric: true, cell: (s) => `${s.leadTimeDays} days` },
]
const leadRule = { min: 0, max: 365, unit: 'days' }
const text = { title: 'New supplier', confirm: 'Add supplier', testId: 'supplier-save' }

/** The chain's suppliers (shared like the catalog): who delivers, how to reach them, how long it takes. */
export function SuppliersPanel() {
  const suppliers = useStoreQuery('suppliers.list', {})
  const [adding, setAdding] = useState(false)
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', contact: '', phone: '', email: '', leadTimeDays: '7' },
    validate: {
      name: rules.all(rules.required('the supplier’s name'), rules.maxChars(200)),
      leadTimeDays: rules.wholeNumber(leadRule),
    },
    validateInputOnChange: true,
  })
  const save = useStoreAction('suppliers.upsert', {
    invalidates: ['suppliers.list'],
    setFieldErrors: form.setErrors,
    success: (s) => `${s.name} added`,
  })
  const submit = async (v: typeof form.values) => {
    const done = await save.run({ ...trimmed(v), leadTimeDays: wholeNumberOf(v.leadTimeDays), note: '' })
    if (!done) return
    form.reset()
    setAdding(false)
  }
  return (
    <Stack gap="sm">
      <Group justify="flex-end">
        <Button onClick={() => setAdding(true)} data-testid="supplier-new">
          New supplier
        </Button>
      </Group>
      <DataTable columns={columns} source={suppliers} testId="suppliers-table" empty="No suppliers yet." />
      <FormModal
        opened={adding}
        onClose={() => setAdding(false)}
        form={form}
        submit={submit}
        action={save}
        text={text}
      >
        <FormText form={form} name="name" label="Name" autoFocus testId="supplier-name" />
        <FormText form={form} name="contact" label="Contact person" />
        <FormText form={form} name="phone" label="Phone" inputMode="tel" />
        <FormText form={form} name="email" label="E-mail" inputMode="email" />
        <FormWholeNumber form={form} name="leadTimeDays" label="Lead time (days)" rule={leadRule} />
      </FormModal>
    </Stack>
  )
}
