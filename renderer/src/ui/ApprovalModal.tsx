import { Alert, PasswordInput, Select, Text } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useStoreQuery } from '../api/use-store-query.ts'
import { rules } from './form-rules.ts'
import { FormModal } from './FormModal.tsx'

export interface Approval {
  username: string
  pin: string
}

const text = { title: 'A manager approves', confirm: 'Approve', testId: 'approval-confirm' }

/**
 * A manager approves on this till with their PIN (what the store asked for, said in `reason`):
 * the manager is picked from the store's staff, never typed.
 */
export function ApprovalModal(props: {
  opened: boolean
  reason: string
  /** The store's refusal of the last PIN, if it was wrong. */
  error?: string | undefined
  pending?: boolean
  onApprove: (approval: Approval) => void
  onClose: () => void
}) {
  const staff = useStoreQuery('session.staff', {}).data?.staff ?? []
  const managers = staff.filter((s) => s.role !== 'cashier')
  const form = useForm({
    mode: 'controlled',
    initialValues: { username: null as string | null, pin: '' },
    validate: {
      username: rules.picked('Pick the manager who approves'),
      pin: (v: string) => (/^\d{4,8}$/.test(v) ? null : 'Four to eight digits'),
    },
    validateInputOnChange: ['pin'],
  })
  const dialog = { opened: props.opened, onClose: props.onClose }
  const approve = (v: typeof form.values) => {
    props.onApprove({ username: v.username ?? '', pin: v.pin })
    form.setFieldValue('pin', '')
  }
  return (
    <FormModal
      {...dialog}
      form={form}
      submit={approve}
      action={{ pending: props.pending ?? false }}
      text={text}
    >
      <Text size="sm" data-testid="approval-reason">
        {props.reason}
      </Text>
      <Select
        label="Manager"
        data={managers.map((m) => ({ value: m.username, label: m.displayName }))}
        {...form.getInputProps('username')}
        data-testid="approval-manager"
      />
      <PasswordInput
        label="Manager PIN"
        inputMode="numeric"
        {...form.getInputProps('pin')}
        data-testid="approval-pin"
      />
      {props.error ? <Alert color="red">{props.error}</Alert> : null}
    </FormModal>
  )
}
