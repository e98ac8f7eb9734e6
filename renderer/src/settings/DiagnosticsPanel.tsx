import { Button, Group, Paper, Text } from '@mantine/core'
import { useStoreAction } from '../api/use-store-action.ts'
import { downloadText } from '../format/csv.ts'

/** One file for support: status, sync, alerts and recent log lines, without secrets. */
export function DiagnosticsPanel() {
  const diagnostics = useStoreAction('system.diagnostics', {
    failureTitle: 'Not exported',
    success: (d) => `Saved ${d.fileName}`,
  })
  const exportIt = async () => {
    const d = await diagnostics.run({})
    if (d) downloadText(d.fileName, d.text, 'application/json')
  }
  return (
    <Paper withBorder p="lg">
      <Group justify="space-between">
        <div>
          <Text fw={700}>Diagnostics</Text>
          <Text size="sm" c="dimmed">
            Status, sync, alerts and recent log lines as one file for support. Contains no passwords, PINs,
            hashes or tokens.
          </Text>
        </div>
        <Button
          variant="light"
          onClick={() => void exportIt()}
          loading={diagnostics.pending}
          data-testid="diagnostics-export"
        >
          Export diagnostics
        </Button>
      </Group>
    </Paper>
  )
}
