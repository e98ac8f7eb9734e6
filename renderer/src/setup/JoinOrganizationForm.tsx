import { SimpleGrid, Stack, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useFormAction } from '../api/use-form-actions.ts'
import { rules } from '../ui/form-rules.ts'
import { FormFooter } from '../ui/FormFooter.tsx'

/** A new till joins an organization with the relay's address and a one-time enrollment code. */
export function JoinOrganizationForm({ onDone }: { onDone: () => void }) {
  const form = useForm({
    mode: 'controlled',
    initialValues: { relayUrl: '', enrollmentCode: '', storeName: '', storeCode: '' },
    validate: {
      relayUrl: rules.required('the relay’s address'),
      enrollmentCode: rules.required('the enrollment code'),
      storeName: rules.maxChars(100),
      storeCode: rules.maxChars(20),
    },
    validateInputOnChange: true,
  })
  const join = useFormAction('setup.joinOrganization', form)
  const submit = async (v: typeof form.values) => {
    const done = await join.run({
      relayUrl: v.relayUrl.trim(),
      enrollmentCode: v.enrollmentCode,
      ...(v.storeName.trim() ? { storeName: v.storeName } : {}),
      ...(v.storeCode.trim() ? { storeCode: v.storeCode } : {}),
    })
    if (done) onDone()
  }

  return (
    <form onSubmit={form.onSubmit((v) => void submit(v))}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Your head office or IT person gives you the relay address and a one-time enrollment code.
        </Text>
        <TextInput
          label="Relay address"
          placeholder="wss://relay.example.com"
          required
          {...form.getInputProps('relayUrl')}
        />
        <TextInput
          label="Enrollment code"
          required
          autoComplete="off"
          {...form.getInputProps('enrollmentCode')}
        />
        <SimpleGrid cols={2}>
          <TextInput
            label="Store name"
            description="If this is a new store"
            {...form.getInputProps('storeName')}
          />
          <TextInput label="Store code" description=" " {...form.getInputProps('storeCode')} />
        </SimpleGrid>
        <FormFooter action={join} errorTitle="Could not join" submitLabel="Join organization" />
      </Stack>
    </form>
  )
}
