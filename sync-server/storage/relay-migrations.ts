// The relay tables' migrations, oldest first. Never edit a released step: add a new one.
// Steps 1 and 2 use IF NOT EXISTS / add-if-missing because files made before migrations were
// recorded may already hold their tables and columns.
import { installFeedTables } from '../feed/feed-db.ts'
import { addColumnIfMissing, type Migration } from './migrations.ts'

const FIRST_RELEASE_TABLES = `
CREATE TABLE IF NOT EXISTS orgs (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  doc_org_id TEXT,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS enrollment_codes (
  code_hash TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  store_name TEXT,
  replica_id TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  used_by_device TEXT
);
CREATE TABLE IF NOT EXISTS devices (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  replica_id TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  store_name TEXT,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER,
  revoked_at INTEGER
);
-- one live device per replica: the escrow invariant needs exactly one writer per replicaId
CREATE UNIQUE INDEX IF NOT EXISTS devices_live_replica ON devices (org_id, replica_id) WHERE revoked_at IS NULL;
CREATE TABLE IF NOT EXISTS client_ids (
  org_id TEXT NOT NULL,
  client_id INTEGER NOT NULL,
  device_id TEXT NOT NULL,
  first_seen_at INTEGER NOT NULL,
  PRIMARY KEY (org_id, client_id)
);
CREATE TABLE IF NOT EXISTS archive (
  org_id TEXT NOT NULL,
  replica_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  event_id TEXT NOT NULL,
  type TEXT NOT NULL,
  at TEXT,
  body TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  UNIQUE (org_id, replica_id, seq, event_id)
);
CREATE TABLE IF NOT EXISTS write_probe (id INTEGER PRIMARY KEY CHECK (id = 1), at INTEGER NOT NULL);
`

export const RELAY_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'relay tables', up: (db) => db.exec(FIRST_RELEASE_TABLES) },
  {
    version: 2,
    name: 'store, head office and store code of devices and enrollment codes',
    up: (db) => {
      addColumnIfMissing(db, 'devices', 'store_id', 'TEXT')
      addColumnIfMissing(db, 'devices', 'head_office', 'INTEGER NOT NULL DEFAULT 0')
      addColumnIfMissing(db, 'devices', 'store_code', 'TEXT')
      addColumnIfMissing(db, 'enrollment_codes', 'store_code', 'TEXT')
      addColumnIfMissing(db, 'enrollment_codes', 'head_office', 'INTEGER NOT NULL DEFAULT 0')
    },
  },
  // Files that had the feed before it was a migration keep their tables (IF NOT EXISTS) and rows.
  { version: 3, name: 'business event feed tables and trigger', up: (db) => installFeedTables(db) },
]
