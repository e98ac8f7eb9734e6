import { Divider, PasswordInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useFormAction } from '../api/use-form-actions.ts'
import { rules } from '../ui/form-rules.ts'
import { FormFooter } from '../ui/FormFooter.tsx'

const currencies = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'CAD', 'AUD', 'JPY']

/** A standalone store that starts a new organization; its owner account is created with it. */
export function CreateOrganizationForm({ onDone }: { onDone: () => void }) {
  // The form's paths are the method's ("owner.password"): the store's refusals land on their fields.
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      orgName: '',
      currency: 'EUR',
      storeName: '',
      storeCode: '',
      owner: { username: '', displayName: '', password: '', pin: '' },
    },
    validate: {
      orgName: rules.all(rules.required('the organization’s name'), rules.maxChars(100)),
      storeName: rules.all(rules.required('this store’s name'), rules.maxChars(100)),
      storeCode: rules.all(rules.required('a short store code'), rules.maxChars(20)),
      owner: {
        username: rules.username,
        displayName: rules.maxChars(100),
        password: rules.all(rules.required('a password'), rules.password),
        pin: rules.pin,
      },
    },
    validateInputOnChange: true,
  })
  const create = useFormAction('setup.createOrganization', form)
  const submit = async (v: typeof form.values) => {
    const done = await create.run({
      orgName: v.orgName,
      currency: v.currency,
      storeName: v.storeName,
      storeCode: v.storeCode,
      owner: {
        username: v.owner.username,
        password: v.owner.password,
        ...(v.owner.displayName.trim() ? { displayName: v.owner.displayName } : {}),
        ...(v.owner.pin ? { pin: v.owner.pin } : {}),
      },
    })
    if (done) onDone()
  }

  return (
    <form onSubmit={form.onSubmit((v) => void submit(v))}>
      <Stack gap="sm">
        <SimpleGrid cols={2}>
          <TextInput
            label="Organization name"
            placeholder="Green Grocers Ltd"
            required
            {...form.getInputProps('orgName')}
          />
          <Select
            label="Currency"
            data={currencies}
            searchable
            allowDeselect={false}
            {...form.getInputProps('currency')}
          />
          <TextInput
            label="This store's name"
            placeholder="High Street"
            required
            {...form.getInputProps('storeName')}
          />
          <TextInput label="Store code" placeholder="HS01" required {...form.getInputProps('storeCode')} />
        </SimpleGrid>
        <Divider label="Owner account" labelPosition="left" mt="xs" />
        <SimpleGrid cols={2}>
          <TextInput
            label="Username"
            required
            autoComplete="username"
            {...form.getInputProps('owner.username')}
          />
          <TextInput label="Display name" {...form.getInputProps('owner.displayName')} />
          <PasswordInput
            label="Password"
            description="At least 8 characters"
            required
            autoComplete="new-password"
            {...form.getInputProps('owner.password')}
          />
          <PasswordInput
            label="PIN (optional)"
            description="4–8 digits, for quick switching"
            inputMode="numeric"
            {...form.getInputProps('owner.pin')}
          />
        </SimpleGrid>
        <FormFooter
          action={create}
          errorTitle="Could not create the organization"
          submitLabel="Create organization"
        />
      </Stack>
    </form>
  )
}
