// Opens a better-sqlite3 database with the durability settings every Allot process relies on:
// WAL so readers never block the single writer, synchronous=FULL so a committed transaction
// survives a power cut (our "acknowledged means durable" promise), and a busy timeout so a
// short lock by a backup or a second connection does not surface as an error.
import BetterSqlite3 from 'better-sqlite3'

export type Database = BetterSqlite3.Database

export interface OpenDatabaseOptions {
  /** Milliseconds to wait on a locked database before failing. */
  busyTimeoutMs?: number
  readonly?: boolean
}

export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Database {
  const db = new BetterSqlite3(path, { readonly: options.readonly ?? false })
  if (!options.readonly) {
    db.pragma('journal_mode = WAL')
  }
  db.pragma('synchronous = FULL')
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`)
  db.pragma('foreign_keys = ON')
  return db
}

/**
 * Runs `fn` with synchronous=NORMAL: its commits do not wait for the disk. WAL still commits each
 * transaction atomically and in order, so a power cut can only undo the newest of these commits
 * (never tear one), and the next synchronous=FULL commit makes them durable with its own fsync.
 * The connection's own level is restored afterwards (never raised: a weaker one is kept).
 * Only for rows that can be rebuilt (the ledger's read indexes).
 */
export function withoutFsync<T>(db: Database, fn: () => T): T {
  const before = db.pragma('synchronous', { simple: true }) as number
  if (before <= SYNCHRONOUS_NORMAL) return fn()
  db.pragma(`synchronous = ${SYNCHRONOUS_NORMAL}`)
  try {
    return fn()
  } finally {
    db.pragma(`synchronous = ${before}`)
  }
}

/** PRAGMA synchronous levels: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA. */
const SYNCHRONOUS_NORMAL = 1
