// One device frame in: rate limits first, then the y-websocket message it carries (sync steps,
// updates, awareness, awareness queries). Anything undecodable closes the connection with 4400.
import * as decoding from 'lib0/decoding'
import type { Logger } from 'pino'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/protocol/close-codes.ts'
import {
  MessageType,
  SyncMessageType,
  encodeAwarenessMessage,
  encodeSyncStep2,
  messageTypeName,
} from '../../shared/protocol/messages.ts'
import type { RelayMetrics } from '../ops/metrics.ts'
import type { AwarenessGuard } from './awareness-guard.ts'
import type { KeyedRateLimiter } from './rate-limiter.ts'
import type { RelayConnection } from './relay-connection.ts'
import type { RelayDoc } from './relay-doc.ts'

export interface MessageRouterDeps {
  metrics: RelayMetrics
  log: Logger
  now: () => number
  /** Messages per second per device token over all its connections. */
  tokenLimiter: KeyedRateLimiter
  /** Bytes per second per device token over all its connections. */
  tokenByteLimiter: KeyedRateLimiter
  awarenessGuard: AwarenessGuard<RelayConnection>
  /** Queues a reply for after this tick's commit. */
  send: (conn: RelayConnection, data: Uint8Array, type: string) => void
  close: (conn: RelayConnection, code: number, reason: string) => void
  /** A SyncStep2 or update: the write path validates and applies it. */
  receiveUpdate: (conn: RelayConnection, relayDoc: RelayDoc, update: Uint8Array) => void
}

class BadMessage extends Error {}

export class MessageRouter {
  private readonly deps: MessageRouterDeps

  constructor(deps: MessageRouterDeps) {
    this.deps = deps
  }

  handle(conn: RelayConnection, relayDoc: RelayDoc, data: Buffer): void {
    if (conn.closing) return
    const { metrics, now, close } = this.deps
    const t = now()
    if (!conn.messageBucket.take(t))
      return close(conn, CloseCode.rateLimited, 'too many messages on this connection')
    if (!this.deps.tokenLimiter.take(conn.tokenHash, t))
      return close(conn, CloseCode.rateLimited, 'too many messages for this device')
    if (!this.takeBytes(conn, t, data.byteLength)) return
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
          this.deps.send(conn, encodeSyncStep2(relayDoc.doc, stateVector), 'sync-step2')
        } else if (subType === SyncMessageType.step2 || subType === SyncMessageType.update) {
          this.deps.receiveUpdate(conn, relayDoc, decoding.readVarUint8Array(decoder))
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
        if (!this.takeBytes(conn, t, reply.byteLength)) return
        this.deps.send(conn, reply, 'awareness')
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
      close(conn, CloseCode.badMessage, 'malformed message')
    }
  }

  /** Charges the device's byte budget; closes with 4429 when it is spent. */
  private takeBytes(conn: RelayConnection, t: number, bytes: number): boolean {
    if (this.deps.tokenByteLimiter.take(conn.tokenHash, t, bytes)) return true
    this.deps.metrics.limitRefusals.inc({ limit: 'token-bytes' })
    this.deps.close(conn, CloseCode.byteRateLimited, 'too many bytes per second for this device')
    return false
  }

  /** Applies what of an awareness update is this connection's to change, within the caps. */
  private receiveAwareness(conn: RelayConnection, relayDoc: RelayDoc, update: Uint8Array): void {
    const { awarenessGuard, metrics, log } = this.deps
    const verdict = awarenessGuard.filter(relayDoc.awareness, conn, update)
    if (!verdict.ok) {
      metrics.limitRefusals.inc({ limit: verdict.limit })
      log.warn({ conn: conn.id, deviceId: conn.device.id, limit: verdict.limit }, 'awareness refused')
      return this.deps.close(conn, verdict.code, verdict.reason)
    }
    if (verdict.dropped > 0) metrics.awarenessDropped.inc(verdict.dropped)
    if (verdict.update) awarenessProtocol.applyAwarenessUpdate(relayDoc.awareness, verdict.update, conn)
    awarenessGuard.settle(relayDoc.awareness, conn)
  }

  private countIn(type: string, bytes: number): void {
    this.deps.metrics.messages.inc({ direction: 'in', type })
    this.deps.metrics.messageBytes.inc({ direction: 'in', type }, bytes)
  }
}
