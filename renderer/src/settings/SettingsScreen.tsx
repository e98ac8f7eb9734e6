import {
  Alert,
  Badge,
  Button,
  Code,
  Grid,
  Group,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useEffect, useState } from 'react'
import type { BackupView } from '../../../shared/api/views.ts'
import { useApi } from '../api/api-context.tsx'
import { useSyncStatus } from '../sync/use-sync-status.ts'
import { describeError } from '../api/describe-error.ts'
import { hasRole, useSession } from '../app/session-context.tsx'
import { downloadText } from '../format/csv.ts'
import { ageText, formatDateTime } from '../format/time.ts'
import { PageHeader } from '../ui/PageHeader.tsx'
import { useStoreQuery } from '../api/use-store-query.ts'
import { attempt } from '../ui/attempt.ts'
import { ConfirmModal } from '../ui/ConfirmModal.tsx'
import { isIsoCurrency } from '../../../shared/api/currency.ts'

const attemptSave = (what: string, action: () => Promise<unknown>) =>
  attempt(what, action, undefined, 'Not saved')

function size(bytes: number): string {
  return bytes > 1_000_000
    ? `${(bytes / 1_000_000).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1000))} kB`
}

/** Organisation, receipt, relay link, backups and restore, diagnostics. */
export function SettingsScreen() {
  const { user } = useSession()
  const isOwner = hasRole(user, 'owner')
  return (
    <Stack gap="md">
      <PageHeader title="Settings" subtitle="This store's receipt, relay link, backups and diagnostics." />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack gap="md">
            <OrganisationPanel isOwner={isOwner} />
            <RelayPanel isOwner={isOwner} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack gap="md">
            <BackupsPanel isOwner={isOwner} />
            <DiagnosticsPanel />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  )
}

function OrganisationPanel({ isOwner }: { isOwner: boolean }) {
  const api = useApi()
  const settings = useStoreQuery('settings.get', {})
  const [orgName, setOrgName] = useState('')
  const [currency, setCurrency] = useState('')
  const [header, setHeader] = useState('')
  useEffect(() => {
    if (!settings.data) return
    setOrgName(settings.data.orgName)
    setCurrency(settings.data.currency)
    setHeader(settings.data.receiptHeader)
  }, [settings.data])
  const defaultHeader = settings.data ? `${settings.data.orgName}\n${settings.data.storeName}` : ''
  const [confirming, setConfirming] = useState(false)
  const currencyProblem =
    currency && !isIsoCurrency(currency) ? 'Not a currency code: use one such as EUR, USD or GBP' : undefined
  const saveOrg = () => {
    setConfirming(false)
    void attemptSave('Organisation saved (reload to show the new currency everywhere)', () =>
      api['settings.update']({ orgName: orgName.trim(), currency: currency.trim().toUpperCase() }),
    )
  }
  const changes = settings.data
    ? [
        orgName.trim() !== settings.data.orgName
          ? `name “${settings.data.orgName}” → “${orgName.trim()}”`
          : '',
        currency !== settings.data.currency ? `currency ${settings.data.currency} → ${currency}` : '',
      ].filter(Boolean)
    : []
  const saveHeader = () =>
    attemptSave('Receipt header saved', () => api['settings.update']({ receiptHeader: header }))
  return (
    <Paper withBorder p="lg">
      <Text fw={700} mb="sm">
        Organisation and receipt
      </Text>
      {settings.error ? <Alert color="red">{settings.error}</Alert> : null}
      <ConfirmModal
        question={confirming ? 'Change the organisation for every store?' : undefined}
        detail={`This changes the ${changes.join(' and the ')} at every store of the chain, on every till and receipt, as soon as they sync.`}
        confirmLabel="Change for every store"
        onConfirm={saveOrg}
        onCancel={() => setConfirming(false)}
      />
      <Stack>
        <Group align="flex-end">
          <TextInput
            label="Organisation name"
            value={orgName}
            onChange={(e) => setOrgName(e.currentTarget.value)}
            disabled={!isOwner}
            style={{ flex: 1 }}
          />
          <TextInput
            label="Currency"
            description="ISO code"
            value={currency}
            onChange={(e) => setCurrency(e.currentTarget.value.toUpperCase())}
            maxLength={3}
            w={110}
            error={currencyProblem}
            disabled={!isOwner}
            data-testid="settings-currency"
          />
          {isOwner ? (
            <Button
              variant="light"
              onClick={() => setConfirming(true)}
              disabled={!isIsoCurrency(currency) || !orgName.trim() || changes.length === 0}
              data-testid="settings-org-save"
            >
              Save
            </Button>
          ) : null}
        </Group>
        {!isOwner ? (
          <Text size="xs" c="dimmed">
            Only an owner changes the organisation's name and currency (they apply to every store).
          </Text>
        ) : (
          <Text size="xs" c="dimmed">
            Prices are stored in minor units: change the currency only before selling, or to a currency with
            the same number of decimals.
          </Text>
        )}
        <Grid gap="md">
          <Grid.Col span={7}>
            <Textarea
              label="Receipt header"
              description="Printed at the top of every receipt from this store. Empty: organisation and store name."
              autosize
              minRows={3}
              maxRows={6}
              value={header}
              onChange={(e) => setHeader(e.currentTarget.value)}
              placeholder={defaultHeader}
              maxLength={500}
              data-testid="settings-receipt-header"
            />
            <Button mt="sm" onClick={() => void saveHeader()} data-testid="settings-receipt-save">
              Save receipt header
            </Button>
          </Grid.Col>
          <Grid.Col span={5}>
            <Text size="sm" fw={500} mb={4}>
              Preview
            </Text>
            <Paper withBorder p="sm" bg="gray.0" ff="monospace" fz="xs" style={{ whiteSpace: 'pre-wrap' }}>
              {(header.trim() || defaultHeader) +
                '\n' +
                '-'.repeat(22) +
                '\nGreen tea        €3.73\nTOTAL            €3.73'}
            </Paper>
          </Grid.Col>
        </Grid>
      </Stack>
    </Paper>
  )
}

function RelayPanel({ isOwner }: { isOwner: boolean }) {
  const api = useApi()
  const status = useStoreQuery('sync.status', {})
  // pushed updates after the load: a link or a move is followed by reconnects worth showing
  const live = useSyncStatus()
  const [url, setUrl] = useState('')
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const link = async () => {
    setBusy(true)
    const ok = await attemptSave('Linked to the relay; this store now syncs with the chain', () =>
      api['sync.link']({ relayUrl: url.trim(), enrollmentCode: code.trim() }),
    )
    setBusy(false)
    if (ok) status.reload()
  }
  const relink = async () => {
    setBusy(true)
    const ok = await attemptSave('Moved to the new relay; this store now syncs through it', () =>
      api['sync.relink']({ relayUrl: url.trim(), enrollmentCode: code.trim() }),
    )
    setBusy(false)
    if (ok) {
      setUrl('')
      setCode('')
      status.reload()
    }
  }
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
              <Group align="flex-end">
                <TextInput
                  label="New relay URL"
                  placeholder="https://relay.example.com"
                  value={url}
                  onChange={(e) => setUrl(e.currentTarget.value)}
                  style={{ flex: 2 }}
                  data-testid="relay-relink-url"
                />
                <TextInput
                  label="Enrollment code"
                  value={code}
                  onChange={(e) => setCode(e.currentTarget.value)}
                  style={{ flex: 1 }}
                  data-testid="relay-relink-code"
                />
                <Button
                  variant="light"
                  onClick={() => void relink()}
                  loading={busy}
                  disabled={!url.trim() || !code.trim()}
                  data-testid="relay-relink"
                >
                  Re-link
                </Button>
              </Group>
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
          <TextInput
            label="Relay URL"
            placeholder="https://relay.example.com"
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            disabled={!isOwner}
            data-testid="relay-url"
          />
          <TextInput
            label="Enrollment code"
            description="One-time code from the relay's admin"
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            disabled={!isOwner}
            data-testid="relay-code"
          />
          <Group>
            <Button
              onClick={() => void link()}
              loading={busy}
              disabled={!isOwner || !url.trim() || !code.trim()}
              data-testid="relay-link"
            >
              Link to relay
            </Button>
            {!isOwner ? (
              <Text size="xs" c="dimmed">
                Owner only.
              </Text>
            ) : null}
          </Group>
        </Stack>
      )}
    </Paper>
  )
}

function BackupsPanel({ isOwner }: { isOwner: boolean }) {
  const api = useApi()
  const backups = useStoreQuery('system.backups', {})
  const [busy, setBusy] = useState(false)
  const [restoring, setRestoring] = useState<BackupView>()
  const backupNow = async () => {
    setBusy(true)
    await attemptSave('Backup written', () => api['system.backup']({}))
    setBusy(false)
    backups.reload()
  }
  const cancel = async () => {
    await attemptSave('Restore cancelled', () => api['system.restore']({ cancel: true }))
    backups.reload()
  }
  const pending = backups.data?.pendingRestore
  return (
    <Paper withBorder p="lg">
      <Group justify="space-between" mb="sm">
        <Text fw={700}>Backups</Text>
        <Button onClick={() => void backupNow()} loading={busy} data-testid="backup-now">
          Back up now
        </Button>
      </Group>
      {backups.error ? <Alert color="red">{backups.error}</Alert> : null}
      {pending ? (
        <Alert color="orange" title="Restore scheduled" mb="sm" data-testid="restore-pending">
          <Text size="sm">
            {pending.file} will replace the database when the app next starts. Selling then stays paused until
            the relay has sent back this till's later sales.
          </Text>
          {isOwner ? (
            <Button size="compact-xs" variant="white" color="orange" mt={6} onClick={() => void cancel()}>
              Cancel restore
            </Button>
          ) : null}
        </Alert>
      ) : null}
      <Text size="xs" c="dimmed" mb="xs">
        Automatic backups every 6 hours; the newest 10 are kept.
      </Text>
      <Table verticalSpacing={6} striped data-testid="backups-table">
        <Table.Tbody>
          {(backups.data?.items ?? []).map((b) => (
            <Table.Tr key={b.file}>
              <Table.Td>{formatDateTime(b.at)}</Table.Td>
              <Table.Td c="dimmed" ff="monospace" fz="xs">
                {b.file}
              </Table.Td>
              <Table.Td ta="right" className="num">
                {size(b.bytes)}
              </Table.Td>
              <Table.Td ta="right">
                {isOwner ? (
                  <Button size="compact-xs" variant="subtle" color="red" onClick={() => setRestoring(b)}>
                    Restore…
                  </Button>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {backups.data && backups.data.items.length === 0 ? (
        <Text c="dimmed" size="sm">
          No backups yet.
        </Text>
      ) : null}
      {restoring ? (
        <RestoreModal
          backup={restoring}
          onClose={() => setRestoring(undefined)}
          onDone={() => backups.reload()}
        />
      ) : null}
    </Paper>
  )
}

function RestoreModal({
  backup,
  onClose,
  onDone,
}: {
  backup: BackupView
  onClose: () => void
  onDone: () => void
}) {
  const api = useApi()
  const schedule = async () => {
    if (
      await attemptSave('Restore scheduled: restart the app to apply it', () =>
        api['system.restore']({ file: backup.file }),
      )
    ) {
      onDone()
      onClose()
    }
  }
  return (
    <Modal opened onClose={onClose} title="Restore this backup?" centered>
      <Stack>
        <Text size="sm">
          The backup from <b>{formatDateTime(backup.at)}</b> replaces this till's database the next time the
          app starts. The current database is kept next to it.
        </Text>
        <Alert color="orange" variant="light">
          Sales made after the backup are not lost: they are on the relay. Until the relay has sent them back,
          this till will not sell (its history would otherwise be reused).
        </Alert>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Keep current data
          </Button>
          <Button color="red" onClick={() => void schedule()} data-testid="restore-confirm">
            Restore at next start
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}

function DiagnosticsPanel() {
  const api = useApi()
  const [busy, setBusy] = useState(false)
  const exportIt = async () => {
    setBusy(true)
    try {
      const d = await api['system.diagnostics']({})
      downloadText(d.fileName, d.text, 'application/json')
      notifications.show({ color: 'teal', message: `Saved ${d.fileName}` })
    } catch (e) {
      notifications.show({ color: 'red', title: 'Not exported', message: describeError(e) })
    } finally {
      setBusy(false)
    }
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
          loading={busy}
          data-testid="diagnostics-export"
        >
          Export diagnostics
        </Button>
      </Group>
    </Paper>
  )
}
