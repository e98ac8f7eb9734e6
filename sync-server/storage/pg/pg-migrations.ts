// The relay's PostgreSQL schema, versioned like the SQLite one (storage/relay-migrations.ts):
// numbered steps recorded in `schema_migrations`, never edited once released. Several instances
// may start at once on an empty database, so the whole run holds a session advisory lock.
import type { SyncPg } from './sync-pg.ts'

export interface PgMigration {
  version: number
  name: string
  sql: string
}

/** Advisory lock key (classid, objid) of the migration run. */
const MIGRATION_LOCK = [8787, 1] as const

export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: 'relay tables, shared update log, archive and event feed',
    sql: `
CREATE TABLE orgs (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  doc_org_id TEXT,
  created_at BIGINT NOT NULL
);
CREATE TABLE enrollment_codes (
  code_hash TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  store_name TEXT,
  replica_id TEXT,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT,
  used_by_device TEXT,
  store_code TEXT,
  head_office BOOLEAN NOT NULL DEFAULT false
);
CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  replica_id TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  store_name TEXT,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT,
  revoked_at BIGINT,
  store_id TEXT,
  head_office BOOLEAN NOT NULL DEFAULT false,
  store_code TEXT
);
-- one live device per replica: the escrow invariant needs exactly one writer per replicaId
CREATE UNIQUE INDEX devices_live_replica ON devices (org_id, replica_id) WHERE revoked_at IS NULL;
CREATE INDEX devices_of_org ON devices (org_id, created_at);
CREATE TABLE client_ids (
  org_id TEXT NOT NULL,
  client_id BIGINT NOT NULL,
  device_id TEXT NOT NULL,
  first_seen_at BIGINT NOT NULL,
  PRIMARY KEY (org_id, client_id)
);
CREATE TABLE archive (
  org_id TEXT NOT NULL,
  replica_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  event_id TEXT NOT NULL,
  type TEXT NOT NULL,
  at TEXT,
  body TEXT NOT NULL,
  received_at BIGINT NOT NULL,
  UNIQUE (org_id, replica_id, seq, event_id)
);
-- the per-organization total order: head is the last sequence number handed out, gap-free
-- because it only moves under the organization's transaction-scoped advisory lock
CREATE TABLE doc_heads (
  org_id TEXT PRIMARY KEY,
  head BIGINT NOT NULL
);
CREATE TABLE doc_updates (
  org_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  snapshot BOOLEAN NOT NULL DEFAULT false,
  update BYTEA NOT NULL,
  PRIMARY KEY (org_id, seq)
);
CREATE TABLE feed_log (
  pos BIGSERIAL PRIMARY KEY,
  org_id TEXT NOT NULL,
  replica_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  event_id TEXT NOT NULL,
  type TEXT NOT NULL
);
CREATE INDEX feed_log_org_pos ON feed_log (org_id, pos);
CREATE TABLE feed_replica_state (
  org_id TEXT NOT NULL,
  replica_id TEXT NOT NULL,
  last_seq BIGINT NOT NULL,
  last_event_at TEXT,
  last_received_at BIGINT NOT NULL,
  PRIMARY KEY (org_id, replica_id)
);
CREATE TABLE integration_keys (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  name TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT,
  revoked_at BIGINT
);
CREATE TABLE write_probe (id INTEGER PRIMARY KEY CHECK (id = 1), at BIGINT NOT NULL);
`,
  },
]

/** Applies every step newer than the database's, each in its own transaction; the versions applied. */
export function applyPgMigrations(db: SyncPg, migrations: readonly PgMigration[], now: number): number[] {
  db.query('SELECT pg_advisory_lock($1, $2)', [...MIGRATION_LOCK])
  try {
    db.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
    )
    const applied = new Set(
      db.query('SELECT version FROM schema_migrations').map((r) => Number(r['version'])),
    )
    const ran: number[] = []
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(m.version)) continue
      db.transaction(() => {
        db.query(m.sql)
        db.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          m.version,
          m.name,
          now,
        ])
      })
      ran.push(m.version)
    }
    return ran
  } finally {
    db.query('SELECT pg_advisory_unlock($1, $2)', [...MIGRATION_LOCK])
  }
}
