import { Alert, Checkbox, Modal, Select, Stack, Text } from '@mantine/core'
import { useForm } from '@mantine/form'
import type { StoreListView } from '../../../shared/api/views.ts'
import { useStoreAction } from '../api/use-store-action.ts'
import { tillOptions } from '../transfers/till-options.ts'
import { rules } from '../ui/form-rules.ts'
import { ModalFooter } from '../ui/ModalFooter.tsx'

/** Retires this till for good: every stock right goes to the successor the owner picks. */
export function RetireModal({ stores, onClose }: { stores: StoreListView; onClose: () => void }) {
  const form = useForm({
    mode: 'controlled',
    initialValues: { successor: null as string | null, sure: false },
    validate: {
      successor: rules.picked('Choose the till that takes over'),
      sure: (sure: boolean) => (sure ? null : 'Tick this to go ahead'),
    },
  })
  const retire = useStoreAction('devices.retire', {
    invalidates: ['integrity.alerts', 'stores.list', 'system.health'],
    showError: 'inline',
    success: (done) =>
      `Till retired: ${done.units} units of stock rights (${done.transfers} products) moved to ${done.successorStoreName}.`,
  })
  const options = tillOptions(stores, { activeOnly: true, excludeThis: true })
  const submit = async (values: typeof form.values) => {
    if (!values.successor) return
    if (await retire.run({ successorReplicaId: values.successor, confirm: true })) onClose()
  }
  return (
    <Modal opened onClose={onClose} title="Retire this till" centered>
      <form onSubmit={form.onSubmit((v) => void submit(v))}>
        <Stack>
          <Text size="sm">
            Retiring moves <b>all</b> of this till's stock rights to a successor, withdraws its open requests,
            and makes this till read-only for good. Its id is never used again. Do this when the device is
            replaced or the store closes.
          </Text>
          {options.length === 0 ? (
            <Alert color="orange">There is no other active till to hand the stock to.</Alert>
          ) : null}
          <Select
            label="Successor"
            placeholder="Choose the till that takes over"
            data={options}
            {...form.getInputProps('successor')}
            data-testid="retire-successor"
          />
          <Checkbox
            label="I understand that this till can no longer sell afterwards"
            {...form.getInputProps('sure', { type: 'checkbox' })}
            data-testid="retire-sure"
          />
          {retire.error ? <Alert color="red">{retire.error}</Alert> : null}
          <ModalFooter
            onCancel={onClose}
            submit
            color="red"
            confirmLabel="Retire and move stock"
            pending={retire.pending}
            disabled={!form.values.successor || !form.values.sure}
            testId="retire-confirm"
          />
        </Stack>
      </form>
    </Modal>
  )
}
