// The store's connection to its relay: y-websocket wire protocol (y-protocols sync) over `ws`,
// device token in the Authorization header, reconnects with exponential backoff and jitter,
// stops for good on 44xx close codes, and reports an honest status derived from the relay's
// state vector. Hosted by the StoreNode; imports nothing from the rest of store-node.
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { IncomingMessage } from 'node:http'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import WebSocket from 'ws'
import { isTerminalCloseCode } from '../../shared/protocol/close-codes.ts'
import { ProtocolHeader, SYNC_PROTOCOL_VERSION } from '../../shared/protocol/handshake.ts'
import { MessageType } from '../../shared/protocol/messages.ts'
import type { SyncStatus as ApiSyncStatus } from '../../shared/api/views.ts'
import { DEFAULT_BACKOFF, backoffDelay, type BackoffOptions } from './backoff.ts'
import { splitUpdate } from '../../shared/core/split-update.ts'
import { advanceStateVector, pendingOwnEvents } from './pending-events.ts'

/**
 * Origin of every update this client applies from the relay. The StoreNode persists updates
 * whose origin is this object (remote) and sends nothing back for them; updates with any other
 * origin are local and are sent to the relay.
 */
export const RELAY_SYNC_ORIGIN: { readonly source: 'allot-relay-sync' } = Object.freeze({
  source: 'allot-relay-sync',
})

const MESSAGE_SYNC = MessageType.sync

export type SyncState = 'online' | 'connecting' | 'offline' | 'stopped'

/** What the client knows of its sync; the StoreApi's view (`V.SyncStatus`) is built from it. */
export interface SyncStatus extends Pick<
  ApiSyncStatus,
  'pendingByType' | 'oldestPendingAt' | 'lastSyncAt' | 'clockSkewMs' | 'stoppedReason'
> {
  state: SyncState
  /** Own log events the relay has not acknowledged (echoed or listed in its state vector). */
  pendingEvents: number
  /** Last close seen from the relay. */
  lastClose?: { code: number; reason: string }
  /** Delay chosen for the next reconnect (while offline). */
  nextRetryInMs?: number
  /** What the relay said this device is at the last handshake: may it write protected records? */
  deviceClass?: 'head-office' | 'store'
  /** True only when online and nothing is pending. */
  synced: boolean
}

export interface SyncLogger {
  debug(obj: object, msg?: string): void
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
}

export interface RelaySyncClientOptions {
  doc: Y.Doc
  /** Relay base URL, http(s) or ws(s); the client connects to `<url>/sync/<orgId>`. */
  url: string
  orgId: string
  token: string
  replicaId: string
  /** `meta.orgId` of the local document, so the relay can refuse a store of another org. */
  docOrgId?: string | null
  onLog?: SyncLogger
  random?: () => number
  now?: () => number
  backoff?: Partial<BackoffOptions>
  /** Reconnect if nothing (not even a ping) arrives for this long. */
  livenessTimeoutMs?: number
  /**
   * How long a connection attempt may go without the relay's answer (the upgrade, then its sync
   * step) before the till says offline and retries: a relay that accepts and never answers must
   * not read as "connecting" for ever. Default 10 s.
   */
  handshakeTimeoutMs?: number
  /** The relay state vector persisted by the host from an earlier run (see relayStateVector()). */
  knownRelayStateVector?: Uint8Array
  /**
   * Where the doc's updates come from once they may leave this process (default: the doc's
   * `update` event, fired inside the Yjs transaction). A host that stores the doc passes its
   * after-commit stream, so the relay never receives a change a crash or a failed commit undoes.
   */
  updates?: UpdateSource
  /**
   * The relay holds a clock of the doc's current client id beyond what this run has had or sent
   * of it (the clock at start, then what each send carried): another copy of
   * this replica (a rolled-back VM, a copied directory that wrote) used that id. Called before
   * anything of that id is sent or applied, so the host can stop writing with it; return false
   * to stop syncing. Without it, Yjs alone picks a new id when the relay's structs arrive.
   */
  onClientIdTaken?: (taken: ClientIdTaken) => boolean
}

export interface ClientIdTaken {
  clientId: number
  localClock: number
  relayClock: number
}

/** Subscribes to updates (with their Yjs origin); returns the unsubscribe. */
export type UpdateSource = (listener: (update: Uint8Array, origin: unknown) => void) => () => void

function docUpdates(doc: Y.Doc): UpdateSource {
  return (listener) => {
    doc.on('update', listener)
    return () => doc.off('update', listener)
  }
}

/** The clock an update reaches for the doc's current client id (0 when it has none of it). */
function relayClockIn(update: Uint8Array, doc: Y.Doc): number {
  return Y.parseUpdateMeta(update).to.get(doc.clientID) ?? 0
}

type StatusListener = (status: SyncStatus) => void

const silentLogger: SyncLogger = { debug() {}, info() {}, warn() {}, error() {} }

export class RelaySyncClient {
  readonly origin = RELAY_SYNC_ORIGIN
  private readonly doc: Y.Doc
  private readonly options: RelaySyncClientOptions
  private readonly log: SyncLogger
  private readonly random: () => number
  private readonly now: () => number
  private readonly backoff: BackoffOptions
  private readonly livenessTimeoutMs: number
  private readonly handshakeTimeoutMs: number
  private handshakeTimer: NodeJS.Timeout | null = null
  /** An attempt failed since the relay last answered: the till shows offline while it retries. */
  private retrying = false
  private readonly listeners = new Set<StatusListener>()
  private ws: WebSocket | null = null
  private state: SyncState = 'offline'
  private started = false
  private attempt = 0
  private relayStateVectorMap: Map<number, number> | null = null
  private handshakeDone = false
  /** Local updates wait for our SyncStep2, which carries all of them in order (the relay parks nothing). */
  private step2Sent = false
  private deviceClass: 'head-office' | 'store' | undefined
  private lastSyncAt: number | undefined
  private clockSkewMs: number | undefined
  private stoppedReason: string | undefined
  private lastClose: { code: number; reason: string } | undefined
  private nextRetryInMs: number | undefined
  private retryTimer: NodeJS.Timeout | null = null
  private stableTimer: NodeJS.Timeout | null = null
  private livenessTimer: NodeJS.Timeout | null = null
  private lastEmitted = ''
  private statusCheckScheduled = false
  private stopUpdates: (() => void) | undefined
  /** The highest clock of a client id the relay may hold from us: its clock at start, then sent. */
  private relayMayHold: { clientId: number; clock: number }

  constructor(options: RelaySyncClientOptions) {
    this.options = options
    this.doc = options.doc
    this.log = options.onLog ?? silentLogger
    this.random = options.random ?? Math.random
    this.now = options.now ?? Date.now
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff }
    this.livenessTimeoutMs = options.livenessTimeoutMs ?? 75_000
    this.handshakeTimeoutMs = options.handshakeTimeoutMs ?? 10_000
    this.relayMayHold = { clientId: this.doc.clientID, clock: Y.getState(this.doc.store, this.doc.clientID) }
    if (options.knownRelayStateVector) {
      this.relayStateVectorMap = new Map(Y.decodeStateVector(options.knownRelayStateVector))
    }
  }

  start(): void {
    if (this.started) return
    this.started = true
    this.stoppedReason = undefined
    this.attempt = 0
    this.stopUpdates = (this.options.updates ?? docUpdates(this.doc))(this.onLocalUpdate)
    this.connect()
  }

  stop(reason = 'stopped by the application'): void {
    this.halt(reason)
  }

  /** The connection state alone, without counting pending events (cheap: for schedulers). */
  connectionState(): SyncState {
    return this.state
  }

  /** Current status; never `synced` while anything is pending. */
  status(): SyncStatus {
    const pending = pendingOwnEvents(this.doc, this.options.replicaId, this.relayStateVectorMap)
    const status: SyncStatus = {
      state: this.state,
      pendingEvents: pending.count,
      pendingByType: pending.byType,
      synced: this.state === 'online' && pending.count === 0,
    }
    if (pending.oldestAt !== undefined) status.oldestPendingAt = pending.oldestAt
    if (this.lastSyncAt !== undefined) status.lastSyncAt = new Date(this.lastSyncAt).toISOString()
    if (this.clockSkewMs !== undefined) status.clockSkewMs = this.clockSkewMs
    if (this.stoppedReason !== undefined) status.stoppedReason = this.stoppedReason
    if (this.deviceClass !== undefined) status.deviceClass = this.deviceClass
    if (this.lastClose !== undefined) status.lastClose = this.lastClose
    if (this.state === 'offline' && this.nextRetryInMs !== undefined)
      status.nextRetryInMs = this.nextRetryInMs
    return status
  }

  /** Subscribes to status changes; returns the unsubscribe function. */
  onStatusChange(listener: StatusListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The relay's state vector as last known, for the host to persist across restarts. */
  relayStateVector(): Uint8Array | null {
    if (!this.relayStateVectorMap) return null
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, this.relayStateVectorMap.size)
    for (const [client, clock] of this.relayStateVectorMap) {
      encoding.writeVarUint(encoder, client)
      encoding.writeVarUint(encoder, clock)
    }
    return encoding.toUint8Array(encoder)
  }

  private connect(): void {
    if (!this.started) return
    this.clearTimers()
    const target = new URL(this.options.url)
    target.protocol = target.protocol === 'https:' || target.protocol === 'wss:' ? 'wss:' : 'ws:'
    target.pathname = `${target.pathname.replace(/\/+$/, '')}/sync/${encodeURIComponent(this.options.orgId)}`
    target.searchParams.set('v', SYNC_PROTOCOL_VERSION)
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.options.token}`,
      [ProtocolHeader.version]: SYNC_PROTOCOL_VERSION,
    }
    if (this.options.docOrgId) headers[ProtocolHeader.docOrg] = this.options.docOrgId
    this.handshakeDone = false
    this.step2Sent = false
    // After a failed attempt the till stays "offline" while it retries: "connecting" only until the
    // first answer or failure, never for ever.
    if (!this.retrying) this.setState('connecting')
    const requestedAt = this.now()
    const ws = new WebSocket(target.toString(), {
      headers,
      perMessageDeflate: false,
      handshakeTimeout: this.handshakeTimeoutMs,
    })
    this.ws = ws
    this.handshakeTimer = setTimeout(() => {
      if (this.ws !== ws || this.handshakeDone) return
      this.log.warn(
        { timeoutMs: this.handshakeTimeoutMs },
        'relay did not answer the sync handshake; retrying',
      )
      ws.terminate()
    }, this.handshakeTimeoutMs)
    this.handshakeTimer.unref()
    ws.binaryType = 'nodebuffer'
    ws.on('upgrade', (res: IncomingMessage) => {
      const relayTime = Number(res.headers[ProtocolHeader.relayTime])
      if (Number.isFinite(relayTime) && relayTime > 0) {
        const receivedAt = this.now()
        this.clockSkewMs = Math.round(relayTime - (requestedAt + receivedAt) / 2)
      }
      const deviceClass = res.headers[ProtocolHeader.deviceClass]
      if (deviceClass === 'head-office' || deviceClass === 'store') this.deviceClass = deviceClass
    })
    ws.on('open', () => {
      if (this.ws !== ws) return
      this.log.info({ orgId: this.options.orgId }, 'relay connected')
      this.keepAlive()
      this.stableTimer = setTimeout(() => (this.attempt = 0), this.backoff.stableAfterMs)
      this.stableTimer.unref()
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MESSAGE_SYNC)
      syncProtocol.writeSyncStep1(encoder, this.doc)
      ws.send(encoding.toUint8Array(encoder))
    })
    ws.on('message', (data: Buffer) => {
      if (this.ws !== ws) return
      this.keepAlive()
      try {
        this.handleMessage(ws, new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
      } catch (err) {
        this.log.error({ err: String(err) }, 'bad message from relay; reconnecting')
        ws.terminate()
      }
    })
    ws.on('ping', () => this.keepAlive())
    ws.on('error', (err: Error) => this.log.debug({ err: err.message }, 'relay socket error'))
    ws.on('close', (code: number, reasonBuffer: Buffer) => this.onClose(ws, code, reasonBuffer.toString()))
  }

  private handleMessage(ws: WebSocket, message: Uint8Array): void {
    const decoder = decoding.createDecoder(message)
    const type = decoding.readVarUint(decoder)
    if (type !== MESSAGE_SYNC) return // awareness and auth messages are not used by stores
    const subType = decoding.readVarUint(decoder)
    if (subType === syncProtocol.messageYjsSyncStep1) {
      const relayVector = decoding.readVarUint8Array(decoder)
      // the relay's committed state: everything it lists is acknowledged
      this.relayStateVectorMap = new Map(Y.decodeStateVector(relayVector))
      if (!this.checkClientId(this.relayStateVectorMap.get(this.doc.clientID) ?? 0)) return
      // A large diff (weeks offline, a first link) goes in pieces under the relay's per-update caps.
      const [first = new Uint8Array([0, 0]), ...rest] = splitUpdate(
        Y.encodeStateAsUpdate(this.doc, relayVector),
      )
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MESSAGE_SYNC)
      encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2)
      encoding.writeVarUint8Array(encoder, first)
      ws.send(encoding.toUint8Array(encoder))
      for (const piece of rest) this.sendUpdate(ws, piece)
      this.noteSent()
      this.step2Sent = true
      this.scheduleStatusCheck()
    } else if (subType === syncProtocol.messageYjsSyncStep2 || subType === syncProtocol.messageYjsUpdate) {
      const update = decoding.readVarUint8Array(decoder)
      // The catch-up may arrive before the relay's SyncStep1: check it too, before Yjs applies it.
      if (subType === syncProtocol.messageYjsSyncStep2 && !this.checkClientId(relayClockIn(update, this.doc)))
        return
      Y.applyUpdate(this.doc, update, RELAY_SYNC_ORIGIN)
      this.relayStateVectorMap ??= new Map()
      advanceStateVector(this.relayStateVectorMap, update)
      if (subType === syncProtocol.messageYjsSyncStep2) {
        this.handshakeDone = true
        this.retrying = false
        if (this.handshakeTimer) clearTimeout(this.handshakeTimer)
      }
      if (this.handshakeDone) {
        this.lastSyncAt = this.now()
        this.setState('online')
      }
      this.scheduleStatusCheck()
    }
  }

  /** False (and the client halted) when the relay is ahead on our client id and the host says stop. */
  private checkClientId(relayClock: number): boolean {
    const clientId = this.doc.clientID
    const localClock = Y.getState(this.doc.store, clientId)
    const mayHold = this.relayMayHold.clientId === clientId ? this.relayMayHold.clock : 0
    if (relayClock <= mayHold || !this.options.onClientIdTaken) return true
    this.log.warn({ clientId, localClock, relayClock }, 'the relay holds more of our client id than we do')
    if (this.options.onClientIdTaken({ clientId, localClock, relayClock })) return true
    this.halt('the relay holds writes of this till that this copy does not have')
    return false
  }

  /** Everything of the current client id up to its local clock may now be at the relay. */
  private noteSent(): void {
    const clientId = this.doc.clientID
    this.relayMayHold = { clientId, clock: Y.getState(this.doc.store, clientId) }
  }

  private readonly onLocalUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin !== RELAY_SYNC_ORIGIN) {
      const ws = this.ws
      if (ws && ws.readyState === WebSocket.OPEN && this.step2Sent) {
        for (const piece of splitUpdate(update)) this.sendUpdate(ws, piece)
        this.noteSent()
      }
      // while offline or before our SyncStep2 nothing is queued: that SyncStep2 carries the whole diff
    }
    this.scheduleStatusCheck()
  }

  private sendUpdate(ws: WebSocket, update: Uint8Array): void {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    syncProtocol.writeUpdate(encoder, update)
    ws.send(encoding.toUint8Array(encoder))
  }

  private onClose(ws: WebSocket, code: number, reason: string): void {
    if (this.ws !== ws) return
    this.ws = null
    this.clearTimers()
    this.lastClose = { code, reason }
    if (!this.started) return
    if (isTerminalCloseCode(code)) {
      this.log.warn({ code, reason }, 'relay refused this device; not retrying')
      this.halt(`${code} ${reason}`.trim())
      return
    }
    const delay = backoffDelay(this.attempt, this.backoff, this.random)
    this.attempt++
    this.nextRetryInMs = delay
    this.log.info({ code, reason, retryInMs: delay }, 'relay connection closed')
    this.retrying = true
    this.setState('offline')
    this.retryTimer = setTimeout(() => this.connect(), delay)
  }

  private halt(reason: string): void {
    if (!this.started) return
    this.started = false
    this.stoppedReason = reason
    this.stopUpdates?.()
    this.stopUpdates = undefined
    this.clearTimers()
    const ws = this.ws
    this.ws = null
    if (ws) {
      ws.removeAllListeners('message')
      ws.on('error', () => {})
      ws.close(1000, 'client stopped')
      setTimeout(() => ws.terminate(), 1000).unref()
    }
    this.setState('stopped')
  }

  private keepAlive(): void {
    if (this.livenessTimer) clearTimeout(this.livenessTimer)
    this.livenessTimer = setTimeout(() => {
      this.log.warn({}, 'relay silent for too long; reconnecting')
      this.ws?.terminate()
    }, this.livenessTimeoutMs)
    this.livenessTimer.unref()
  }

  private clearTimers(): void {
    for (const timer of [this.retryTimer, this.stableTimer, this.livenessTimer, this.handshakeTimer])
      if (timer) clearTimeout(timer)
    this.retryTimer = this.stableTimer = this.livenessTimer = this.handshakeTimer = null
  }

  private setState(state: SyncState): void {
    this.state = state
    this.scheduleStatusCheck()
  }

  /** Coalesces bursts of updates into at most one status computation per tick. */
  private scheduleStatusCheck(): void {
    if (this.statusCheckScheduled || this.listeners.size === 0) return
    this.statusCheckScheduled = true
    setImmediate(() => {
      this.statusCheckScheduled = false
      const status = this.status()
      const { nextRetryInMs: _ignored, ...comparable } = status
      const key = JSON.stringify(comparable)
      if (key === this.lastEmitted) return
      this.lastEmitted = key
      for (const listener of this.listeners) listener(status)
    })
  }
}
