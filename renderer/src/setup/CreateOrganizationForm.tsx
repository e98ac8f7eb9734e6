import { Divider, PasswordInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useApi } from '../api/api-context.tsx'
import { describeError } from '../api/describe-error.ts'
import { fieldErrors } from '../api/field-errors.ts'
import { FormFooter } from '../ui/FormFooter.tsx'

const currencies = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'CAD', 'AUD', 'JPY']

/** A standalone store that starts a new organization; its owner account is created with it. */
export function CreateOrganizationForm({ onDone }: { onDone: () => void }) {
  const api = useApi()
  const [form, setForm] = useState({
    orgName: '',
    currency: 'EUR',
    storeName: '',
    storeCode: '',
    username: '',
    displayName: '',
    password: '',
    pin: '',
  })
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
      await api['setup.createOrganization']({
        orgName: form.orgName,
        currency: form.currency,
        storeName: form.storeName,
        storeCode: form.storeCode,
        owner: {
          username: form.username,
          password: form.password,
          ...(form.displayName.trim() ? { displayName: form.displayName } : {}),
          ...(form.pin ? { pin: form.pin } : {}),
        },
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
        <SimpleGrid cols={2}>
          <TextInput
            label="Organization name"
            placeholder="Green Grocers Ltd"
            required
            value={form.orgName}
            error={errors.orgName}
            onChange={(e) => set('orgName')(e.currentTarget.value)}
          />
          <Select
            label="Currency"
            data={currencies}
            searchable
            allowDeselect={false}
            value={form.currency}
            error={errors.currency}
            onChange={(v) => set('currency')(v ?? 'EUR')}
          />
          <TextInput
            label="This store's name"
            placeholder="High Street"
            required
            value={form.storeName}
            error={errors.storeName}
            onChange={(e) => set('storeName')(e.currentTarget.value)}
          />
          <TextInput
            label="Store code"
            placeholder="HS01"
            required
            value={form.storeCode}
            error={errors.storeCode}
            onChange={(e) => set('storeCode')(e.currentTarget.value)}
          />
        </SimpleGrid>
        <Divider label="Owner account" labelPosition="left" mt="xs" />
        <SimpleGrid cols={2}>
          <TextInput
            label="Username"
            required
            autoComplete="username"
            value={form.username}
            error={errors['owner.username']}
            onChange={(e) => set('username')(e.currentTarget.value)}
          />
          <TextInput
            label="Display name"
            value={form.displayName}
            error={errors['owner.displayName']}
            onChange={(e) => set('displayName')(e.currentTarget.value)}
          />
          <PasswordInput
            label="Password"
            description="At least 8 characters"
            required
            autoComplete="new-password"
            value={form.password}
            error={errors['owner.password']}
            onChange={(e) => set('password')(e.currentTarget.value)}
          />
          <PasswordInput
            label="PIN (optional)"
            description="4–8 digits, for quick switching"
            inputMode="numeric"
            value={form.pin}
            error={errors['owner.pin']}
            onChange={(e) => set('pin')(e.currentTarget.value)}
          />
        </SimpleGrid>
        <FormFooter
          error={error}
          errorTitle="Could not create the organization"
          busy={busy}
          submitLabel="Create organization"
        />
      </Stack>
    </form>
  )
}
