import { Alert } from '@mantine/core'
import { useForm } from '@mantine/form'
import type { UserView } from '../../../shared/api/views.ts'
import { useStoreAction } from '../api/use-store-action.ts'
import { rules } from '../ui/form-rules.ts'
import { FormModal } from '../ui/FormModal.tsx'
import { SignInFields } from './SignInFields.tsx'

/** A new PIN, a new password, or both, for someone who forgot theirs. */
export function ResetSignInModal({ user, onClose }: { user: UserView; onClose: () => void }) {
  const form = useForm({
    mode: 'controlled',
    initialValues: { pin: '', password: '' },
    validate: { pin: rules.pin, password: rules.password },
    validateInputOnChange: true,
  })
  const update = useStoreAction('users.update', {
    invalidates: ['users.list'],
    showError: 'inline',
    setFieldErrors: form.setErrors,
  })
  const { pin, password } = form.values
  const submit = async () => {
    const what = pin && password ? 'PIN and password' : pin ? 'PIN' : 'password'
    const done = await update.run(
      { id: user.id, ...(pin ? { pin } : {}), ...(password ? { password } : {}) },
      `New ${what} set for ${user.displayName}`,
    )
    if (done) onClose()
  }
  return (
    <FormModal
      opened
      onClose={onClose}
      form={form}
      submit={submit}
      action={update}
      text={{ title: `Reset sign-in for ${user.displayName}`, confirm: 'Save', testId: 'reset-save' }}
      disabled={!pin && !password}
    >
      <SignInFields form={form} prefix="New " testIds={{ pin: 'reset-pin', password: 'reset-password' }} />
      {update.error ? <Alert color="red">{update.error}</Alert> : null}
    </FormModal>
  )
}
