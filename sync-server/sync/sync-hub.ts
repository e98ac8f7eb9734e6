// Device connections and the y-websocket protocol on top of the loaded documents: the
// handshake (relay SyncStep1 only after the doc is loaded), validated updates, awareness,
// limits, revocation and the staggered close at shutdown.
import * as decoding from 'lib0/decoding'
import type { Logger } from 'pino'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { WebSocket } from 'ws'
import type { YUpdateLog } from '../../shared/node/update-log.ts'
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
import type { DeviceRow, RelayDatabase } from '../storage/relay-db.ts'
import type { RelayDoc } from './relay-doc.ts'
import type { UpdateLimits } from '../validation/update-limits.ts'
import { TickCommitter } from './tick-committer.ts'
import { ConnectionSet } from './connection-set.ts'
import { UpdateIntake } from './update-intake.ts'
import { reconcileAuthority } from '../validation/reconcile-authority.ts'

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
  relayDb: RelayDatabase
  updateLog: YUpdateLog
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

export class SyncHub {
  readonly docs: DocRegistry
  private readonly committer: TickCommitter
  private readonly connections: ConnectionSet
  private readonly intake: UpdateIntake
  private readonly tokenLimiter: KeyedRateLimiter
  private readonly deps: SyncHubDeps
  private readonly pingTimer: NodeJS.Timeout
  private nextConnectionId = 1

  constructor(deps: SyncHubDeps) {
    this.deps = deps
    this.connections = new ConnectionSet({
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
      deliver: (conn, data, type) => this.connections.send(conn, data, type),
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
      flushPending: () => this.committer.flush(),
    })
    this.intake = new UpdateIntake({
      relayDb: deps.relayDb,
      committer: this.committer,
      connections: this.connections,
      docs: this.docs,
      metrics: deps.metrics,
      log: deps.log,
      limits: deps.limits.update,
      deviceClassChanged: (deviceId, headOffice) => this.deviceClassChanged(deviceId, headOffice),
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
          this.intake.receive(conn, relayDoc, decoding.readVarUint8Array(decoder))
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

  private watchDoc(relayDoc: RelayDoc): void {
    // Listeners run inside Yjs' transaction cleanup: one that throws leaves the doc unable to
    // emit again. So they never throw; a failure marks the doc, which is then reloaded.
    relayDoc.doc.on('update', (update: Uint8Array, origin: unknown) => {
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

  /** Closes with a code the client can read. */
  close(conn: RelayConnection, code: number, reason: string): void {
    this.connections.close(conn, code, reason)
  }

  /** Closes every socket of a revoked device. */
  closeDevice(deviceId: string, code: number, reason: string): number {
    return this.connections.closeDevice(deviceId, code, reason)
  }

  devicesOnline(orgId: string): Map<string, number> {
    return this.connections.devicesOnline(orgId)
  }

  /** Shutdown: commit what is pending, then close sockets in staggered batches (1012). */
  async closeAllStaggered(batchSize: number, pauseMs: number): Promise<void> {
    this.committer.flush()
    await this.connections.closeAllStaggered(batchSize, pauseMs)
  }

  terminateAll(): void {
    this.connections.terminateAll()
  }

  /** Final drain: commit what is pending, compact and unload every doc. */
  stop(): void {
    clearInterval(this.pingTimer)
    this.committer.flush()
    this.docs.unloadAll()
  }
}
