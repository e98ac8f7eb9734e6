// Opens the relay's durable storage: SQLite in the data directory (the embedded default) or a
// PostgreSQL database shared by several instances (`--database postgres://…`).
import { join } from 'node:path'
import { openDatabase } from '../../shared/node/sqlite.ts'
import { YUpdateLog } from '../../shared/node/update-log.ts'
import { FeedDatabase } from '../feed/feed-db.ts'
import { databaseFiles, secureDataDir, secureFiles } from './data-dir.ts'
import { PgDocLog, type SharedLog } from './pg/pg-doc-log.ts'
import { PgFeedStore } from './pg/pg-feed-store.ts'
import { PG_MIGRATIONS, applyPgMigrations } from './pg/pg-migrations.ts'
import { PgRelayStore } from './pg/pg-relay-store.ts'
import { SyncPg } from './pg/sync-pg.ts'
import { RelayDatabase, type DeviceRow } from './relay-db.ts'
import type { DocLog, FeedStore, RelayStore } from './relay-store.ts'

export interface RelayStorage {
  engine: 'sqlite' | 'postgres'
  relayDb: RelayStore
  updateLog: DocLog
  feedDb: FeedStore
  /** PostgreSQL only: the log other instances write too, and how to follow it. */
  shared: { log: SharedLog; url: string; deviceRecords: (ids: readonly string[]) => DeviceRow[] } | null
  close(): void
}

export function openSqliteStorage(dataDir: string): RelayStorage {
  // the data dir holds device-token hashes, the archive and the keys: owner only, at every start
  secureDataDir(dataDir)
  const dbFiles = databaseFiles('relay.db')
  // before opening: SQLite gives new -wal/-shm files the database file's mode
  secureFiles(dataDir, dbFiles)
  const db = openDatabase(join(dataDir, 'relay.db'))
  secureFiles(dataDir, dbFiles)
  return {
    engine: 'sqlite',
    relayDb: new RelayDatabase(db),
    updateLog: new YUpdateLog(db),
    feedDb: new FeedDatabase(db),
    shared: null,
    close: () => db.close(),
  }
}

/** Connects, creates or migrates the schema (safe when several instances start at once). */
export function openPostgresStorage(url: string, now: number): RelayStorage {
  const db = new SyncPg({ url })
  try {
    applyPgMigrations(db, PG_MIGRATIONS, now)
  } catch (err) {
    db.close()
    throw err
  }
  const relayDb = new PgRelayStore(db)
  const log = new PgDocLog(db)
  return {
    engine: 'postgres',
    relayDb,
    updateLog: log,
    feedDb: new PgFeedStore(db),
    shared: { log, url, deviceRecords: (ids) => relayDb.devicesByIds(ids) },
    close: () => db.close(),
  }
}
