// The business event feed in PostgreSQL. Feed positions come from one sequence, drawn while the
// writer holds the organization's lock, so within an organization positions grow in commit
// order and a cursor (a position) resumes on any instance without skipping a later commit.
import type { FeedPosition, FeedRow, IntegrationKeyRow, ReplicaStateRow } from '../../feed/feed-db.ts'
import type { FeedStore } from '../relay-store.ts'
import type { SyncPg } from './sync-pg.ts'

const KEY_COLUMNS =
  'id, org_id AS "orgId", name, created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"'
const POSITION_COLUMNS = 'pos, org_id AS "orgId", replica_id AS "replicaId", seq, event_id AS "eventId"'

export class PgFeedStore implements FeedStore {
  private readonly db: SyncPg

  constructor(db: SyncPg) {
    this.db = db
  }

  page(orgId: string, afterPos: number, types: readonly string[], limit: number): FeedRow[] {
    return this.db.query(
      `SELECT f.pos, f.replica_id AS "replicaId", f.seq, f.event_id AS "eventId", f.type,
              a.at, a.body, a.received_at AS "receivedAt"
       FROM feed_log f JOIN archive a
         ON a.org_id = f.org_id AND a.replica_id = f.replica_id AND a.seq = f.seq AND a.event_id = f.event_id
       WHERE f.org_id = $1 AND f.pos > $2 AND f.type = ANY($3::text[])
       ORDER BY f.pos LIMIT $4`,
      [orgId, afterPos, [...types], limit],
    ) as unknown as FeedRow[]
  }

  latest(orgId: string): FeedPosition | undefined {
    return this.db.one(
      `SELECT ${POSITION_COLUMNS} FROM feed_log WHERE org_id = $1 ORDER BY pos DESC LIMIT 1`,
      [orgId],
    ) as FeedPosition | undefined
  }

  positionAt(pos: number): FeedPosition | undefined {
    return this.db.one(`SELECT ${POSITION_COLUMNS} FROM feed_log WHERE pos = $1`, [pos]) as
      FeedPosition | undefined
  }

  maxPos(orgId: string): number {
    const row = this.db.one('SELECT MAX(pos) AS pos FROM feed_log WHERE org_id = $1', [orgId])
    return row?.['pos'] == null ? 0 : Number(row['pos'])
  }

  insertKey(k: { id: string; orgId: string; name: string; keyHash: string; now: number }): void {
    this.db.run(
      'INSERT INTO integration_keys (id, org_id, name, key_hash, created_at) VALUES ($1, $2, $3, $4, $5)',
      [k.id, k.orgId, k.name, k.keyHash, k.now],
    )
  }

  keyByHash(keyHash: string): IntegrationKeyRow | undefined {
    return this.db.one(`SELECT ${KEY_COLUMNS} FROM integration_keys WHERE key_hash = $1`, [keyHash]) as
      IntegrationKeyRow | undefined
  }

  keysOfOrg(orgId: string): IntegrationKeyRow[] {
    return this.db.query(
      `SELECT ${KEY_COLUMNS} FROM integration_keys WHERE org_id = $1 ORDER BY created_at, id`,
      [orgId],
    ) as unknown as IntegrationKeyRow[]
  }

  getKey(orgId: string, id: string): IntegrationKeyRow | undefined {
    return this.db.one(`SELECT ${KEY_COLUMNS} FROM integration_keys WHERE id = $1 AND org_id = $2`, [
      id,
      orgId,
    ]) as IntegrationKeyRow | undefined
  }

  revokeKey(orgId: string, id: string, now: number): boolean {
    return (
      this.db.run(
        'UPDATE integration_keys SET revoked_at = $1 WHERE id = $2 AND org_id = $3 AND revoked_at IS NULL',
        [now, id, orgId],
      ) === 1
    )
  }

  touchKey(id: string, now: number): void {
    this.db.run('UPDATE integration_keys SET last_used_at = $1 WHERE id = $2', [now, id])
  }

  replicaStates(): ReplicaStateRow[] {
    return this.db.query(
      `SELECT org_id AS "orgId", replica_id AS "replicaId", last_seq AS "lastSeq",
              last_event_at AS "lastEventAt", last_received_at AS "lastReceivedAt"
       FROM feed_replica_state`,
    ) as unknown as ReplicaStateRow[]
  }
}
