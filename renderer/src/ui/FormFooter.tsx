import { Alert, Button, Group } from '@mantine/core'

/** The end of a form: what went wrong (if anything) and the submit button. */
export function FormFooter({
  error,
  errorTitle,
  busy,
  submitLabel,
}: {
  error: string | undefined
  errorTitle: string
  busy: boolean
  submitLabel: string
}) {
  return (
    <>
      {error ? (
        <Alert color="red" variant="light" title={errorTitle}>
          {error}
        </Alert>
      ) : null}
      <Group justify="flex-end" mt="sm">
        <Button type="submit" loading={busy}>
          {submitLabel}
        </Button>
      </Group>
    </>
  )
}
