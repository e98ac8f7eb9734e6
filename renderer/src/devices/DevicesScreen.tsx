import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  Grid,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  ThemeIcon,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import type { IntegrityAlertView, StoreListView } from '../../../shared/api/views.ts'
import { useApi } from '../api/api-context.tsx'
import { describeError } from '../api/describe-error.ts'
import { hasRole, useSession } from '../app/session-context.tsx'
import { PageHeader } from '../ui/PageHeader.tsx'
import { useInvalidate, useStoreQuery } from '../api/use-store-query.ts'

const alertTitles: Record<string, string> = {
  clone: 'A till was copied',
  'duplicate-seq': 'An event arrived twice',
  gap: 'Events are missing',
  'negative-rights': 'Negative stock rights',
  malformed: 'Unreadable event skipped',
  'schema-newer': 'A newer app version is in use',
  'duplicate-sku': 'Two products share a SKU',
  'duplicate-barcode': 'Two products share a barcode',
}
const severe = new Set(['clone', 'negative-rights', 'schema-newer'])

/** Integrity alerts in plain words, this till's identity, every till, and retiring this till. */
export function DevicesScreen() {
  const { user } = useSession()
  const alerts = useStoreQuery('integrity.alerts', {}, { refreshOn: ['sync.status'] })
  const stores = useStoreQuery('stores.list', {})
  const health = useStoreQuery('system.health', {})
  const invalidate = useInvalidate()
  const refresh = () => invalidate('integrity.alerts', 'stores.list', 'system.health')
  const [retiring, setRetiring] = useState(false)
  const thisTill = stores.data?.stores
    .flatMap((s) => s.tills.map((t) => ({ ...t, store: s })))
    .find((t) => t.thisTill)

  return (
    <Stack gap="md">
      <PageHeader
        title="Integrity & devices"
        subtitle="What the chain's data says about itself, and the tills that write it."
      >
        <Button variant="default" onClick={() => refresh()}>
          Check again
        </Button>
      </PageHeader>
      <Paper withBorder p="lg">
        <Text fw={700} mb="sm">
          Integrity alerts
        </Text>
        {alerts.error ? <Alert color="red">{alerts.error}</Alert> : null}
        {alerts.data && alerts.data.alerts.length === 0 ? (
          <Alert color="teal" variant="light" title="All clear" data-testid="alerts-clear">
            Every till's history is complete and consistent as far as this store has synced.
          </Alert>
        ) : null}
        <Stack gap="sm" data-testid="alerts-list">
          {(alerts.data?.alerts ?? []).map((a: IntegrityAlertView, i) => (
            <Alert
              key={`${a.kind}-${i}`}
              color={severe.has(a.kind) ? 'red' : 'orange'}
              variant="light"
              title={alertTitles[a.kind] ?? a.kind}
            >
              <Text size="sm">{a.message}</Text>
              <Text size="sm" fw={600} mt={4}>
                What to do:{' '}
                <Text span fw={400}>
                  {a.advice}
                </Text>
              </Text>
            </Alert>
          ))}
        </Stack>
      </Paper>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="lg" h="100%" data-testid="this-till">
            <Text fw={700} mb="sm">
              This till
            </Text>
            {thisTill ? (
              <Table variant="vertical" withRowBorders={false} verticalSpacing={4}>
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Th w={140}>Store</Table.Th>
                    <Table.Td>{thisTill.store.name}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>Replica id</Table.Th>
                    <Table.Td>
                      <Code>{thisTill.replicaId}</Code>
                    </Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>Status</Table.Th>
                    <Table.Td>
                      <Badge color={thisTill.status === 'active' ? 'teal' : 'gray'}>{thisTill.status}</Badge>
                    </Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>Events written</Table.Th>
                    <Table.Td className="num">{thisTill.lastSeq}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>Data format</Table.Th>
                    <Table.Td>schema {health.data?.schemaVersion ?? '—'}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>Selling</Table.Th>
                    <Table.Td>
                      {health.data?.salesLocked ? (
                        <Text c="orange" size="sm">
                          paused: {health.data.salesLocked}
                        </Text>
                      ) : health.data?.readOnly ? (
                        <Text c="red" size="sm">
                          {health.data.readOnly}
                        </Text>
                      ) : (
                        'allowed'
                      )}
                    </Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
            ) : null}
            {hasRole(user, 'owner') && thisTill?.status === 'active' ? (
              <Button
                color="red"
                variant="light"
                mt="md"
                onClick={() => setRetiring(true)}
                data-testid="retire-open"
              >
                Retire this till…
              </Button>
            ) : null}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p="lg" h="100%">
            <Text fw={700} mb="sm">
              Stores and tills
            </Text>
            <Table verticalSpacing={6} striped data-testid="tills-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Store</Table.Th>
                  <Table.Th>Till</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th ta="right">Events</Table.Th>
                  <Table.Th ta="right">Missing</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(stores.data?.stores ?? []).flatMap((s) =>
                  s.tills.map((t) => (
                    <Table.Tr key={t.replicaId}>
                      <Table.Td>{s.name}</Table.Td>
                      <Table.Td>
                        <Group gap={6}>
                          <Code>{t.replicaId.slice(0, 8)}</Code>
                          {t.thisTill ? (
                            <Badge size="xs" variant="light">
                              this till
                            </Badge>
                          ) : null}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          <ThemeIcon
                            size={10}
                            radius="xl"
                            color={
                              t.status === 'active' ? 'teal' : t.status === 'retiring' ? 'orange' : 'gray'
                            }
                          />
                          <Text size="sm">
                            {t.status}
                            {t.successor ? ` → ${t.successor.slice(0, 8)}` : ''}
                          </Text>
                        </Group>
                      </Table.Td>
                      <Table.Td ta="right" className="num">
                        {t.lastSeq}
                      </Table.Td>
                      <Table.Td ta="right" className="num" c={t.missingEvents > 0 ? 'orange' : 'dimmed'}>
                        {t.missingEvents || '—'}
                      </Table.Td>
                    </Table.Tr>
                  )),
                )}
              </Table.Tbody>
            </Table>
          </Paper>
        </Grid.Col>
      </Grid>
      {retiring && stores.data ? (
        <RetireModal stores={stores.data} onClose={() => setRetiring(false)} onDone={() => refresh()} />
      ) : null}
    </Stack>
  )
}

function RetireModal({
  stores,
  onClose,
  onDone,
}: {
  stores: StoreListView
  onClose: () => void
  onDone: () => void
}) {
  const api = useApi()
  const [successor, setSuccessor] = useState<string | null>(null)
  const [sure, setSure] = useState(false)
  const [error, setError] = useState<string>()
  const options = stores.stores.flatMap((s) =>
    s.tills
      .filter((t) => !t.thisTill && t.status === 'active')
      .map((t) => ({ value: t.replicaId, label: `${s.name} · till ${t.replicaId.slice(0, 8)}` })),
  )
  const submit = async () => {
    if (!successor) return
    try {
      const done = await api['devices.retire']({ successorReplicaId: successor, confirm: true })
      notifications.show({
        color: 'teal',
        title: 'Till retired',
        message: `${done.units} units of stock rights (${done.transfers} products) moved to ${done.successorStoreName}.`,
      })
      onDone()
      onClose()
    } catch (e) {
      setError(describeError(e))
    }
  }
  return (
    <Modal opened onClose={onClose} title="Retire this till" centered>
      <Stack>
        <Text size="sm">
          Retiring moves <b>all</b> of this till's stock rights to a successor, withdraws its open requests,
          and makes this till read-only for good. Its id is never used again. Do this when the device is
          replaced or the store closes.
        </Text>
        {options.length === 0 ? (
          <Alert color="orange">There is no other active till to hand the stock to.</Alert>
        ) : null}
        <Select
          label="Successor"
          placeholder="Choose the till that takes over"
          data={options}
          value={successor}
          onChange={setSuccessor}
          data-testid="retire-successor"
        />
        <Checkbox
          label="I understand that this till can no longer sell afterwards"
          checked={sure}
          onChange={(e) => setSure(e.currentTarget.checked)}
          data-testid="retire-sure"
        />
        {error ? <Alert color="red">{error}</Alert> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color="red"
            disabled={!successor || !sure}
            onClick={() => void submit()}
            data-testid="retire-confirm"
          >
            Retire and move stock
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
