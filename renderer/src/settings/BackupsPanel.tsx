import { Alert, Button, Text } from '@mantine/core'
import { useState } from 'react'
import type { BackupView } from '../../../shared/api/views.ts'
import { useStoreAction } from '../api/use-store-action.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { formatDateTime } from '../format/time.ts'
import { TitledCard } from '../ui/TitledCard.tsx'
import { DataTable, type Column } from '../ui/DataTable.tsx'
import { RestoreModal } from './RestoreModal.tsx'

function size(bytes: number): string {
  return bytes > 1_000_000
    ? `${(bytes / 1_000_000).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1000))} kB`
}

/** The till's backups: write one now, schedule a restore, cancel a scheduled one. */
export function BackupsPanel({ isOwner }: { isOwner: boolean }) {
  const backups = useStoreQuery('system.backups', {})
  const backup = useStoreAction('system.backup', {
    invalidates: ['system.backups'],
    failureTitle: 'Not saved',
    success: 'Backup written',
  })
  const cancel = useStoreAction('system.restore', {
    invalidates: ['system.backups'],
    failureTitle: 'Not saved',
    success: 'Restore cancelled',
  })
  const [restoring, setRestoring] = useState<BackupView>()
  const pending = backups.data?.pendingRestore
  const columns: Column<BackupView>[] = [
    { header: 'Written', cell: (b) => formatDateTime(b.at) },
    {
      header: 'File',
      cell: (b) => (
        <Text c="dimmed" ff="monospace" fz="xs">
          {b.file}
        </Text>
      ),
    },
    { header: 'Size', numeric: true, cell: (b) => size(b.bytes) },
    {
      header: '',
      cell: (b) =>
        isOwner ? (
          <Button size="compact-xs" variant="subtle" color="red" onClick={() => setRestoring(b)}>
            Restore…
          </Button>
        ) : null,
    },
  ]
  return (
    <TitledCard
      title="Backups"
      actions={
        <Button onClick={() => void backup.run({})} loading={backup.pending} data-testid="backup-now">
          Back up now
        </Button>
      }
    >
      {pending ? (
        <Alert color="orange" title="Restore scheduled" mb="sm" data-testid="restore-pending">
          <Text size="sm">
            {pending.file} will replace the database when the app next starts. Selling then stays paused until
            the relay has sent back this till's later sales.
          </Text>
          {isOwner ? (
            <Button
              size="compact-xs"
              variant="white"
              color="orange"
              mt={6}
              loading={cancel.pending}
              onClick={() => void cancel.run({ cancel: true })}
            >
              Cancel restore
            </Button>
          ) : null}
        </Alert>
      ) : null}
      <Text size="xs" c="dimmed" mb="xs">
        Automatic backups every 6 hours; the newest 10 are kept.
      </Text>
      <DataTable
        columns={columns}
        source={backups}
        rowKey={(b) => b.file}
        testId="backups-table"
        empty="No backups yet."
      />
      {restoring ? <RestoreModal backup={restoring} onClose={() => setRestoring(undefined)} /> : null}
    </TitledCard>
  )
}
