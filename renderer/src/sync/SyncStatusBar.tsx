import { Box, Group, Text, Tooltip } from '@mantine/core'
import { describeSync } from './describe-sync.ts'
import { useNow, useSyncStatus } from './use-sync-status.ts'

/** The strip at the bottom of every screen: is this till online, and is anything waiting to sync? */
export function SyncStatusBar({ onOpenDetails }: { onOpenDetails?: () => void }) {
  const status = useSyncStatus()
  const now = useNow()
  const summary = describeSync(status, now)
  return (
    <Box
      data-testid="sync-status"
      data-tone={summary.tone}
      data-pending={status?.pendingEvents ?? ''}
      px="md"
      h={34}
      style={{
        display: 'flex',
        alignItems: 'center',
        borderTop: '1px solid var(--mantine-color-gray-3)',
        background: 'var(--mantine-color-body)',
        cursor: onOpenDetails ? 'pointer' : undefined,
      }}
      onClick={onOpenDetails}
    >
      <Group gap="lg" wrap="nowrap" w="100%">
        <Group gap={8} wrap="nowrap">
          <Box
            w={10}
            h={10}
            style={{ borderRadius: 10, background: `var(--mantine-color-${summary.color}-6)` }}
            aria-hidden
          />
          <Text size="sm" fw={600} data-testid="sync-label">
            {summary.label}
          </Text>
        </Group>
        <Text size="sm" c={summary.pending ? 'orange.8' : 'dimmed'} data-testid="sync-pending">
          {summary.pending ?? 'Nothing pending'}
        </Text>
        <Text size="sm" c="dimmed" data-testid="sync-last">
          {summary.lastSync}
        </Text>
        <Box style={{ flex: 1 }} />
        {status?.relayUrl ? (
          <Tooltip label="Relay address">
            <Text size="xs" c="dimmed" ff="monospace" truncate maw={320}>
              {status.relayUrl}
            </Text>
          </Tooltip>
        ) : null}
        {status?.clockSkewMs !== undefined && Math.abs(status.clockSkewMs) > 120_000 ? (
          <Text size="xs" c="orange.8">
            Clock differs from relay by {Math.round(status.clockSkewMs / 60_000)} min
          </Text>
        ) : null}
      </Group>
    </Box>
  )
}
