// The relay's own records (organizations, codes, devices, client ids, archive) in PostgreSQL,
// shared by every instance. The same contract as the SQLite RelayDatabase; races between
// instances are settled by the database (conditional UPDATEs, unique indexes, the org lock).
import type {
  ArchivedEvent,
  DeviceRow,
  EnrollmentCodeRow,
  NewDevice,
  OrgRow,
  ReplicaDevice,
} from '../relay-db.ts'
import type { RelayStore } from '../relay-store.ts'
import { RELAY_CHANNEL } from './pg-doc-log.ts'
import type { Row, SyncPg } from './sync-pg.ts'

const DEVICE_COLUMNS = `id, org_id AS "orgId", replica_id AS "replicaId", store_name AS "storeName",
  created_at AS "createdAt", last_seen_at AS "lastSeenAt", revoked_at AS "revokedAt",
  store_id AS "storeId", head_office AS "headOffice", store_code AS "storeCode"`
const ORG_COLUMNS = 'id, name, doc_org_id AS "docOrgId", created_at AS "createdAt"'

export class PgRelayStore implements RelayStore {
  readonly db: SyncPg

  constructor(db: SyncPg) {
    this.db = db
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)
  }

  createOrg(id: string, name: string, now: number): OrgRow {
    this.db.run('INSERT INTO orgs (id, name, doc_org_id, created_at) VALUES ($1, $2, NULL, $3)', [
      id,
      name,
      now,
    ])
    return { id, name, docOrgId: null, createdAt: now }
  }

  getOrg(id: string): OrgRow | undefined {
    return this.db.one(`SELECT ${ORG_COLUMNS} FROM orgs WHERE id = $1`, [id]) as OrgRow | undefined
  }

  listOrgs(): OrgRow[] {
    return this.db.query(`SELECT ${ORG_COLUMNS} FROM orgs ORDER BY id`) as unknown as OrgRow[]
  }

  adoptDocOrg(orgId: string, docOrgId: string): void {
    this.db.run('UPDATE orgs SET doc_org_id = $1 WHERE id = $2 AND doc_org_id IS NULL', [docOrgId, orgId])
  }

  insertEnrollmentCode(row: EnrollmentCodeRow & { createdAt: number }): void {
    this.db.run(
      'INSERT INTO enrollment_codes (code_hash, org_id, store_name, replica_id, created_at, expires_at, store_code, head_office) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [
        row.codeHash,
        row.orgId,
        row.storeName,
        row.replicaId,
        row.createdAt,
        row.expiresAt,
        row.storeCode,
        row.headOffice,
      ],
    )
  }

  getEnrollmentCode(codeHash: string): EnrollmentCodeRow | undefined {
    return this.db.one(
      `SELECT code_hash AS "codeHash", org_id AS "orgId", store_name AS "storeName", replica_id AS "replicaId",
         expires_at AS "expiresAt", used_at AS "usedAt", store_code AS "storeCode", head_office AS "headOffice"
       FROM enrollment_codes WHERE code_hash = $1`,
      [codeHash],
    ) as EnrollmentCodeRow | undefined
  }

  consumeEnrollmentCode(codeHash: string, deviceId: string, now: number): boolean {
    return (
      this.db.run(
        'UPDATE enrollment_codes SET used_at = $1, used_by_device = $2 WHERE code_hash = $3 AND used_at IS NULL',
        [now, deviceId, codeHash],
      ) === 1
    )
  }

  devicesOfReplica(orgId: string, replicaId: string): ReplicaDevice[] {
    return this.db.query(
      'SELECT id, revoked_at AS "revokedAt" FROM devices WHERE org_id = $1 AND replica_id = $2',
      [orgId, replicaId],
    ) as unknown as ReplicaDevice[]
  }

  insertDevice(d: NewDevice): void {
    this.db.run(
      'INSERT INTO devices (id, org_id, replica_id, token_hash, store_name, created_at, store_code, head_office) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [
        d.id,
        d.orgId,
        d.replicaId,
        d.tokenHash,
        d.storeName,
        d.now,
        d.storeCode ?? null,
        d.headOffice ?? false,
      ],
    )
  }

  deviceByTokenHash(tokenHash: string): DeviceRow | undefined {
    return this.db.one(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE token_hash = $1`, [tokenHash]) as
      DeviceRow | undefined
  }

  getDevice(orgId: string, deviceId: string): DeviceRow | undefined {
    return this.db.one(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE id = $1 AND org_id = $2`, [
      deviceId,
      orgId,
    ]) as DeviceRow | undefined
  }

  devicesOfOrg(orgId: string): DeviceRow[] {
    return this.db.query(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE org_id = $1 ORDER BY created_at, id`, [
      orgId,
    ]) as unknown as DeviceRow[]
  }

  bindDeviceStore(deviceId: string, storeId: string): void {
    this.db.run('UPDATE devices SET store_id = $1 WHERE id = $2 AND store_id IS NULL', [storeId, deviceId])
  }

  setHeadOffice(orgId: string, deviceId: string, headOffice: boolean): boolean {
    const changed = this.db.run('UPDATE devices SET head_office = $1 WHERE id = $2 AND org_id = $3', [
      headOffice,
      deviceId,
      orgId,
    ])
    // the device's connections on other instances reconnect and learn their class
    if (changed === 1) this.notifyDevice(deviceId)
    return changed === 1
  }

  storeHasOtherDevice(orgId: string, storeId: string, deviceId: string): boolean {
    return (
      this.db.one('SELECT 1 FROM devices WHERE org_id = $1 AND store_id = $2 AND id <> $3 LIMIT 1', [
        orgId,
        storeId,
        deviceId,
      ]) !== undefined
    )
  }

  orgHasHeadOffice(orgId: string): boolean {
    return (
      this.db.one('SELECT 1 FROM devices WHERE org_id = $1 AND head_office AND revoked_at IS NULL LIMIT 1', [
        orgId,
      ]) !== undefined
    )
  }

  revokeDevice(orgId: string, deviceId: string, now: number): boolean {
    const changed = this.db.run(
      'UPDATE devices SET revoked_at = $1 WHERE id = $2 AND org_id = $3 AND revoked_at IS NULL',
      [now, deviceId, orgId],
    )
    if (changed === 1) this.notifyDevice(deviceId)
    return changed === 1
  }

  /** A hint to every instance that a device's record changed (delivered at commit). */
  private notifyDevice(deviceId: string): void {
    this.db.query(`SELECT pg_notify('${RELAY_CHANNEL}', 'device ' || $1::text)`, [deviceId])
  }

  /** The live records of these devices (for the periodic check of connected devices). */
  devicesByIds(ids: readonly string[]): DeviceRow[] {
    return this.db.query(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE id = ANY($1::text[])`, [
      [...ids],
    ]) as unknown as DeviceRow[]
  }

  touchDevice(deviceId: string, now: number): void {
    this.db.run('UPDATE devices SET last_seen_at = $1 WHERE id = $2', [now, deviceId])
  }

  clientIdOwners(orgId: string): Map<number, string> {
    const rows = this.db.query('SELECT client_id, device_id FROM client_ids WHERE org_id = $1', [orgId])
    return new Map(rows.map((r) => [Number(r['client_id']), String(r['device_id'])]))
  }

  bindClientId(orgId: string, clientId: number, deviceId: string, now: number): void {
    this.db.run(
      'INSERT INTO client_ids (org_id, client_id, device_id, first_seen_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
      [orgId, clientId, deviceId, now],
    )
  }

  archivedIdsAt(orgId: string, replicaId: string, seqs: readonly number[]): Map<number, string> {
    const out = new Map<number, string>()
    if (seqs.length === 0) return out
    const rows = this.db.query(
      'SELECT seq, event_id FROM archive WHERE org_id = $1 AND replica_id = $2 AND seq = ANY($3::bigint[]) ORDER BY seq, event_id',
      [orgId, replicaId, [...new Set(seqs)]],
    )
    for (const r of rows) {
      const seq = Number(r['seq'])
      if (!out.has(seq)) out.set(seq, String(r['event_id']))
    }
    return out
  }

  archiveEvent(e: ArchivedEvent, now: number): void {
    // the feed position and the per-replica state are written with the archive row (SQLite: a trigger)
    this.db.run(
      `WITH a AS (
         INSERT INTO archive (org_id, replica_id, seq, event_id, type, at, body, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING
         RETURNING org_id, replica_id, seq, event_id, type, at, received_at),
       f AS (INSERT INTO feed_log (org_id, replica_id, seq, event_id, type)
         SELECT org_id, replica_id, seq, event_id, type FROM a)
       INSERT INTO feed_replica_state AS s (org_id, replica_id, last_seq, last_event_at, last_received_at)
         SELECT org_id, replica_id, seq, at, received_at FROM a
       ON CONFLICT (org_id, replica_id) DO UPDATE SET
         last_seq = GREATEST(s.last_seq, excluded.last_seq),
         last_event_at = CASE WHEN excluded.last_seq >= s.last_seq THEN excluded.last_event_at ELSE s.last_event_at END,
         last_received_at = excluded.last_received_at`,
      [e.orgId, e.replicaId, e.seq, e.eventId, e.type, e.at, e.body, now],
    )
  }

  archiveSummary(orgId: string): Map<string, { lastSeq: number; events: number }> {
    const rows = this.db.query(
      'SELECT replica_id, MAX(seq) AS last_seq, COUNT(*)::bigint AS events FROM archive WHERE org_id = $1 GROUP BY replica_id',
      [orgId],
    )
    return new Map(
      rows.map((r) => [
        String(r['replica_id']),
        { lastSeq: Number(r['last_seq']), events: Number(r['events']) },
      ]),
    )
  }

  archivedEvents(
    orgId: string,
    replicaId: string | null,
    afterSeq: number,
    limit: number,
  ): Array<Omit<ArchivedEvent, 'orgId'>> {
    return this.db
      .query(
        `SELECT replica_id, seq, event_id, type, at, body FROM archive
         WHERE org_id = $1 AND ($2::text IS NULL OR replica_id = $2) AND seq > $3
         ORDER BY replica_id, seq, event_id LIMIT $4`,
        [orgId, replicaId, afterSeq, limit],
      )
      .map((r: Row) => ({
        replicaId: String(r['replica_id']),
        seq: Number(r['seq']),
        eventId: String(r['event_id']),
        type: String(r['type']),
        at: r['at'] === null ? null : String(r['at']),
        body: String(r['body']),
      }))
  }

  archiveHasReplica(orgId: string, replicaId: string): boolean {
    return (
      this.db.one('SELECT 1 FROM archive WHERE org_id = $1 AND replica_id = $2 LIMIT 1', [
        orgId,
        replicaId,
      ]) !== undefined
    )
  }

  writeProbe(now: number): void {
    this.db.run(
      'INSERT INTO write_probe (id, at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET at = excluded.at',
      [now],
    )
  }
}
