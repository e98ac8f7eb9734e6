import { Alert, Modal, PasswordInput, Select, Stack, Text } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useStoreQuery } from '../api/use-store-query.ts'
import { rules } from './form-rules.ts'
import { ModalFooter } from './ModalFooter.tsx'

export interface Approval {
  username: string
  pin: string
}

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
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="A manager approves" centered>
      <form
        onSubmit={form.onSubmit((v) => {
          props.onApprove({ username: v.username ?? '', pin: v.pin })
          form.setFieldValue('pin', '')
        })}
      >
        <Stack gap="sm">
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
          <ModalFooter
            onCancel={props.onClose}
            submit
            confirmLabel="Approve"
            pending={props.pending ?? false}
            testId="approval-confirm"
          />
        </Stack>
      </form>
    </Modal>
  )
}
