import { Button, Group } from '@mantine/core'

/** The end of a settings form: its save button, on the right, busy while the store answers. */
export function SaveFooter(props: { label: string; pending: boolean; testId?: string }) {
  return (
    <Group justify="flex-end">
      <Button type="submit" loading={props.pending} data-testid={props.testId}>
        {props.label}
      </Button>
    </Group>
  )
}
