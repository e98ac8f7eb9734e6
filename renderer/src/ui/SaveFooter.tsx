import { Button, Group } from '@mantine/core'

/**
 * The end of a form or a panel: its one action, on the right, busy while the store answers. It
 * submits the form it is in, or runs `onClick` when given.
 */
export function SaveFooter(props: {
  label: string
  pending: boolean
  testId?: string
  onClick?: () => void
  disabled?: boolean
}) {
  return (
    <Group justify="flex-end">
      <Button
        type={props.onClick ? 'button' : 'submit'}
        onClick={props.onClick}
        loading={props.pending}
        disabled={props.disabled ?? false}
        data-testid={props.testId}
      >
        {props.label}
      </Button>
    </Group>
  )
}
