import { Alert, Select, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import type { Role } from '../../../shared/api/roles.ts'
import { useStoreAction } from '../api/use-store-action.ts'
import { rules } from '../ui/form-rules.ts'
import { FormModal } from '../ui/FormModal.tsx'
import { SignInFields } from './SignInFields.tsx'

const text = { title: 'New user', confirm: 'Create user', testId: 'user-create' }

/** A new cashier, manager (or, for an owner, owner) with a PIN, a password or both. */
export function CreateUserModal({ isOwner, onClose }: { isOwner: boolean; onClose: () => void }) {
  const form = useForm({
    mode: 'controlled',
    initialValues: { displayName: '', username: '', role: 'cashier' as Role, pin: '', password: '' },
    validate: {
      displayName: rules.all(rules.required('the person’s name'), rules.maxChars(100)),
      username: rules.username,
      pin: rules.pin,
      password: rules.password,
    },
    validateInputOnChange: true,
  })
  const create = useStoreAction('users.create', {
    invalidates: ['users.list'],
    showError: 'inline',
    setFieldErrors: form.setErrors,
  })
  const submit = async (v: typeof form.values) => {
    const done = await create.run(
      {
        displayName: v.displayName.trim(),
        username: v.username.trim(),
        role: v.role,
        ...(v.pin ? { pin: v.pin } : {}),
        ...(v.password ? { password: v.password } : {}),
      },
      `${v.displayName.trim()} can now log in as ${v.username.trim()}`,
    )
    if (done) onClose()
  }
  const { displayName, username, pin, password } = form.values
  return (
    <FormModal
      opened
      onClose={onClose}
      form={form}
      submit={submit}
      action={create}
      text={text}
      disabled={!displayName.trim() || !username.trim() || (!pin && !password)}
    >
      <TextInput label="Full name" {...form.getInputProps('displayName')} data-testid="user-display" />
      <TextInput
        label="Username"
        description="letters, digits, dot, dash, underscore"
        {...form.getInputProps('username')}
        onChange={(e) => form.setFieldValue('username', e.currentTarget.value.toLowerCase())}
        data-testid="user-username"
      />
      <Select
        label="Role"
        allowDeselect={false}
        {...form.getInputProps('role')}
        data={[
          { value: 'cashier', label: 'Cashier — sells, refunds, holds' },
          { value: 'manager', label: 'Manager — stock, transfers, reports, users' },
          ...(isOwner ? [{ value: 'owner', label: 'Owner — whole chain, devices, restore' }] : []),
        ]}
        data-testid="user-role"
      />
      <SignInFields form={form} prefix="" testIds={{ pin: 'user-pin', password: 'user-password' }} />
      <Text size="xs" c="dimmed">
        Cashiers usually sign in with a PIN; managers should also have a password.
      </Text>
      {create.error ? <Alert color="red">{create.error}</Alert> : null}
    </FormModal>
  )
}
