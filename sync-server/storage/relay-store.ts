// What the relay core needs from durable storage. Two engines implement it: SQLite in the data
// directory (RelayDatabase, the embedded default) and PostgreSQL shared by several relay
// instances (storage/pg/). Every method is synchronous: the core's check-then-append relies on it.
import type * as Y from 'yjs'
import type {
  ArchivedEvent,
  DeviceRow,
  EnrollmentCodeRow,
  NewDevice,
  OrgRow,
  ReplicaDevice,
} from './relay-db.ts'
import type { FeedPosition, FeedRow, IntegrationKeyRow, ReplicaStateRow } from '../feed/feed-db.ts'

export interface RelayStore {
  /** Runs `fn` in one transaction (nested calls join it); a throw rolls everything back. */
  transaction<T>(fn: () => T): T
  createOrg(id: string, name: string, now: number): OrgRow
  getOrg(id: string): OrgRow | undefined
  listOrgs(): OrgRow[]
  adoptDocOrg(orgId: string, docOrgId: string): void
  insertEnrollmentCode(row: EnrollmentCodeRow & { createdAt: number }): void
  getEnrollmentCode(codeHash: string): EnrollmentCodeRow | undefined
  consumeEnrollmentCode(codeHash: string, deviceId: string, now: number): boolean
  devicesOfReplica(orgId: string, replicaId: string): ReplicaDevice[]
  insertDevice(d: NewDevice): void
  deviceByTokenHash(tokenHash: string): DeviceRow | undefined
  getDevice(orgId: string, deviceId: string): DeviceRow | undefined
  devicesOfOrg(orgId: string): DeviceRow[]
  bindDeviceStore(deviceId: string, storeId: string): void
  setHeadOffice(orgId: string, deviceId: string, headOffice: boolean): boolean
  storeHasOtherDevice(orgId: string, storeId: string, deviceId: string): boolean
  orgHasHeadOffice(orgId: string): boolean
  revokeDevice(orgId: string, deviceId: string, now: number): boolean
  touchDevice(deviceId: string, now: number): void
  clientIdOwners(orgId: string): Map<number, string>
  bindClientId(orgId: string, clientId: number, deviceId: string, now: number): void
  archivedIdsAt(orgId: string, replicaId: string, seqs: readonly number[]): Map<number, string>
  archiveEvent(e: ArchivedEvent, now: number): void
  archiveSummary(orgId: string): Map<string, { lastSeq: number; events: number }>
  archivedEvents(
    orgId: string,
    replicaId: string | null,
    afterSeq: number,
    limit: number,
  ): Array<Omit<ArchivedEvent, 'orgId'>>
  /** Whether any event of this replica was ever archived. */
  archiveHasReplica(orgId: string, replicaId: string): boolean
  /** A real write, used by /readyz to prove the storage still accepts commits. */
  writeProbe(now: number): void
}

export interface DocLogStats {
  rows: number
  bytes: number
  /** The sequence number of the last row loaded (shared logs only). */
  head?: number
}

/** The per-organization log of Yjs updates (rows, then compacted snapshots). */
export interface DocLog {
  /** Appends inside the caller's transaction; a shared log returns the row's sequence number (a number). */
  append(docName: string, update: Uint8Array): unknown
  load(docName: string, doc: Y.Doc, origin?: unknown): DocLogStats
  /** Replaces the rows `doc` already holds by one snapshot; `seq` is the last row `doc` holds. */
  compact(docName: string, doc: Y.Doc, seq?: number): void
  stats(docName: string): DocLogStats
}

/** The business event feed's storage (positions, integration keys, per-replica state). */
export interface FeedStore {
  page(orgId: string, afterPos: number, types: readonly string[], limit: number): FeedRow[]
  latest(orgId: string): FeedPosition | undefined
  positionAt(pos: number): FeedPosition | undefined
  maxPos(orgId: string): number
  insertKey(k: { id: string; orgId: string; name: string; keyHash: string; now: number }): void
  keyByHash(keyHash: string): IntegrationKeyRow | undefined
  keysOfOrg(orgId: string): IntegrationKeyRow[]
  getKey(orgId: string, id: string): IntegrationKeyRow | undefined
  revokeKey(orgId: string, id: string, now: number): boolean
  touchKey(id: string, now: number): void
  replicaStates(): ReplicaStateRow[]
}
