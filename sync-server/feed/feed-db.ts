// Storage of the business event feed, next to the relay's own tables in relay.db.
//
// - `feed_log` gives every archived event a feed position (`pos`, INTEGER PRIMARY KEY
//   AUTOINCREMENT: strictly increasing, never reused, stable through VACUUM — unlike the archive's
//   implicit rowid). It is filled by a trigger on `archive`, so it is written in the SAME
//   transaction as the archive row (the relay's per-tick commit) and nothing in the sync path had
//   to change. `INSERT OR IGNORE` duplicates do not fire the trigger: one position per event.
// - `feed_replica_state` keeps, per replica, the last archived event (for the last-event-age and
//   delivery-lag gauges), maintained by the same trigger so a scrape never scans the archive.
// - `integration_keys` holds SHA-256 hashes of integration keys (never the keys themselves).
import type { Database } from '../../shared/node/sqlite.ts'
import type { FeedStore } from '../storage/relay-store.ts'
import type { ArchivedEvent } from '../storage/relay-db.ts'
import { prepareAll } from '../../shared/node/prepare-all.ts'

const FEED_SCHEMA = `
CREATE TABLE IF NOT EXISTS feed_log (
  pos INTEGER PRIMARY KEY AUTOINCREMENT,
  org_id TEXT NOT NULL,
  replica_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  event_id TEXT NOT NULL,
  type TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS feed_log_org_pos ON feed_log (org_id, pos);
CREATE TABLE IF NOT EXISTS feed_replica_state (
  org_id TEXT NOT NULL,
  replica_id TEXT NOT NULL,
  last_seq INTEGER NOT NULL,
  last_event_at TEXT,
  last_received_at INTEGER NOT NULL,
  PRIMARY KEY (org_id, replica_id)
);
CREATE TABLE IF NOT EXISTS integration_keys (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  name TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at INTEGER
);
CREATE TRIGGER IF NOT EXISTS archive_to_feed AFTER INSERT ON archive
BEGIN
  INSERT INTO feed_log (org_id, replica_id, seq, event_id, type)
    VALUES (NEW.org_id, NEW.replica_id, NEW.seq, NEW.event_id, NEW.type);
  INSERT INTO feed_replica_state (org_id, replica_id, last_seq, last_event_at, last_received_at)
    VALUES (NEW.org_id, NEW.replica_id, NEW.seq, NEW.at, NEW.received_at)
    ON CONFLICT (org_id, replica_id) DO UPDATE SET
      last_seq = MAX(last_seq, excluded.last_seq),
      last_event_at = CASE WHEN excluded.last_seq >= last_seq THEN excluded.last_event_at ELSE last_event_at END,
      last_received_at = excluded.last_received_at;
END;
`

// Archive rows written before the feed existed (a relay upgraded in place) get positions in
// their archive order. Idempotent: only rows without a position are added.
const BACKFILL = `
INSERT INTO feed_log (org_id, replica_id, seq, event_id, type)
  SELECT a.org_id, a.replica_id, a.seq, a.event_id, a.type FROM archive a
  WHERE NOT EXISTS (
    SELECT 1 FROM feed_log f
    WHERE f.org_id = a.org_id AND f.replica_id = a.replica_id AND f.seq = a.seq AND f.event_id = a.event_id
  )
  ORDER BY a.rowid;
INSERT INTO feed_replica_state (org_id, replica_id, last_seq, last_event_at, last_received_at)
  SELECT org_id, replica_id, MAX(seq), NULL, MAX(received_at) FROM archive WHERE true
  GROUP BY org_id, replica_id
  ON CONFLICT (org_id, replica_id) DO NOTHING;
`

/** An archived event at its place in the feed (arrival order). */
export interface FeedRow extends Omit<ArchivedEvent, 'orgId'> {
  pos: number
  receivedAt: number
}

export interface FeedPosition {
  pos: number
  orgId: string
  replicaId: string
  seq: number
  eventId: string
}

export interface IntegrationKeyRow {
  id: string
  orgId: string
  name: string
  createdAt: number
  lastUsedAt: number | null
  revokedAt: number | null
}

export interface ReplicaStateRow {
  orgId: string
  replicaId: string
  lastSeq: number
  lastEventAt: string | null
  lastReceivedAt: number
}

/** The feed's tables and trigger, and positions for archive rows older than the feed. */
export function installFeedTables(db: Database): void {
  db.exec(FEED_SCHEMA)
  const counts = db
    .prepare('SELECT (SELECT COUNT(*) FROM archive) AS archived, (SELECT COUNT(*) FROM feed_log) AS fed')
    .get() as { archived: number; fed: number }
  if (counts.fed < counts.archived) db.exec(BACKFILL)
}

export class FeedDatabase implements FeedStore {
  readonly db: Database
  private readonly s

  /** On the relay's open database, whose migrations (feed tables included) have run. */
  constructor(db: Database) {
    this.db = db
    this.s = prepareAll(db, {
      page: `SELECT f.pos AS pos, f.replica_id AS replicaId, f.seq AS seq, f.event_id AS eventId, f.type AS type,
                a.at AS at, a.body AS body, a.received_at AS receivedAt
         FROM feed_log f JOIN archive a
           ON a.org_id = f.org_id AND a.replica_id = f.replica_id AND a.seq = f.seq AND a.event_id = f.event_id
         WHERE f.org_id = ? AND f.pos > ? AND f.type IN (SELECT value FROM json_each(?))
         ORDER BY f.pos LIMIT ?`,
      latest:
        'SELECT pos, org_id AS orgId, replica_id AS replicaId, seq, event_id AS eventId FROM feed_log WHERE org_id = ? ORDER BY pos DESC LIMIT 1',
      at: 'SELECT pos, org_id AS orgId, replica_id AS replicaId, seq, event_id AS eventId FROM feed_log WHERE pos = ?',
      maxPos: 'SELECT MAX(pos) AS pos FROM feed_log WHERE org_id = ?',
      insertKey:
        'INSERT INTO integration_keys (id, org_id, name, key_hash, created_at) VALUES (?, ?, ?, ?, ?)',
      keyByHash:
        'SELECT id, org_id AS orgId, name, created_at AS createdAt, last_used_at AS lastUsedAt, revoked_at AS revokedAt FROM integration_keys WHERE key_hash = ?',
      keysOfOrg:
        'SELECT id, org_id AS orgId, name, created_at AS createdAt, last_used_at AS lastUsedAt, revoked_at AS revokedAt FROM integration_keys WHERE org_id = ? ORDER BY created_at, id',
      getKey:
        'SELECT id, org_id AS orgId, name, created_at AS createdAt, last_used_at AS lastUsedAt, revoked_at AS revokedAt FROM integration_keys WHERE id = ? AND org_id = ?',
      revokeKey:
        'UPDATE integration_keys SET revoked_at = ? WHERE id = ? AND org_id = ? AND revoked_at IS NULL',
      touchKey: 'UPDATE integration_keys SET last_used_at = ? WHERE id = ?',
      replicaStates:
        'SELECT org_id AS orgId, replica_id AS replicaId, last_seq AS lastSeq, last_event_at AS lastEventAt, last_received_at AS lastReceivedAt FROM feed_replica_state',
    })
  }

  /** Events of `types` after `afterPos`, in feed (arrival) order. */
  page(orgId: string, afterPos: number, types: readonly string[], limit: number): FeedRow[] {
    return this.s('page').all(orgId, afterPos, JSON.stringify(types), limit) as FeedRow[]
  }

  latest(orgId: string): FeedPosition | undefined {
    return this.s('latest').get(orgId) as FeedPosition | undefined
  }

  positionAt(pos: number): FeedPosition | undefined {
    return this.s('at').get(pos) as FeedPosition | undefined
  }

  maxPos(orgId: string): number {
    const row = this.s('maxPos').get(orgId) as { pos: number | null } | undefined
    return row?.pos ?? 0
  }

  insertKey(k: { id: string; orgId: string; name: string; keyHash: string; now: number }): void {
    this.s('insertKey').run(k.id, k.orgId, k.name, k.keyHash, k.now)
  }

  keyByHash(keyHash: string): IntegrationKeyRow | undefined {
    return this.s('keyByHash').get(keyHash) as IntegrationKeyRow | undefined
  }

  keysOfOrg(orgId: string): IntegrationKeyRow[] {
    return this.s('keysOfOrg').all(orgId) as IntegrationKeyRow[]
  }

  getKey(orgId: string, id: string): IntegrationKeyRow | undefined {
    return this.s('getKey').get(id, orgId) as IntegrationKeyRow | undefined
  }

  revokeKey(orgId: string, id: string, now: number): boolean {
    return this.s('revokeKey').run(now, id, orgId).changes === 1
  }

  touchKey(id: string, now: number): void {
    this.s('touchKey').run(now, id)
  }

  replicaStates(): ReplicaStateRow[] {
    return this.s('replicaStates').all() as ReplicaStateRow[]
  }
}
