// The relay's write path for one update: validation against the caught-up document, binding of
// new client ids and store claims, applying it (only what Yjs integrates now survives), and the
// fault handling when applying throws.
import type { Logger } from 'pino'
import * as Y from 'yjs'
import { storeIdByCode } from '../../shared/core/schema.ts'
import { CloseCode } from '../../shared/protocol/close-codes.ts'
import type { RelayMetrics } from '../ops/metrics.ts'
import type { RelayDatabase } from '../storage/relay-db.ts'
import type { UpdateLimits } from '../validation/update-limits.ts'
import { validateUpdate } from '../validation/validate-update.ts'
import type { ConnectionSet } from './connection-set.ts'
import type { DocRegistry } from './doc-registry.ts'
import type { RelayConnection } from './relay-connection.ts'
import type { RelayDoc } from './relay-doc.ts'
import type { TickCommitter } from './tick-committer.ts'

export interface UpdateIntakeDeps {
  relayDb: RelayDatabase
  committer: TickCommitter
  connections: ConnectionSet
  docs: DocRegistry
  metrics: RelayMetrics
  log: Logger
  limits: UpdateLimits
  /** A device's class changed (it founded the document): its connections reconnect to learn it. */
  deviceClassChanged(deviceId: string, headOffice: boolean): void
}

export class UpdateIntake {
  private readonly deps: UpdateIntakeDeps

  constructor(deps: UpdateIntakeDeps) {
    this.deps = deps
  }

  /** Validates, applies and queues one update of a device; refusals close its connection. */
  receive(conn: RelayConnection, relayDoc: RelayDoc, update: Uint8Array): void {
    const { device } = conn
    const { relayDb } = this.deps
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
        for (const [seq, id] of this.deps.committer.pendingIdsOf(relayDoc, replicaId))
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
      return this.deps.connections.close(conn, verdict.closeCode, `update refused: ${verdict.detail}`)
    }
    for (const clientId of verdict.newClientIds) {
      relayDoc.bindClient(clientId, device.id)
      this.deps.committer.bindClientId(relayDoc, clientId, device.id)
    }
    if (verdict.bindStoreId !== null) {
      this.deps.committer.bindStore(relayDoc, device.id, verdict.bindStoreId)
      this.deps.connections.forEachOf(device.id, (c) => (c.device.storeId ??= verdict.bindStoreId))
    }
    if (verdict.grantHeadOffice) {
      this.deps.committer.grantHeadOffice(relayDoc, device.id)
      this.deps.log.info(
        { orgId: relayDoc.orgId, deviceId: device.id },
        'device founded the document: head office',
      )
      // once committed (the flush is already scheduled), it reconnects and learns its class
      setImmediate(() => this.deps.deviceClassChanged(device.id, true))
    }
    // fires the doc's 'update' listener (see watchDoc) when anything is new
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
      this.deps.connections.close(
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
  faultDoc(relayDoc: RelayDoc): void {
    this.deps.metrics.storageFailures.inc()
    this.deps.log.error(
      { err: relayDoc.fault, orgId: relayDoc.orgId },
      'document faulted while applying an update; reloading',
    )
    this.deps.committer.dropDoc(relayDoc)
    for (const conn of [...relayDoc.connections])
      this.deps.connections.close(conn, CloseCode.internalError, 'relay error; retry')
    this.deps.docs.discard(relayDoc)
  }
}
