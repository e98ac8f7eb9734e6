import { copyFileSync, existsSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { Logger } from '../infra/logger.ts'
import { writePrivateFileSync } from '../infra/private-files.ts'

/**
 * Restoring a backup replaces the database file, which cannot happen under an open database. So a
 * restore is *scheduled*: `restore-pending.json` next to the database names a backup, and the next
 * StoreNode start applies it before it opens the database. The replaced database is kept as
 * `pre-restore-<time>.db`. The high-water mark (outside the database) is left alone, so the
 * stale-restore guard then locks selling until the relay has returned the forgotten events.
 */
export interface PendingRestore {
  file: string
  scheduledAt: string
}

const MARKER = 'restore-pending.json'

export function readPendingRestore(dataDir: string): PendingRestore | undefined {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDir, MARKER), 'utf8')) as Partial<PendingRestore>
    return typeof parsed.file === 'string' && typeof parsed.scheduledAt === 'string'
      ? { file: parsed.file, scheduledAt: parsed.scheduledAt }
      : undefined
  } catch {
    return undefined
  }
}

export function scheduleRestore(dataDir: string, restore: PendingRestore): void {
  const tmp = join(dataDir, `${MARKER}.tmp`)
  writePrivateFileSync(
    tmp,
    JSON.stringify({ file: basename(restore.file), scheduledAt: restore.scheduledAt }),
  )
  renameSync(tmp, join(dataDir, MARKER))
}

export function cancelRestore(dataDir: string): void {
  rmSync(join(dataDir, MARKER), { force: true })
}

/** Call before opening the database. Returns the backup applied, if any. */
export function applyPendingRestore(
  dataDir: string,
  logger: Logger,
  now: () => Date = () => new Date(),
): string | undefined {
  const pending = readPendingRestore(dataDir)
  if (!pending) return undefined
  const source = join(dataDir, 'backups', basename(pending.file))
  if (!existsSync(source)) {
    logger.error({ file: basename(pending.file) }, 'scheduled restore skipped: backup file not found')
    cancelRestore(dataDir)
    return undefined
  }
  const db = join(dataDir, 'store.db')
  if (existsSync(db)) {
    const stamp = now().toISOString().replace(/[:.]/g, '-')
    // Checkpointed WAL files belong to the old database: keep them with it.
    renameSync(db, join(dataDir, `pre-restore-${stamp}.db`))
    for (const ext of ['-wal', '-shm'])
      if (existsSync(db + ext)) renameSync(db + ext, join(dataDir, `pre-restore-${stamp}.db${ext}`))
  }
  copyFileSync(source, db)
  cancelRestore(dataDir)
  logger.warn(
    { file: basename(source) },
    'database restored from backup; selling stays locked until the relay confirms our log',
  )
  return basename(source)
}
