import { Button, Group } from '@mantine/core'

/**
 * The end of every dialog: Cancel, and the primary action, busy while the store has not answered.
 * With `submit` the primary button submits the dialog's form (Enter in a field does the same).
 */
export function ModalFooter(props: {
  onCancel: () => void
  confirmLabel: string
  onConfirm?: () => void
  submit?: boolean
  pending?: boolean
  disabled?: boolean
  color?: string
  testId?: string
  cancelLabel?: string
}) {
  return (
    <Group justify="flex-end" mt="sm">
      <Button variant="default" onClick={props.onCancel}>
        {props.cancelLabel ?? 'Cancel'}
      </Button>
      <Button
        type={props.submit ? 'submit' : 'button'}
        onClick={props.onConfirm}
        loading={props.pending ?? false}
        disabled={props.disabled ?? false}
        color={props.color}
        data-testid={props.testId}
      >
        {props.confirmLabel}
      </Button>
    </Group>
  )
}
