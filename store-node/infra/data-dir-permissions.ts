import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { ensurePrivateDir, makePrivate } from './private-files.ts'

/** Every file the store node writes in its data directory (a named list: never chmod a stranger's file). */
const ownFiles =
  /^(store\.db(-wal|-shm|-journal)?|api-token|replica-hwm\.json(\.tmp)?|restore-pending\.json(\.tmp)?|pre-restore-.+)$/
const backupFiles = /^allot-.+\.db(-wal|-shm|-journal)?$/

/**
 * Makes the data directory and the backups folder 0700 and every file the node writes there 0600.
 * Run at every start: a directory created earlier by an installer or the demo, or files from an
 * older version, keep 0755/0644 otherwise, and the WAL holds tokens and hashes in plain text.
 */
export function lockDownDataDir(dataDir: string): void {
  ensurePrivateDir(dataDir)
  for (const name of readdirSync(dataDir)) if (ownFiles.test(name)) makePrivate(join(dataDir, name))
  const backups = join(dataDir, 'backups')
  if (!existsSync(backups)) return
  ensurePrivateDir(backups)
  for (const name of readdirSync(backups)) if (backupFiles.test(name)) makePrivate(join(backups, name))
}
