import { Alert, Group, Modal, Stack, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import type { ShipmentView } from '../../../shared/api/views.ts'
import { useStoreAction } from '../api/use-store-action.ts'
import { formatDateTime } from '../format/time.ts'
import { rules, wholeNumberOf } from '../ui/form-rules.ts'
import { ModalFooter } from '../ui/ModalFooter.tsx'
import { FormWholeNumber } from '../ui/WholeNumberField.tsx'

/** Confirms an incoming shipment: what arrived, what was damaged, what is missing. */
export function ReceiveModal({ shipment, onClose }: { shipment: ShipmentView; onClose: () => void }) {
  const unitsRule = { min: 0, max: shipment.qty, unit: 'units' }
  const form = useForm({
    mode: 'controlled',
    initialValues: { damaged: '0', lost: '0', note: '' },
    validate: {
      damaged: rules.wholeNumber(unitsRule),
      lost: rules.wholeNumber(unitsRule),
      note: rules.maxChars(500),
    },
    validateInputOnChange: true,
  })
  const receive = useStoreAction('shipments.receive', { invalidates: ['shipments.list', 'requests.list'] })
  const count = (text: string) => (rules.wholeNumber(unitsRule)(text) ? 0 : wholeNumberOf(text))
  const damaged = count(form.values.damaged)
  const lost = count(form.values.lost)
  const good = shipment.qty - damaged - lost
  const submit = async () => {
    const note = form.values.note
    const done = await receive.run(
      { transferId: shipment.transferId, damagedQty: damaged, lostQty: lost, ...(note ? { note } : {}) },
      `Shipment received: ${good} of ${shipment.qty} in good order`,
    )
    if (done) onClose()
  }
  return (
    <Modal opened onClose={onClose} title={`Receive ${shipment.qty} × ${shipment.productName}`} centered>
      <form onSubmit={form.onSubmit(() => void submit())}>
        <Stack>
          <Text size="sm">
            From {shipment.fromStoreName}, sent {formatDateTime(shipment.sentAt)}. Count what arrived.
          </Text>
          <Group grow>
            <FormWholeNumber
              form={form}
              name="damaged"
              label="Damaged"
              rule={unitsRule}
              testId="receive-damaged"
            />
            <FormWholeNumber
              form={form}
              name="lost"
              label="Lost (missing)"
              rule={unitsRule}
              testId="receive-lost"
            />
          </Group>
          <TextInput label="Note (optional)" {...form.getInputProps('note')} />
          <Alert color={good < 0 ? 'red' : good < shipment.qty ? 'orange' : 'teal'} variant="light">
            {good < 0
              ? 'More damaged and lost than shipped.'
              : `${good} in good order${damaged + lost > 0 ? `; ${damaged + lost} written off with reason “damaged/lost in transit”` : ''}.`}
          </Alert>
          <ModalFooter
            onCancel={onClose}
            submit
            confirmLabel="Confirm receipt"
            pending={receive.pending}
            disabled={good < 0}
            testId="receive-confirm"
          />
        </Stack>
      </form>
    </Modal>
  )
}
