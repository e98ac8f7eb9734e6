import { Alert, Button, Group } from '@mantine/core'

/** The end of a form: the store's refusal of the last attempt (if any) and the submit button. */
export function FormFooter({
  action,
  errorTitle,
  submitLabel,
}: {
  action: { error: string | undefined; pending: boolean }
  errorTitle: string
  submitLabel: string
}) {
  return (
    <>
      {action.error ? (
        <Alert color="red" variant="light" title={errorTitle}>
          {action.error}
        </Alert>
      ) : null}
      <Group justify="flex-end" mt="sm">
        <Button type="submit" loading={action.pending}>
          {submitLabel}
        </Button>
      </Group>
    </>
  )
}
