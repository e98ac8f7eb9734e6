// The relay's own tables (organizations, enrollment codes, devices, Yjs client-id ownership,
// the event archive) next to the Y.Doc update log, all in one SQLite file so that one
// transaction can cover an update, the events it carries and the client ids it binds.
import type { Database } from '../../shared/node/sqlite.ts'
import { applyMigrations } from './migrations.ts'
import { RELAY_MIGRATIONS } from './relay-migrations.ts'
import type { RelayStore } from './relay-store.ts'
import { prepareAll } from '../../shared/node/prepare-all.ts'

export interface OrgRow {
  id: string
  name: string
  docOrgId: string | null
  createdAt: number
}

/** A device as the admin API or /enroll creates it. */
export interface NewDevice {
  id: string
  orgId: string
  replicaId: string
  tokenHash: string
  storeName: string | null
  now: number
  storeCode?: string | null
  headOffice?: boolean
}

/** The devices bound to one replica id, revoked or not. */
export interface ReplicaDevice {
  id: string
  revokedAt: number | null
}

export interface DeviceRow {
  id: string
  orgId: string
  replicaId: string
  storeName: string | null
  createdAt: number
  lastSeenAt: number | null
  revokedAt: number | null
  /** The store this device belongs to (from its first `replicas` entry), once known. */
  storeId: string | null
  /** Head-office devices may write protected records (meta, owners, other stores' users). */
  headOffice: boolean
  /** The store code its enrollment code was issued for: it may join that existing store. */
  storeCode: string | null
}

export interface EnrollmentCodeRow {
  codeHash: string
  orgId: string
  storeName: string | null
  replicaId: string | null
  expiresAt: number
  usedAt: number | null
  /** The existing store (by its code) a till enrolled with this code may join. */
  storeCode: string | null
  /** The device enrolled with this code is a head-office device. */
  headOffice: boolean
}

export interface ArchivedEvent {
  orgId: string
  replicaId: string
  seq: number
  eventId: string
  type: string
  at: string | null
  body: string
}

const DEVICE_COLUMNS =
  'id, org_id AS orgId, replica_id AS replicaId, store_name AS storeName, created_at AS createdAt, last_seen_at AS lastSeenAt, revoked_at AS revokedAt, store_id AS storeId, head_office AS headOffice, store_code AS storeCode'

type DeviceRecord = Omit<DeviceRow, 'headOffice'> & { headOffice: number }
const toDevice = (row: DeviceRecord | undefined): DeviceRow | undefined =>
  row ? { ...row, headOffice: row.headOffice === 1 } : undefined

export class RelayDatabase implements RelayStore {
  readonly db: Database
  private readonly s

  /** Brings the file's schema up to date first; `migratedAt` stamps the migrations it applies. */
  constructor(db: Database, migratedAt: number = Date.now()) {
    this.db = db
    applyMigrations(db, RELAY_MIGRATIONS, migratedAt)
    this.s = prepareAll(db, {
      insertOrg: 'INSERT INTO orgs (id, name, doc_org_id, created_at) VALUES (?, ?, NULL, ?)',
      getOrg: 'SELECT id, name, doc_org_id AS docOrgId, created_at AS createdAt FROM orgs WHERE id = ?',
      listOrgs: 'SELECT id, name, doc_org_id AS docOrgId, created_at AS createdAt FROM orgs ORDER BY id',
      setDocOrg: 'UPDATE orgs SET doc_org_id = ? WHERE id = ? AND doc_org_id IS NULL',
      insertCode:
        'INSERT INTO enrollment_codes (code_hash, org_id, store_name, replica_id, created_at, expires_at, store_code, head_office) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      getCode:
        'SELECT code_hash AS codeHash, org_id AS orgId, store_name AS storeName, replica_id AS replicaId, expires_at AS expiresAt, used_at AS usedAt, store_code AS storeCode, head_office AS headOffice FROM enrollment_codes WHERE code_hash = ?',
      useCode:
        'UPDATE enrollment_codes SET used_at = ?, used_by_device = ? WHERE code_hash = ? AND used_at IS NULL',
      insertDevice:
        'INSERT INTO devices (id, org_id, replica_id, token_hash, store_name, created_at, store_code, head_office) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      devicesOfReplica: 'SELECT id, revoked_at AS revokedAt FROM devices WHERE org_id = ? AND replica_id = ?',
      deviceByToken: `SELECT ${DEVICE_COLUMNS} FROM devices WHERE token_hash = ?`,
      devicesOfOrg: `SELECT ${DEVICE_COLUMNS} FROM devices WHERE org_id = ? ORDER BY created_at`,
      revokeDevice: 'UPDATE devices SET revoked_at = ? WHERE id = ? AND org_id = ? AND revoked_at IS NULL',
      getDevice: `SELECT ${DEVICE_COLUMNS} FROM devices WHERE id = ? AND org_id = ?`,
      bindStore: 'UPDATE devices SET store_id = ? WHERE id = ? AND store_id IS NULL',
      setHeadOffice: 'UPDATE devices SET head_office = ? WHERE id = ? AND org_id = ?',
      otherDeviceOfStore: 'SELECT 1 FROM devices WHERE org_id = ? AND store_id = ? AND id <> ? LIMIT 1',
      headOfficeOfOrg:
        'SELECT 1 FROM devices WHERE org_id = ? AND head_office = 1 AND revoked_at IS NULL LIMIT 1',
      touchDevice: 'UPDATE devices SET last_seen_at = ? WHERE id = ?',
      clientIdsOfOrg: 'SELECT client_id AS clientId, device_id AS deviceId FROM client_ids WHERE org_id = ?',
      bindClientId:
        'INSERT OR IGNORE INTO client_ids (org_id, client_id, device_id, first_seen_at) VALUES (?, ?, ?, ?)',
      archivedIdsBetween:
        'SELECT seq, event_id AS eventId FROM archive WHERE org_id = ? AND replica_id = ? AND seq BETWEEN ? AND ?',
      archivedIdAt:
        'SELECT event_id AS eventId FROM archive WHERE org_id = ? AND replica_id = ? AND seq = ? LIMIT 1',
      archiveEvent:
        'INSERT OR IGNORE INTO archive (org_id, replica_id, seq, event_id, type, at, body, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      lastSeqs:
        'SELECT replica_id AS replicaId, MAX(seq) AS lastSeq, COUNT(*) AS events FROM archive WHERE org_id = ? GROUP BY replica_id',
      archiveOfOrg:
        'SELECT replica_id AS replicaId, seq, event_id AS eventId, type, at, body FROM archive WHERE org_id = ? AND (? IS NULL OR replica_id = ?) AND seq > ? ORDER BY replica_id, seq LIMIT ?',
      archivedAny: 'SELECT 1 FROM archive WHERE org_id = ? AND replica_id = ? LIMIT 1',
      probe: 'INSERT INTO write_probe (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at',
    })
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }

  createOrg(id: string, name: string, now: number): OrgRow {
    this.s('insertOrg').run(id, name, now)
    return { id, name, docOrgId: null, createdAt: now }
  }

  getOrg(id: string): OrgRow | undefined {
    return this.s('getOrg').get(id) as OrgRow | undefined
  }

  listOrgs(): OrgRow[] {
    return this.s('listOrgs').all() as OrgRow[]
  }

  /** Records which document an org holds; only the first call has an effect. */
  adoptDocOrg(orgId: string, docOrgId: string): void {
    this.s('setDocOrg').run(docOrgId, orgId)
  }

  insertEnrollmentCode(row: EnrollmentCodeRow & { createdAt: number }): void {
    this.s('insertCode').run(
      row.codeHash,
      row.orgId,
      row.storeName,
      row.replicaId,
      row.createdAt,
      row.expiresAt,
      row.storeCode,
      row.headOffice ? 1 : 0,
    )
  }

  getEnrollmentCode(codeHash: string): EnrollmentCodeRow | undefined {
    const row = this.s('getCode').get(codeHash) as
      (Omit<EnrollmentCodeRow, 'headOffice'> & { headOffice: number }) | undefined
    return row ? { ...row, headOffice: row.headOffice === 1 } : undefined
  }

  /** Marks a code used; false if someone used it first (single use even under races). */
  consumeEnrollmentCode(codeHash: string, deviceId: string, now: number): boolean {
    return this.s('useCode').run(now, deviceId, codeHash).changes === 1
  }

  devicesOfReplica(orgId: string, replicaId: string): ReplicaDevice[] {
    return this.s('devicesOfReplica').all(orgId, replicaId) as ReplicaDevice[]
  }

  insertDevice(d: NewDevice): void {
    this.s('insertDevice').run(
      d.id,
      d.orgId,
      d.replicaId,
      d.tokenHash,
      d.storeName,
      d.now,
      d.storeCode ?? null,
      d.headOffice ? 1 : 0,
    )
  }

  deviceByTokenHash(tokenHash: string): DeviceRow | undefined {
    return toDevice(this.s('deviceByToken').get(tokenHash) as DeviceRecord | undefined)
  }

  getDevice(orgId: string, deviceId: string): DeviceRow | undefined {
    return toDevice(this.s('getDevice').get(deviceId, orgId) as DeviceRecord | undefined)
  }

  devicesOfOrg(orgId: string): DeviceRow[] {
    return (this.s('devicesOfOrg').all(orgId) as DeviceRecord[]).map((r) => toDevice(r)!)
  }

  /** Binds a device to its store; only the first binding counts (a till never changes store). */
  bindDeviceStore(deviceId: string, storeId: string): void {
    this.s('bindStore').run(storeId, deviceId)
  }

  setHeadOffice(orgId: string, deviceId: string, headOffice: boolean): boolean {
    return this.s('setHeadOffice').run(headOffice ? 1 : 0, deviceId, orgId).changes === 1
  }

  /** True when a device other than `deviceId` belongs to `storeId`. */
  storeHasOtherDevice(orgId: string, storeId: string, deviceId: string): boolean {
    return this.s('otherDeviceOfStore').get(orgId, storeId, deviceId) !== undefined
  }

  orgHasHeadOffice(orgId: string): boolean {
    return this.s('headOfficeOfOrg').get(orgId) !== undefined
  }

  revokeDevice(orgId: string, deviceId: string, now: number): boolean {
    return this.s('revokeDevice').run(now, deviceId, orgId).changes === 1
  }

  touchDevice(deviceId: string, now: number): void {
    this.s('touchDevice').run(now, deviceId)
  }

  clientIdOwners(orgId: string): Map<number, string> {
    const rows = this.s('clientIdsOfOrg').all(orgId) as Array<{ clientId: number; deviceId: string }>
    return new Map(rows.map((r) => [r.clientId, r.deviceId]))
  }

  bindClientId(orgId: string, clientId: number, deviceId: string, now: number): void {
    this.s('bindClientId').run(orgId, clientId, deviceId, now)
  }

  /** The ids of the events archived at these seqs of a replica (the fork check compares against them). */
  archivedIdsAt(orgId: string, replicaId: string, seqs: readonly number[]): Map<number, string> {
    const out = new Map<number, string>()
    if (seqs.length === 0) return out
    let lo = Infinity
    let hi = -Infinity
    for (const s of seqs) {
      if (s < lo) lo = s
      if (s > hi) hi = s
    }
    // one range scan when the seqs are dense (a store's run of events), else one lookup each
    if (hi - lo <= 2 * seqs.length + 100) {
      const rows = this.s('archivedIdsBetween').all(orgId, replicaId, lo, hi) as Array<{
        seq: number
        eventId: string
      }>
      for (const r of rows) if (!out.has(r.seq)) out.set(r.seq, r.eventId)
      return out
    }
    for (const seq of seqs) {
      const row = this.s('archivedIdAt').get(orgId, replicaId, seq) as { eventId: string } | undefined
      if (row) out.set(seq, row.eventId)
    }
    return out
  }

  archiveEvent(e: ArchivedEvent, now: number): void {
    this.s('archiveEvent').run(e.orgId, e.replicaId, e.seq, e.eventId, e.type, e.at, e.body, now)
  }

  archiveSummary(orgId: string): Map<string, { lastSeq: number; events: number }> {
    const rows = this.s('lastSeqs').all(orgId) as Array<{
      replicaId: string
      lastSeq: number
      events: number
    }>
    return new Map(rows.map((r) => [r.replicaId, { lastSeq: r.lastSeq, events: r.events }]))
  }

  archivedEvents(
    orgId: string,
    replicaId: string | null,
    afterSeq: number,
    limit: number,
  ): Array<Omit<ArchivedEvent, 'orgId'>> {
    return this.s('archiveOfOrg').all(orgId, replicaId, replicaId, afterSeq, limit) as Array<
      Omit<ArchivedEvent, 'orgId'>
    >
  }

  archiveHasReplica(orgId: string, replicaId: string): boolean {
    return this.s('archivedAny').get(orgId, replicaId) !== undefined
  }

  /** A real write, used by /readyz to prove the disk still accepts commits. */
  writeProbe(now: number): void {
    this.s('probe').run(now)
  }
}
