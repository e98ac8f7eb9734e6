// The relay's schema migrations: from an empty file, and from a file made by the release before
// migrations were recorded (built here with that release's SQL).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../shared/node/sqlite.ts'
import { RelayDatabase } from '../../sync-server/storage/relay-db.ts'
import { RELAY_MIGRATIONS } from '../../sync-server/storage/relay-migrations.ts'

// The previous release: tables created with IF NOT EXISTS, columns added by hand, nothing recorded.
const PREVIOUS_RELEASE_SQL = `
CREATE TABLE IF NOT EXISTS orgs (id TEXT PRIMARY KEY, name TEXT NOT NULL, doc_org_id TEXT, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS enrollment_codes (code_hash TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES orgs(id),
  store_name TEXT, replica_id TEXT, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, used_at INTEGER, used_by_device TEXT);
CREATE TABLE IF NOT EXISTS devices (id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES orgs(id), replica_id TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE, store_name TEXT, created_at INTEGER NOT NULL, last_seen_at INTEGER, revoked_at INTEGER);
CREATE UNIQUE INDEX IF NOT EXISTS devices_live_replica ON devices (org_id, replica_id) WHERE revoked_at IS NULL;
CREATE TABLE IF NOT EXISTS client_ids (org_id TEXT NOT NULL, client_id INTEGER NOT NULL, device_id TEXT NOT NULL,
  first_seen_at INTEGER NOT NULL, PRIMARY KEY (org_id, client_id));
CREATE TABLE IF NOT EXISTS archive (org_id TEXT NOT NULL, replica_id TEXT NOT NULL, seq INTEGER NOT NULL, event_id TEXT NOT NULL,
  type TEXT NOT NULL, at TEXT, body TEXT NOT NULL, received_at INTEGER NOT NULL, UNIQUE (org_id, replica_id, seq, event_id));
CREATE TABLE IF NOT EXISTS write_probe (id INTEGER PRIMARY KEY CHECK (id = 1), at INTEGER NOT NULL);
ALTER TABLE devices ADD COLUMN store_id TEXT;
ALTER TABLE devices ADD COLUMN head_office INTEGER NOT NULL DEFAULT 0;
INSERT INTO orgs VALUES ('acme', 'Acme', NULL, 1);
INSERT INTO devices (id, org_id, replica_id, token_hash, store_name, created_at, store_id, head_office)
  VALUES ('dev-1', 'acme', 'replica-1', 'hash-1', 'North', 1, 'store-n', 1);
`

let dir: string
let db: Database

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'allot-relay-migrations-'))
  db = openDatabase(join(dir, 'relay.db'))
})

afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

const recorded = () =>
  (
    db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as Array<{ version: number }>
  ).map((r) => r.version)
const columnsOf = (table: string) =>
  (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name)
const allVersions = RELAY_MIGRATIONS.map((m) => m.version)

describe('relay migrations', () => {
  it('build the whole schema in an empty file and record every step once', () => {
    const relayDb = new RelayDatabase(db, 42)
    expect(recorded()).toEqual(allVersions)
    expect(columnsOf('devices')).toEqual(expect.arrayContaining(['store_id', 'head_office', 'store_code']))
    expect(columnsOf('enrollment_codes')).toEqual(expect.arrayContaining(['store_code', 'head_office']))
    relayDb.createOrg('acme', 'Acme', 1)
    new RelayDatabase(db, 43) // a restart applies nothing
    expect(recorded()).toEqual(allVersions)
    expect(db.prepare('SELECT DISTINCT applied_at AS at FROM schema_migrations').all()).toEqual([{ at: 42 }])
  })

  it("upgrade the previous release's file in place, keeping its rows", () => {
    db.exec(PREVIOUS_RELEASE_SQL)
    const relayDb = new RelayDatabase(db)
    expect(recorded()).toEqual(allVersions)
    expect(columnsOf('devices')).toContain('store_code')
    expect(columnsOf('enrollment_codes')).toEqual(expect.arrayContaining(['store_code', 'head_office']))
    expect(relayDb.getOrg('acme')?.name).toBe('Acme')
    expect(relayDb.getDevice('acme', 'dev-1')).toMatchObject({
      replicaId: 'replica-1',
      storeId: 'store-n',
      headOffice: true,
    })
  })
})
