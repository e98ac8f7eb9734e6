import { Button, Group, Modal, Stack, Text } from '@mantine/core'

/** A question before an unusual or irreversible step. "Go back" has focus, so a stray Enter changes nothing. */
export function ConfirmModal(props: {
  question: string | undefined
  detail?: string
  confirmLabel: string
  onConfirm: () => void
  onCancel: () => void
}) {
  return (
    <Modal
      opened={props.question !== undefined}
      onClose={props.onCancel}
      title={props.question}
      centered
      closeButtonProps={{ 'aria-label': 'Go back' }}
    >
      <Stack gap="md">
        {props.detail ? <Text>{props.detail}</Text> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel} data-autofocus>
            Go back
          </Button>
          <Button onClick={props.onConfirm} data-testid="confirm-unusual">
            {props.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
