import { Alert, Badge, Code, Group, Paper, Stack, Text } from '@mantine/core'
import { useStoreQuery } from '../api/use-store-query.ts'
import { ageText } from '../format/time.ts'
import { useSyncStatus } from '../sync/use-sync-status.ts'
import { RelayLinkForm } from './RelayLinkForm.tsx'

/** The relay this store syncs through: its state, linking an unlinked store, moving to another. */
export function RelayPanel({ isOwner }: { isOwner: boolean }) {
  const status = useStoreQuery('sync.status', {})
  // pushed updates after the load: a link or a move is followed by reconnects worth showing
  const live = useSyncStatus()
  const s = live ?? status.data
  return (
    <Paper withBorder p="lg">
      <Text fw={700} mb="sm">
        Relay
      </Text>
      {status.error ? <Alert color="red">{status.error}</Alert> : null}
      {s?.linked ? (
        <Stack gap="xs" data-testid="relay-linked">
          <Group>
            <Text size="sm">Address</Text>
            <Code>{s.relayUrl}</Code>
            <Badge
              color={s.state === 'online' ? 'teal' : s.state === 'connecting' ? 'yellow' : 'red'}
              variant="light"
            >
              {s.state}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            Last sync {s.lastSyncAt ? `${ageText(s.lastSyncAt, Date.now())} ago` : 'never'} ·{' '}
            {s.pendingEvents} waiting to sync
          </Text>
          {s.stoppedReason ? (
            <Alert color="red">
              The relay stopped this store: {s.stoppedReason}. Ask IT for a new enrollment code.
            </Alert>
          ) : null}
          <Text size="xs" c="dimmed">
            The link uses this device's own credential, kept only in this store's database.
          </Text>
          {isOwner ? (
            <Stack gap="xs" mt="sm" data-testid="relay-relink-form">
              <Text size="sm" fw={500}>
                Move to another relay
              </Text>
              <Text size="xs" c="dimmed">
                With a new relay's address and an enrollment code from its admin. The store enrolls there
                first: if the code is refused, it stays on the current relay and nothing changes. Afterwards
                everything this store has is sent to the new relay; ask IT to revoke this device on the old
                one.
              </Text>
              <RelayLinkForm method="sync.relink" disabled={false} />
            </Stack>
          ) : (
            <Text size="xs" c="dimmed">
              Only an owner moves the store to another relay.
            </Text>
          )}
        </Stack>
      ) : (
        <Stack gap="sm" data-testid="relay-unlinked">
          <Text size="sm">
            This store works on its own. Link it to the chain's relay to sync with the other stores (its sales
            and stock come along).
          </Text>
          <RelayLinkForm method="sync.link" disabled={!isOwner} />
          {!isOwner ? (
            <Text size="xs" c="dimmed">
              Owner only.
            </Text>
          ) : null}
        </Stack>
      )}
    </Paper>
  )
}
