import { Alert, Modal, Stack, Text } from '@mantine/core'
import type { BackupView } from '../../../shared/api/views.ts'
import { useStoreAction } from '../api/use-store-action.ts'
import { formatDateTime } from '../format/time.ts'
import { ModalFooter } from '../ui/ModalFooter.tsx'

/** Schedules a backup to replace the database at the next start, after saying what that means. */
export function RestoreModal({ backup, onClose }: { backup: BackupView; onClose: () => void }) {
  const restore = useStoreAction('system.restore', {
    invalidates: ['system.backups'],
    failureTitle: 'Not saved',
    success: 'Restore scheduled: restart the app to apply it',
  })
  const schedule = async () => {
    if (await restore.run({ file: backup.file })) onClose()
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
        <ModalFooter
          onCancel={onClose}
          cancelLabel="Keep current data"
          confirmLabel="Restore at next start"
          color="red"
          onConfirm={() => void schedule()}
          pending={restore.pending}
          testId="restore-confirm"
        />
      </Stack>
    </Modal>
  )
}
