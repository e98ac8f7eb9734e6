// Device connections and the y-websocket protocol on top of the loaded documents: the
// handshake (relay SyncStep1 only after the doc is loaded), then each frame through the message
// router to the write path; revocation, device-class changes and the staggered close at shutdown.
// The parts: connections.ts (sockets), message-router.ts (frames), update-writer.ts (validate,
// apply, commit), doc-forwarding.ts (archive and forward), tick-committer.ts (persist before ack).
import type { Logger } from 'pino'
import * as awarenessProtocol from 'y-protocols/awareness'
import type { WebSocket } from 'ws'
import type { AwarenessGuard } from './awareness-guard.ts'
import { CloseCode } from '../../shared/protocol/close-codes.ts'
import { Connections } from './connections.ts'
import { forwardDocChanges } from './doc-forwarding.ts'
import { checkDocOrg } from './doc-org-check.ts'
import { DocRegistry } from './doc-registry.ts'
import { MessageRouter } from './message-router.ts'
import type { RelayMetrics } from '../ops/metrics.ts'
import { encodeAwarenessMessage, encodeSyncStep1 } from '../../shared/protocol/messages.ts'
import { KeyedRateLimiter, TokenBucket } from './rate-limiter.ts'
import { RelayConnection } from './relay-connection.ts'
import type { DeviceRow } from '../storage/relay-db.ts'
import type { DocLog, RelayStore } from '../storage/relay-store.ts'
import type { SharedLog } from '../storage/pg/pg-doc-log.ts'
import type { RelayDoc } from './relay-doc.ts'
import { TickCommitter } from './tick-committer.ts'
import { UpdateWriter } from './update-writer.ts'
import { reconcileAuthority } from '../validation/reconcile-authority.ts'
import type { UpdateLimits } from '../validation/update-limits.ts'

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

export class SyncHub {
  readonly docs: DocRegistry
  private readonly committer: TickCommitter
  private readonly connections: Connections
  private readonly router: MessageRouter
  private readonly writer: UpdateWriter
  private readonly tokenLimiter: KeyedRateLimiter
  private readonly deps: SyncHubDeps
  private readonly pingTimer: NodeJS.Timeout
  private nextConnectionId = 1

  constructor(deps: SyncHubDeps) {
    this.deps = deps
    const close = (conn: RelayConnection, code: number, reason: string): void =>
      this.connections.close(conn, code, reason)
    this.connections = new Connections({
      metrics: deps.metrics,
      log: deps.log,
      outboundBufferBytes: deps.limits.outboundBufferBytes,
    })
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
      deliver: (conn, data, type) => this.connections.deliver(conn, data, type),
      onCommitFailure: (docs) => {
        for (const relayDoc of docs) {
          for (const conn of relayDoc.connections)
            close(conn, CloseCode.internalError, 'storage failure; retry later')
          this.docs.discard(relayDoc)
        }
      },
      onCommitted: (docs) => {
        for (const relayDoc of docs) this.docs.compactIfDue(relayDoc)
      },
    })
    this.writer = new UpdateWriter({
      relayDb: deps.relayDb,
      shared: deps.shared ?? null,
      metrics: deps.metrics,
      log: deps.log,
      limits: deps.limits.update,
      committer: this.committer,
      docs: () => this.docs,
      close,
      forEachConnectionOf: (deviceId, f) => this.connections.forEachOf(deviceId, f),
      deviceClassChanged: (deviceId, headOffice) => this.deviceClassChanged(deviceId, headOffice),
    })
    this.router = new MessageRouter({
      metrics: deps.metrics,
      log: deps.log,
      now: deps.now,
      tokenLimiter: this.tokenLimiter,
      tokenByteLimiter: deps.tokenByteLimiter,
      awarenessGuard: deps.awarenessGuard,
      send: (conn, data, type) => this.committer.send(conn, data, type),
      close,
      receiveUpdate: (conn, relayDoc, update) => this.writer.receive(conn, relayDoc, update),
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
        forwardDocChanges(relayDoc, this.committer, deps.log)
      },
      flushPending: () => this.writer.flush(),
    })
    this.pingTimer = setInterval(() => {
      this.tokenLimiter.sweep(this.deps.now())
      this.connections.pingAll()
    }, deps.limits.pingIntervalMs)
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
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      conn.alive = true
      if (!isBinary) return this.close(conn, CloseCode.badMessage, 'binary frames only')
      if (conn.relayDoc) this.router.handle(conn, conn.relayDoc, data)
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
    const mismatch = checkDocOrg(this.deps.relayDb, log, relayDoc, docOrgId)
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
      this.router.handle(conn, relayDoc, data)
    }
  }

  /** Applies what other instances committed to a loaded doc (see update-writer.ts). */
  catchUp(relayDoc: RelayDoc): number {
    return this.writer.catchUp(relayDoc)
  }

  /** The admin changed a device's class: its connections reconnect and learn it in the handshake. */
  deviceClassChanged(deviceId: string, headOffice: boolean): number {
    let closed = 0
    this.connections.forEachOf(deviceId, (conn) => {
      conn.device.headOffice = headOffice
      this.close(conn, CloseCode.serviceRestart, 'device class changed; reconnect')
      closed++
    })
    return closed
  }

  close(conn: RelayConnection, code: number, reason: string): void {
    this.connections.close(conn, code, reason)
  }

  private detach(conn: RelayConnection): void {
    if (!this.connections.delete(conn)) return
    conn.closing = true
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
    return this.connections.closeDevice(deviceId, code, reason)
  }

  /** One connected device record per device id (what this instance believes about each). */
  connectedDevices(): Map<string, DeviceRow> {
    return this.connections.connectedDevices()
  }

  /**
   * Another instance changed a connected device's record: a revoked device is closed (4403), a
   * changed class reconnects so the handshake tells it. Returns the connections closed.
   */
  deviceRecordChanged(record: DeviceRow): number {
    if (record.revokedAt !== null) return this.closeDevice(record.id, CloseCode.forbidden, 'device revoked')
    let changed = 0
    this.connections.forEachOf(record.id, (conn) => {
      if (conn.device.storeId === null && record.storeId !== null) conn.device.storeId = record.storeId
      if (conn.device.headOffice !== record.headOffice) changed++
    })
    return changed > 0 ? this.deviceClassChanged(record.id, record.headOffice) : 0
  }

  devicesOnline(orgId: string): Map<string, number> {
    return this.connections.devicesOnline(orgId)
  }

  /** Shutdown: commit what is pending, then close sockets in staggered batches (1012). */
  async closeAllStaggered(batchSize: number, pauseMs: number): Promise<void> {
    this.writer.flush()
    await this.connections.closeAllStaggered(batchSize, pauseMs)
  }

  terminateAll(): void {
    this.connections.terminateAll()
  }

  /** Final drain: commit what is pending, compact and unload every doc. */
  stop(): void {
    clearInterval(this.pingTimer)
    this.writer.flush()
    this.docs.unloadAll()
  }
}
