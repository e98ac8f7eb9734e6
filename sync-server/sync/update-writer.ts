// The write path: a device's update is validated against what it can ever cause, applied to the
// organization's document (whose listener archives and forwards it, see doc-forwarding.ts), and
// committed before anything is echoed. With a log shared between relay instances (PostgreSQL) the
// updates of one tick are committed together under the organization's lock, after catching up.
import type { Logger } from 'pino'
import * as Y from 'yjs'
import { storeIdByCode } from '../../shared/core/schema.ts'
import { CloseCode } from '../../shared/protocol/close-codes.ts'
import type { RelayMetrics } from '../ops/metrics.ts'
import type { SharedLog } from '../storage/pg/pg-doc-log.ts'
import type { RelayStore } from '../storage/relay-store.ts'
import type { UpdateLimits } from '../validation/update-limits.ts'
import { validateUpdate } from '../validation/validate-update.ts'
import { SHARED_LOG_ORIGIN } from './doc-forwarding.ts'
import type { DocRegistry } from './doc-registry.ts'
import type { RelayConnection } from './relay-connection.ts'
import type { RelayDoc } from './relay-doc.ts'
import type { TickCommitter } from './tick-committer.ts'

export interface UpdateWriterDeps {
  relayDb: RelayStore
  shared: SharedLog | null
  metrics: RelayMetrics
  log: Logger
  limits: UpdateLimits
  committer: TickCommitter
  docs: () => DocRegistry
  close: (conn: RelayConnection, code: number, reason: string) => void
  forEachConnectionOf: (deviceId: string, f: (conn: RelayConnection) => void) => void
  /** The device became head office: its connections reconnect to learn it. */
  deviceClassChanged: (deviceId: string, headOffice: boolean) => void
}

interface Queued {
  conn: RelayConnection
  update: Uint8Array
}

export class UpdateWriter {
  private readonly deps: UpdateWriterDeps
  /** Shared log only: updates received this tick, per organization, committed together. */
  private readonly sharedQueue = new Map<RelayDoc, Queued[]>()
  private sharedScheduled = false

  constructor(deps: UpdateWriterDeps) {
    this.deps = deps
  }

  receive(conn: RelayConnection, relayDoc: RelayDoc, update: Uint8Array): void {
    if (!this.deps.shared) return this.validateAndApply(conn, relayDoc, update)
    let queue = this.sharedQueue.get(relayDoc)
    if (!queue) this.sharedQueue.set(relayDoc, (queue = []))
    queue.push({ conn, update })
    if (this.sharedScheduled) return
    this.sharedScheduled = true
    setImmediate(() => this.drainShared())
  }

  /** Commits what is queued and what the committer holds (before shutdown and unload). */
  flush(): void {
    this.drainShared()
    this.deps.committer.flush()
  }

  /**
   * Commits every organization's updates queued this tick in one transaction. The organizations'
   * writers take turns across instances: lock them (in one global order), catch each up with what
   * the others committed, validate each update against that state in arrival order, append each
   * with its organization's next sequence number, commit; only then is anything echoed or
   * forwarded (the flush after the commit).
   */
  private drainShared(): void {
    this.sharedScheduled = false
    const shared = this.deps.shared
    const batches = [...this.sharedQueue].filter(([relayDoc]) => !relayDoc.unloaded)
    this.sharedQueue.clear()
    if (!shared || batches.length === 0) return
    this.deps.committer.flushWith(
      (write) =>
        this.deps.relayDb.transaction(() => {
          shared.lockOrgs(batches.map(([relayDoc]) => relayDoc.orgId))
          for (const [relayDoc, items] of batches) this.applyShared(relayDoc, items)
          write()
        }),
      batches.map(([relayDoc]) => relayDoc),
    )
  }

  /** One organization's share of `drainShared`, under its lock. */
  private applyShared(relayDoc: RelayDoc, items: readonly Queued[]): void {
    // a revocation committed through another instance counts from its commit, not from when
    // this instance hears of it
    for (const deviceId of new Set(items.map((i) => i.conn.device.id))) {
      const record = this.deps.relayDb.getDevice(relayDoc.orgId, deviceId)
      if (!record || record.revokedAt !== null)
        for (const { conn } of items)
          if (conn.device.id === deviceId) this.deps.close(conn, CloseCode.forbidden, 'device revoked')
    }
    this.catchUp(relayDoc)
    for (const { conn, update } of items) {
      if (relayDoc.unloaded) break
      if (!conn.closing) this.validateAndApply(conn, relayDoc, update)
    }
  }

  /**
   * Applies the rows of the shared log this doc lacks (committed by other instances) and forwards
   * what they change to its devices. Rows are already durable, so nothing is written. Returns the
   * number of rows applied.
   */
  catchUp(relayDoc: RelayDoc): number {
    const shared = this.deps.shared
    if (!shared || relayDoc.unloaded) return 0
    const rows = shared.rowsAfter(relayDoc.orgId, relayDoc.seq)
    if (rows.length === 0) return 0
    try {
      for (const row of rows) {
        Y.applyUpdate(relayDoc.doc, row.update, SHARED_LOG_ORIGIN)
        relayDoc.seq = row.seq
        relayDoc.rowsSinceCompaction += 1
        relayDoc.bytesSinceCompaction += row.update.byteLength
      }
    } catch (err) {
      relayDoc.fault ??= err
    }
    if (relayDoc.fault !== null) {
      this.faultDoc(relayDoc)
      return 0
    }
    // rows of one total order never wait for missing clocks; if they did, the log is inconsistent
    if (relayDoc.dropParked())
      this.deps.log.error({ orgId: relayDoc.orgId, seq: relayDoc.seq }, 'shared log rows left structs parked')
    // client ids other instances bound belong to their devices here too
    relayDoc.setClientOwners(this.deps.relayDb.clientIdOwners(relayDoc.orgId))
    this.deps.metrics.sharedRowsApplied.inc({ org: relayDoc.orgId }, rows.length)
    return rows.length
  }

  private validateAndApply(conn: RelayConnection, relayDoc: RelayDoc, update: Uint8Array): void {
    const { device } = conn
    const { relayDb, committer } = this.deps
    const verdict = validateUpdate({
      doc: relayDoc.doc,
      update,
      writer: {
        deviceId: device.id,
        replicaId: device.replicaId,
        storeId: device.storeId,
        headOffice: device.headOffice,
      },
      clientOwners: relayDoc.clientOwners,
      seenEvents: (replicaId, seqs) => {
        const seen = relayDb.archivedIdsAt(relayDoc.orgId, replicaId, seqs)
        for (const [seq, id] of committer.pendingIdsOf(relayDoc, replicaId))
          if (!seen.has(seq)) seen.set(seq, id)
        return seen
      },
      storeClaim: (storeId) => {
        if (device.storeCode !== null && storeIdByCode(relayDoc.doc, device.storeCode) === storeId)
          return 'named'
        return relayDb.storeHasOtherDevice(relayDoc.orgId, storeId, device.id) ? 'taken' : 'free'
      },
      orgHasHeadOffice: () => relayDb.orgHasHeadOffice(relayDoc.orgId),
      writerClientCount: relayDoc.clientCounts.get(device.id) ?? 0,
      limits: this.deps.limits,
    })
    if (!verdict.ok) {
      this.deps.metrics.refusedUpdates.inc({ rule: verdict.rule })
      this.deps.log.warn(
        {
          conn: conn.id,
          orgId: relayDoc.orgId,
          deviceId: device.id,
          replicaId: device.replicaId,
          rule: verdict.rule,
          detail: verdict.detail,
        },
        'update refused',
      )
      return this.deps.close(conn, verdict.closeCode, `update refused: ${verdict.detail}`)
    }
    for (const clientId of verdict.newClientIds) {
      relayDoc.bindClient(clientId, device.id)
      committer.bindClientId(relayDoc, clientId, device.id)
    }
    if (verdict.bindStoreId !== null) {
      committer.bindStore(relayDoc, device.id, verdict.bindStoreId)
      this.deps.forEachConnectionOf(device.id, (c) => (c.device.storeId ??= verdict.bindStoreId))
    }
    if (verdict.grantHeadOffice) {
      committer.grantHeadOffice(relayDoc, device.id)
      this.deps.log.info(
        { orgId: relayDoc.orgId, deviceId: device.id },
        'device founded the document: head office',
      )
      // once committed (the flush is already scheduled), it reconnects and learns its class
      setImmediate(() => this.deps.deviceClassChanged(device.id, true))
    }
    // fires the doc's 'update' listener (see doc-forwarding.ts) when anything is new
    if (!verdict.parksOwn) {
      relayDoc.archiveHint = verdict.ownLogValues
      relayDoc.archiveHintReplica = device.replicaId
    }
    try {
      Y.applyUpdate(relayDoc.doc, update, conn)
    } catch (err) {
      relayDoc.fault ??= err
    } finally {
      relayDoc.archiveHint = null
    }
    if (relayDoc.fault !== null) return this.faultDoc(relayDoc)
    // Nothing parked survives the update: it could only integrate later, unchecked. When the
    // writer's own earlier changes were missing, it reconnects and the handshake sends them in order.
    if (relayDoc.dropParked() && verdict.parksOwn) {
      this.deps.metrics.refusedUpdates.inc({ rule: 'resync' })
      this.deps.close(
        conn,
        CloseCode.resyncRequired,
        'update depends on changes of yours the relay has not received; reconnect',
      )
    }
  }

  /**
   * Applying an update threw, or a listener caught an exception: the in-memory doc may be half
   * updated. Everything of it not yet committed is dropped, its devices are disconnected (they
   * retry and resend), and the next connection loads it again from disk.
   */
  private faultDoc(relayDoc: RelayDoc): void {
    this.deps.metrics.storageFailures.inc()
    this.deps.log.error(
      { err: relayDoc.fault, orgId: relayDoc.orgId },
      'document faulted while applying an update; reloading',
    )
    this.deps.committer.dropDoc(relayDoc)
    for (const conn of [...relayDoc.connections])
      this.deps.close(conn, CloseCode.internalError, 'relay error; retry')
    this.deps.docs().discard(relayDoc)
  }
}
