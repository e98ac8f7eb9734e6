// Device connections and the y-websocket protocol on top of the loaded documents: the
// handshake (relay SyncStep1 only after the doc is loaded), validated updates, awareness,
// limits, revocation and the staggered close at shutdown.
import * as decoding from 'lib0/decoding'
import type { Logger } from 'pino'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { WebSocket } from 'ws'
import { eventsOfAppliedUpdate, eventsOfValidatedUpdate } from '../storage/archive.ts'
import type { AwarenessGuard } from './awareness-guard.ts'
import { CloseCode } from '../../shared/protocol/close-codes.ts'
import { DocRegistry } from './doc-registry.ts'
import type { RelayMetrics } from '../ops/metrics.ts'
import {
  MessageType,
  SyncMessageType,
  encodeAwarenessMessage,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdateMessage,
  messageTypeName,
} from '../../shared/protocol/messages.ts'
import { KeyedRateLimiter, TokenBucket } from './rate-limiter.ts'
import { RelayConnection } from './relay-connection.ts'
import type { DeviceRow } from '../storage/relay-db.ts'
import type { DocLog, RelayStore } from '../storage/relay-store.ts'
import type { SharedLog } from '../storage/pg/pg-doc-log.ts'
import type { RelayDoc } from './relay-doc.ts'
import { TickCommitter } from './tick-committer.ts'
import { reconcileAuthority } from '../validation/reconcile-authority.ts'
import type { UpdateLimits } from '../validation/update-limits.ts'
import { validateUpdate } from '../validation/validate-update.ts'
import { storeIdByCode } from '../../shared/core/schema.ts'

export interface SyncLimits {
  messagesPerSecond: number
  messageBurst: number
  tokenMessagesPerSecond: number
  tokenMessageBurst: number
  outboundBufferBytes: number
  idleUnloadMs: number
  compactRows: number
  compactBytes: number
  pingIntervalMs: number
  /** Per-update caps of write validation. */
  update: UpdateLimits
}

export interface SyncHubDeps {
  relayDb: RelayStore
  updateLog: DocLog
  /**
   * The log shared with other relay instances (PostgreSQL), or null (SQLite: this process is the
   * only writer). With it, each update is validated and committed under the organization's lock,
   * after catching up with what other instances committed.
   */
  shared?: SharedLog | null
  metrics: RelayMetrics
  log: Logger
  now: () => number
  limits: SyncLimits
  /** Bytes per second per device token over all its connections (burst ≥ the largest frame). */
  tokenByteLimiter: KeyedRateLimiter
  /** Who may change which awareness client ids, and how big their states may be. */
  awarenessGuard: AwarenessGuard<RelayConnection>
}

class BadMessage extends Error {}

/** Origin of the rows other instances committed, applied here while catching up. */
const SHARED_LOG_ORIGIN = Symbol('allot-relay-shared-log')

export class SyncHub {
  readonly docs: DocRegistry
  private readonly committer: TickCommitter
  private readonly connections = new Set<RelayConnection>()
  /** Shared log only: updates received this tick, per organization, committed together. */
  private readonly sharedQueue = new Map<RelayDoc, Array<{ conn: RelayConnection; update: Uint8Array }>>()
  private sharedScheduled = false
  private readonly tokenLimiter: KeyedRateLimiter
  private readonly deps: SyncHubDeps
  private readonly pingTimer: NodeJS.Timeout
  private nextConnectionId = 1

  constructor(deps: SyncHubDeps) {
    this.deps = deps
    this.tokenLimiter = new KeyedRateLimiter(
      deps.limits.tokenMessagesPerSecond,
      deps.limits.tokenMessageBurst,
    )
    this.committer = new TickCommitter({
      relayDb: deps.relayDb,
      updateLog: deps.updateLog,
      metrics: deps.metrics,
      log: deps.log,
      now: deps.now,
      deliver: (conn, data, type) => this.deliver(conn, data, type),
      onCommitFailure: (docs) => {
        for (const relayDoc of docs) {
          for (const conn of relayDoc.connections)
            this.close(conn, CloseCode.internalError, 'storage failure; retry later')
          this.docs.discard(relayDoc)
        }
      },
      onCommitted: (docs) => {
        for (const relayDoc of docs) this.docs.compactIfDue(relayDoc)
      },
    })
    this.docs = new DocRegistry({
      relayDb: deps.relayDb,
      updateLog: deps.updateLog,
      metrics: deps.metrics,
      log: deps.log,
      idleUnloadMs: deps.limits.idleUnloadMs,
      compactRows: deps.limits.compactRows,
      compactBytes: deps.limits.compactBytes,
      onLoaded: (relayDoc) => {
        reconcileAuthority(relayDoc, deps.relayDb, deps.log)
        this.watchDoc(relayDoc)
      },
      flushPending: () => {
        this.drainShared()
        this.committer.flush()
      },
    })
    this.pingTimer = setInterval(() => this.pingAll(), deps.limits.pingIntervalMs)
    this.pingTimer.unref()
  }

  connectionCount(): number {
    return this.connections.size
  }

  /** Takes over an authenticated socket: loads the doc, checks the document's org, starts syncing. */
  async attach(ws: WebSocket, device: DeviceRow, tokenHash: string, docOrgId: string | null): Promise<void> {
    const { limits, metrics, log } = this.deps
    const conn = new RelayConnection({
      id: `c${this.nextConnectionId++}`,
      ws,
      device,
      tokenHash,
      messageBucket: new TokenBucket(limits.messagesPerSecond, limits.messageBurst, this.deps.now()),
    })
    this.connections.add(conn)
    metrics.connections.set(this.connections.size)
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      conn.alive = true
      if (!isBinary) return this.close(conn, CloseCode.badMessage, 'binary frames only')
      if (conn.relayDoc) this.handleMessage(conn, conn.relayDoc, data)
      else conn.queued.push(data)
    })
    ws.on('pong', () => (conn.alive = true))
    ws.on('close', () => this.detach(conn))
    ws.on('error', (err) => log.debug({ conn: conn.id, err: err.message }, 'socket error'))
    this.touch(device.id)
    let relayDoc: RelayDoc
    try {
      relayDoc = await this.docs.acquire(device.orgId)
    } catch (err) {
      log.error({ err, orgId: device.orgId }, 'doc load failed')
      return this.close(conn, CloseCode.internalError, 'document unavailable; retry later')
    }
    if (conn.closing) return
    const mismatch = this.checkDocOrg(relayDoc, docOrgId)
    if (mismatch) {
      metrics.authFailures.inc({ reason: 'doc-org-mismatch' })
      return this.close(conn, CloseCode.docOrgMismatch, mismatch)
    }
    conn.relayDoc = relayDoc
    relayDoc.connections.add(conn)
    log.info(
      { conn: conn.id, orgId: device.orgId, deviceId: device.id, replicaId: device.replicaId },
      'device connected',
    )
    // goes out after this tick's commit, so the state vector only covers durable state
    this.committer.send(conn, encodeSyncStep1(relayDoc.doc), 'sync-step1')
    const states = [...relayDoc.awareness.getStates().keys()]
    if (states.length > 0) {
      this.committer.send(
        conn,
        encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(relayDoc.awareness, states)),
        'awareness',
      )
    }
    for (const data of conn.queued.splice(0)) {
      if (conn.closing) break
      this.handleMessage(conn, relayDoc, data)
    }
  }

  /**
   * Standalone linking: an org whose document has no org id yet adopts the first store's
   * document; afterwards only stores whose document carries the same org id may connect.
   */
  private checkDocOrg(relayDoc: RelayDoc, docOrgId: string | null): string | null {
    if (docOrgId === null) return null
    const org = this.deps.relayDb.getOrg(relayDoc.orgId)
    const expected = org?.docOrgId ?? relayDoc.docOrgId()
    if (expected === undefined || expected === null) {
      this.deps.relayDb.adoptDocOrg(relayDoc.orgId, docOrgId)
      // another relay instance may have adopted another document at the same moment: the first wins
      const adopted = this.deps.relayDb.getOrg(relayDoc.orgId)?.docOrgId
      if (adopted && adopted !== docOrgId)
        return `document belongs to another organization (${docOrgId.slice(0, 40)})`
      this.deps.log.info({ orgId: relayDoc.orgId, docOrgId }, 'org adopted a store document')
      return null
    }
    if (expected !== docOrgId) return `document belongs to another organization (${docOrgId.slice(0, 40)})`
    if (!org?.docOrgId) this.deps.relayDb.adoptDocOrg(relayDoc.orgId, docOrgId)
    return null
  }

  private handleMessage(conn: RelayConnection, relayDoc: RelayDoc, data: Buffer): void {
    if (conn.closing) return
    const { metrics, now } = this.deps
    const t = now()
    if (!conn.messageBucket.take(t))
      return this.close(conn, CloseCode.rateLimited, 'too many messages on this connection')
    if (!this.tokenLimiter.take(conn.tokenHash, t))
      return this.close(conn, CloseCode.rateLimited, 'too many messages for this device')
    if (!this.deps.tokenByteLimiter.take(conn.tokenHash, t, data.byteLength)) {
      metrics.limitRefusals.inc({ limit: 'token-bytes' })
      return this.close(conn, CloseCode.byteRateLimited, 'too many bytes per second for this device')
    }
    let typeName = 'unknown'
    try {
      const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
      const type = decoding.readVarUint(decoder)
      if (type === MessageType.sync) {
        const subType = decoding.readVarUint(decoder)
        typeName = messageTypeName(type, subType)
        this.countIn(typeName, data.byteLength)
        if (subType === SyncMessageType.step1) {
          const stateVector = decoding.readVarUint8Array(decoder)
          Y.decodeStateVector(stateVector) // throws on garbage before we build a reply
          this.committer.send(conn, encodeSyncStep2(relayDoc.doc, stateVector), 'sync-step2')
        } else if (subType === SyncMessageType.step2 || subType === SyncMessageType.update) {
          this.receiveUpdate(conn, relayDoc, decoding.readVarUint8Array(decoder))
        } else {
          throw new BadMessage('unknown sync message')
        }
      } else if (type === MessageType.awareness) {
        typeName = 'awareness'
        this.countIn(typeName, data.byteLength)
        this.receiveAwareness(conn, relayDoc, decoding.readVarUint8Array(decoder))
      } else if (type === MessageType.queryAwareness) {
        typeName = 'query-awareness'
        this.countIn(typeName, data.byteLength)
        const clients = [...relayDoc.awareness.getStates().keys()]
        const reply = encodeAwarenessMessage(
          awarenessProtocol.encodeAwarenessUpdate(relayDoc.awareness, clients),
        )
        // a tiny query costs the reply's size: it must not amplify past the byte budget
        if (!this.deps.tokenByteLimiter.take(conn.tokenHash, t, reply.byteLength)) {
          metrics.limitRefusals.inc({ limit: 'token-bytes' })
          return this.close(conn, CloseCode.byteRateLimited, 'too many bytes per second for this device')
        }
        this.committer.send(conn, reply, 'awareness')
      } else if (type === MessageType.auth) {
        this.countIn('auth', data.byteLength) // server-to-client only in y-protocols; ignored
      } else {
        throw new BadMessage('unknown message type')
      }
    } catch (err) {
      metrics.messages.inc({ direction: 'in', type: 'malformed' })
      this.deps.log.warn(
        { conn: conn.id, deviceId: conn.device.id, type: typeName, err: String(err) },
        'malformed message',
      )
      this.close(conn, CloseCode.badMessage, 'malformed message')
    }
  }

  /** Applies what of an awareness update is this connection's to change, within the caps. */
  private receiveAwareness(conn: RelayConnection, relayDoc: RelayDoc, update: Uint8Array): void {
    const { awarenessGuard, metrics, log } = this.deps
    const verdict = awarenessGuard.filter(relayDoc.awareness, conn, update)
    if (!verdict.ok) {
      metrics.limitRefusals.inc({ limit: verdict.limit })
      log.warn({ conn: conn.id, deviceId: conn.device.id, limit: verdict.limit }, 'awareness refused')
      return this.close(conn, verdict.code, verdict.reason)
    }
    if (verdict.dropped > 0) metrics.awarenessDropped.inc(verdict.dropped)
    if (verdict.update) awarenessProtocol.applyAwarenessUpdate(relayDoc.awareness, verdict.update, conn)
    awarenessGuard.settle(relayDoc.awareness, conn)
  }

  private receiveUpdate(conn: RelayConnection, relayDoc: RelayDoc, update: Uint8Array): void {
    if (!this.deps.shared) return this.validateAndApply(conn, relayDoc, update)
    // shared log: the updates an organization receives in one tick are committed together
    let queue = this.sharedQueue.get(relayDoc)
    if (!queue) this.sharedQueue.set(relayDoc, (queue = []))
    queue.push({ conn, update })
    if (this.sharedScheduled) return
    this.sharedScheduled = true
    setImmediate(() => this.drainShared())
  }

  /**
   * Commits every organization's updates queued this tick in one transaction (also called before
   * shutdown and unload). The organizations' writers take turns across instances: lock them (in
   * one global order), catch each up with what the others committed, validate each update against
   * that state in arrival order, append each with its organization's next sequence number,
   * commit; only then is anything echoed or forwarded (the flush after the commit).
   */
  private drainShared(): void {
    this.sharedScheduled = false
    const batches = [...this.sharedQueue].filter(([relayDoc]) => !relayDoc.unloaded)
    this.sharedQueue.clear()
    if (batches.length === 0) return
    const shared = this.deps.shared!
    this.committer.flushWith(
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
  private applyShared(
    relayDoc: RelayDoc,
    items: ReadonlyArray<{ conn: RelayConnection; update: Uint8Array }>,
  ): void {
    // a revocation committed through another instance counts from its commit, not from when
    // this instance hears of it
    for (const deviceId of new Set(items.map((i) => i.conn.device.id))) {
      const record = this.deps.relayDb.getDevice(relayDoc.orgId, deviceId)
      if (!record || record.revokedAt !== null)
        for (const { conn } of items)
          if (conn.device.id === deviceId) this.close(conn, CloseCode.forbidden, 'device revoked')
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
        for (const [seq, id] of this.committer.pendingIdsOf(relayDoc, replicaId))
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
      limits: this.deps.limits.update,
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
      return this.close(conn, verdict.closeCode, `update refused: ${verdict.detail}`)
    }
    for (const clientId of verdict.newClientIds) {
      relayDoc.bindClient(clientId, device.id)
      this.committer.bindClientId(relayDoc, clientId, device.id)
    }
    if (verdict.bindStoreId !== null) {
      this.committer.bindStore(relayDoc, device.id, verdict.bindStoreId)
      this.forEachConnectionOf(device.id, (c) => (c.device.storeId ??= verdict.bindStoreId))
    }
    if (verdict.grantHeadOffice) {
      this.committer.grantHeadOffice(relayDoc, device.id)
      this.deps.log.info(
        { orgId: relayDoc.orgId, deviceId: device.id },
        'device founded the document: head office',
      )
      // once committed (the flush is already scheduled), it reconnects and learns its class
      setImmediate(() => this.deviceClassChanged(device.id, true))
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
      this.close(
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
    this.committer.dropDoc(relayDoc)
    for (const conn of [...relayDoc.connections])
      this.close(conn, CloseCode.internalError, 'relay error; retry')
    this.docs.discard(relayDoc)
  }

  private forEachConnectionOf(deviceId: string, f: (conn: RelayConnection) => void): void {
    for (const conn of this.connections) if (conn.device.id === deviceId) f(conn)
  }

  /** The admin changed a device's class: its connections reconnect and learn it in the handshake. */
  deviceClassChanged(deviceId: string, headOffice: boolean): number {
    let closed = 0
    this.forEachConnectionOf(deviceId, (conn) => {
      conn.device.headOffice = headOffice
      this.close(conn, CloseCode.serviceRestart, 'device class changed; reconnect')
      closed++
    })
    return closed
  }

  private watchDoc(relayDoc: RelayDoc): void {
    // Listeners run inside Yjs' transaction cleanup: one that throws leaves the doc unable to
    // emit again. So they never throw; a failure marks the doc, which is then reloaded.
    relayDoc.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === SHARED_LOG_ORIGIN) {
        // exactly what the rows changed here, already durable: forward, do not write again
        try {
          this.committer.broadcast(relayDoc, encodeUpdateMessage(update), 'update')
        } catch (err) {
          relayDoc.fault ??= err
        }
        return
      }
      if (!(origin instanceof RelayConnection)) return
      try {
        this.committer.addUpdate(
          relayDoc,
          update,
          relayDoc.archiveHint
            ? eventsOfValidatedUpdate(relayDoc.orgId, relayDoc.archiveHintReplica, relayDoc.archiveHint)
            : eventsOfAppliedUpdate(relayDoc.orgId, relayDoc.doc, update),
        )
        this.committer.broadcast(relayDoc, encodeUpdateMessage(update), 'update')
      } catch (err) {
        relayDoc.fault ??= err
      }
    })
    relayDoc.awareness.on(
      'update',
      (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        try {
          const changed = [...changes.added, ...changes.updated, ...changes.removed]
          if (origin instanceof RelayConnection) {
            for (const id of changes.added) origin.awarenessClientIds.add(id)
            for (const id of changes.removed) origin.awarenessClientIds.delete(id)
          }
          if (changed.length === 0 || relayDoc.unloaded) return
          const message = encodeAwarenessMessage(
            awarenessProtocol.encodeAwarenessUpdate(relayDoc.awareness, changed),
          )
          this.committer.broadcast(relayDoc, message, 'awareness')
        } catch (err) {
          this.deps.log.error({ err, orgId: relayDoc.orgId }, 'awareness listener failed')
        }
      },
    )
  }

  private countIn(type: string, bytes: number): void {
    this.deps.metrics.messages.inc({ direction: 'in', type })
    this.deps.metrics.messageBytes.inc({ direction: 'in', type }, bytes)
  }

  private deliver(conn: RelayConnection, data: Uint8Array, type: string): void {
    if (conn.closing || conn.ws.readyState !== conn.ws.OPEN) return
    if (conn.ws.bufferedAmount > this.deps.limits.outboundBufferBytes) {
      return this.close(conn, CloseCode.slowConsumer, 'outbound buffer full')
    }
    conn.ws.send(data)
    this.deps.metrics.messages.inc({ direction: 'out', type })
    this.deps.metrics.messageBytes.inc({ direction: 'out', type }, data.byteLength)
  }

  /** Closes with a code the client can read; forces the socket down if the peer never answers. */
  close(conn: RelayConnection, code: number, reason: string): void {
    if (conn.closing) return
    conn.closing = true
    this.deps.metrics.closes.inc({ code: String(code) })
    this.deps.log.info({ conn: conn.id, deviceId: conn.device.id, code, reason }, 'closing connection')
    // close reasons are limited to 123 bytes by RFC 6455
    conn.ws.close(code, Buffer.from(reason).subarray(0, 123).toString())
    setTimeout(() => conn.ws.terminate(), 2000).unref()
  }

  private detach(conn: RelayConnection): void {
    if (!this.connections.delete(conn)) return
    conn.closing = true
    this.deps.metrics.connections.set(this.connections.size)
    this.touch(conn.device.id)
    const relayDoc = conn.relayDoc
    if (!relayDoc) return
    relayDoc.connections.delete(conn)
    // only the ids this connection owned: another connection may hold one it once announced
    const owned = this.deps.awarenessGuard.release(relayDoc.awareness, conn)
    if (!relayDoc.unloaded && owned.length > 0) {
      awarenessProtocol.removeAwarenessStates(relayDoc.awareness, owned, null)
    }
    if (relayDoc.connections.size === 0 && !relayDoc.unloaded) this.docs.scheduleIdleUnload(relayDoc)
  }

  private touch(deviceId: string): void {
    try {
      this.deps.relayDb.touchDevice(deviceId, this.deps.now())
    } catch (err) {
      this.deps.log.warn({ err, deviceId }, 'could not record last-seen')
    }
  }

  /** Closes every socket of a revoked device. */
  closeDevice(deviceId: string, code: number, reason: string): number {
    let closed = 0
    for (const conn of this.connections) {
      if (conn.device.id === deviceId) {
        this.close(conn, code, reason)
        closed++
      }
    }
    return closed
  }

  /** One connected device record per device id (what this instance believes about each). */
  connectedDevices(): Map<string, DeviceRow> {
    const devices = new Map<string, DeviceRow>()
    for (const conn of this.connections) if (!conn.closing) devices.set(conn.device.id, conn.device)
    return devices
  }

  /**
   * Another instance changed a connected device's record: a revoked device is closed (4403), a
   * changed class reconnects so the handshake tells it. Returns the connections closed.
   */
  deviceRecordChanged(record: DeviceRow): number {
    if (record.revokedAt !== null) return this.closeDevice(record.id, CloseCode.forbidden, 'device revoked')
    let closed = 0
    this.forEachConnectionOf(record.id, (conn) => {
      if (conn.device.storeId === null && record.storeId !== null) conn.device.storeId = record.storeId
      if (conn.device.headOffice !== record.headOffice) closed++
    })
    return closed > 0 ? this.deviceClassChanged(record.id, record.headOffice) : 0
  }

  devicesOnline(orgId: string): Map<string, number> {
    const counts = new Map<string, number>()
    for (const conn of this.connections) {
      if (conn.device.orgId === orgId && !conn.closing)
        counts.set(conn.device.id, (counts.get(conn.device.id) ?? 0) + 1)
    }
    return counts
  }

  private pingAll(): void {
    this.tokenLimiter.sweep(this.deps.now())
    for (const conn of this.connections) {
      if (!conn.alive) {
        conn.ws.terminate()
        continue
      }
      conn.alive = false
      if (conn.ws.readyState === conn.ws.OPEN) conn.ws.ping()
    }
  }

  /** Shutdown: close sockets in staggered batches (1012) so clients do not reconnect in a herd. */
  async closeAllStaggered(batchSize: number, pauseMs: number): Promise<void> {
    this.drainShared()
    this.committer.flush()
    const conns = [...this.connections]
    for (let i = 0; i < conns.length; i += batchSize) {
      for (const conn of conns.slice(i, i + batchSize))
        this.close(conn, CloseCode.serviceRestart, 'relay restarting')
      if (i + batchSize < conns.length) await new Promise((r) => setTimeout(r, pauseMs))
    }
  }

  terminateAll(): void {
    for (const conn of this.connections) conn.ws.terminate()
  }

  /** Final drain: commit what is pending, compact and unload every doc. */
  stop(): void {
    clearInterval(this.pingTimer)
    this.drainShared()
    this.committer.flush()
    this.docs.unloadAll()
  }
}
