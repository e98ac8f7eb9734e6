import type * as Y from 'yjs'
import type { DocFold } from '../../shared/core/fold.ts'
import type { ReplicaOps } from '../../shared/core/operations.ts'
import type { PushedEventName, PushedEvents } from '../../shared/api/views.ts'
import type { Backups } from '../jobs/backups.ts'
import type { WriteGate } from './write-gate.ts'
import type { KeyValue } from '../db/kv.ts'
import type { Identity } from '../doc/identity.ts'
import type { Idempotency } from '../db/idempotency.ts'
import type { Logger } from '../infra/logger.ts'
import type { RecentLog } from '../infra/recent-log.ts'
import type { ReplicaStore } from '../db/replica-store.ts'
import type { SyncPort } from '../sync/sync-port.ts'
import type { ClientIdTaken } from '../sync/relay-sync-client.ts'
import type { TrustedDirectory } from '../trust/trusted-directory.ts'

/** Everything a service needs, passed in (no module-level state). */
export interface NodeContext {
  /** May this till write now, and if not, why: asked by every writer. */
  readonly gate: WriteGate
  readonly store: ReplicaStore
  readonly doc: Y.Doc
  readonly fold: DocFold
  /** Users and the organization's meta as far as this store could verify them. */
  readonly directory: TrustedDirectory
  readonly kv: KeyValue
  readonly idempotency: Idempotency
  readonly backups: Backups
  readonly logger: Logger
  readonly dataDir: string
  readonly startedAt: number
  /** Wall clock as ISO 8601 with the local offset, so a local day is a string prefix. */
  nowIso(): string
  nowMs(): number
  newId(): string
  identity(): Identity
  setIdentity(identity: Identity): void
  /** The core operations as this replica (the replica is set up once an organization exists). */
  ops(): ReplicaOps
  /**
   * The relay holds more of this till's Yjs client id than the till (a rolled-back copy): stop
   * writing with it and lock sales. False when the sync must stop too.
   */
  clientIdTaken(taken: ClientIdTaken): boolean
  emit<K extends PushedEventName>(event: K, data: PushedEvents[K]): void
  sync(): SyncPort
  /** The node's recent log lines (for diagnostics exports), when kept. */
  readonly recentLog?: RecentLog
}
