import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core'
import { useCallback, useEffect } from 'react'
import { useStoreQuery } from '../api/use-store-query.ts'
import { PageHeader } from '../ui/PageHeader.tsx'
import { formatDateTime } from '../format/time.ts'
import { describeSync } from './describe-sync.ts'
import { useNow, useSyncStatus } from './use-sync-status.ts'

/** Sync in detail (what is pending, since when) and the integrity alerts the folds raised. */
export function StatusScreen() {
  const status = useSyncStatus()
  const now = useNow()
  const summary = describeSync(status, now)
  // Alerts come from folding what sync brings in, so they are read again as it changes.
  const alertsQuery = useStoreQuery('integrity.alerts', {}, { refreshOn: ['sync.status'] })
  const healthQuery = useStoreQuery('system.health', {}, { refreshOn: ['sync.status'] })
  const alerts = alertsQuery.data?.alerts
  const health = healthQuery.data
  const error = alertsQuery.error ?? healthQuery.error
  const { reload: reloadAlerts } = alertsQuery
  const { reload: reloadHealth } = healthQuery
  const load = useCallback(() => {
    reloadAlerts()
    reloadHealth()
  }, [reloadAlerts, reloadHealth])
  // Uptime and a lock that ends on its own change without an event: look again now and then.
  useEffect(() => {
    const timer = setInterval(load, 10_000)
    return () => clearInterval(timer)
  }, [load])

  return (
    <Stack gap="md" data-testid="status-screen">
      <PageHeader
        title="Sync & alerts"
        subtitle="What waits to be sent to the relay, and whether every store's history adds up."
      >
        <Button variant="default" size="xs" onClick={load}>
          Refresh
        </Button>
      </PageHeader>
      <SimpleGrid cols={{ base: 1, md: 4 }}>
        <Card label="Connection">
          <Group gap={8}>
            <Badge color={summary.color} variant="filled" size="lg">
              {status?.state ?? '…'}
            </Badge>
          </Group>
          <Text size="sm" mt={6}>
            {summary.label}
          </Text>
        </Card>
        <Card label="Waiting to sync">
          <Text fz={28} fw={700} className="num" data-testid="status-pending">
            {status?.pendingEvents ?? '—'}
          </Text>
          <Text size="sm" c="dimmed">
            {status?.oldestPendingAt
              ? `oldest since ${formatDateTime(status.oldestPendingAt)}`
              : 'nothing pending'}
          </Text>
        </Card>
        <Card label="Last sync">
          <Text fz={20} fw={600}>
            {summary.lastSync}
          </Text>
          <Text size="sm" c="dimmed">
            {status?.lastSyncAt ? formatDateTime(status.lastSyncAt) : 'not yet'}
          </Text>
        </Card>
        <Card label="This till">
          <Text size="sm" ff="monospace">
            {health?.replicaId?.slice(0, 13) ?? '—'}
          </Text>
          <Text size="sm" c="dimmed">
            schema v{health?.schemaVersion ?? '?'} · up {health ? Math.round(health.uptimeSeconds / 60) : '?'}{' '}
            min
          </Text>
        </Card>
      </SimpleGrid>
      {status?.relayUrl ? (
        <Text size="sm" c="dimmed">
          Relay: <span style={{ fontFamily: 'monospace' }}>{status.relayUrl}</span>
        </Text>
      ) : null}
      {status?.stoppedReason ? (
        <Alert color="red" title="Sync stopped">
          {status.stoppedReason}
        </Alert>
      ) : null}
      {health?.salesLocked ? (
        <Alert color="orange" title="Sales are paused on this till">
          {health.salesLocked}
        </Alert>
      ) : null}
      {health?.readOnly ? (
        <Alert color="red" title="Read-only">
          {health.readOnly}
        </Alert>
      ) : null}
      <Paper withBorder p="lg">
        <Text fw={700} mb="sm">
          Integrity alerts
        </Text>
        {error ? <Alert color="red">{error}</Alert> : null}
        {alerts && alerts.length === 0 ? (
          <Text c="dimmed" size="sm" data-testid="no-alerts">
            No integrity alerts. Every store's history adds up.
          </Text>
        ) : null}
        <Stack gap="sm">
          {alerts?.map((a, i) => (
            <Alert
              key={`${a.kind}:${a.replicaId ?? ''}:${a.productId ?? ''}:${i}`}
              color="orange"
              variant="light"
              title={a.kind}
            >
              <Text size="sm">{a.message}</Text>
              <Text size="sm" c="dimmed" mt={4}>
                What to do: {a.advice}
              </Text>
            </Alert>
          ))}
        </Stack>
      </Paper>
    </Stack>
  )
}

function Card(props: { label: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={6}>
        {props.label}
      </Text>
      {props.children}
    </Paper>
  )
}
