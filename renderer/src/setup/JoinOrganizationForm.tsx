import { SimpleGrid, Stack, Text, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useApi } from '../api/api-context.tsx'
import { describeError } from '../api/describe-error.ts'
import { fieldErrors } from '../api/field-errors.ts'
import { FormFooter } from '../ui/FormFooter.tsx'

/** A new till joins an organization with the relay's address and a one-time enrollment code. */
export function JoinOrganizationForm({ onDone }: { onDone: () => void }) {
  const api = useApi()
  const [form, setForm] = useState({ relayUrl: '', enrollmentCode: '', storeName: '', storeCode: '' })
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const [errors, setErrors] = useState<Record<string, string>>({})
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }))

  async function submit(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    setErrors({})
    try {
      await api['setup.joinOrganization']({
        relayUrl: form.relayUrl.trim(),
        enrollmentCode: form.enrollmentCode,
        ...(form.storeName.trim() ? { storeName: form.storeName } : {}),
        ...(form.storeCode.trim() ? { storeCode: form.storeCode } : {}),
      })
      onDone()
    } catch (e) {
      setErrors(fieldErrors(e))
      setError(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Your head office or IT person gives you the relay address and a one-time enrollment code.
        </Text>
        <TextInput
          label="Relay address"
          placeholder="wss://relay.example.com"
          required
          value={form.relayUrl}
          error={errors.relayUrl}
          onChange={(e) => set('relayUrl')(e.currentTarget.value)}
        />
        <TextInput
          label="Enrollment code"
          required
          autoComplete="off"
          value={form.enrollmentCode}
          error={errors.enrollmentCode}
          onChange={(e) => set('enrollmentCode')(e.currentTarget.value)}
        />
        <SimpleGrid cols={2}>
          <TextInput
            label="Store name"
            description="If this is a new store"
            value={form.storeName}
            error={errors.storeName}
            onChange={(e) => set('storeName')(e.currentTarget.value)}
          />
          <TextInput
            label="Store code"
            description=" "
            value={form.storeCode}
            error={errors.storeCode}
            onChange={(e) => set('storeCode')(e.currentTarget.value)}
          />
        </SimpleGrid>
        <FormFooter error={error} errorTitle="Could not join" busy={busy} submitLabel="Join organization" />
      </Stack>
    </form>
  )
}
