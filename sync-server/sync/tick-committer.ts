// Persist-before-acknowledge. Everything the relay accepts during one event-loop tick (updates,
// the events they carry, client-id bindings) is committed in ONE SQLite transaction in the
// check phase right after the tick's I/O callbacks; only then are the tick's outgoing frames
// (echoes, broadcasts, SyncStep1/2 replies, whose state vectors and diffs may include this tick's
// updates) sent. Because the echo goes to the sender too, receiving it means "durable".
import type { Logger } from 'pino'
import type { RelayMetrics } from '../ops/metrics.ts'
import type { RelayConnection } from './relay-connection.ts'
import type { ArchivedEvent } from '../storage/relay-db.ts'
import type { DocLog, RelayStore } from '../storage/relay-store.ts'
import type { RelayDoc } from './relay-doc.ts'

interface PendingUpdate {
  relayDoc: RelayDoc
  update: Uint8Array
  events: ArchivedEvent[]
}

type PendingBinding =
  | { kind: 'client'; relayDoc: RelayDoc; clientId: number; deviceId: string }
  | { kind: 'store'; relayDoc: RelayDoc; deviceId: string; storeId: string }
  | { kind: 'head-office'; relayDoc: RelayDoc; deviceId: string }

type Outgoing =
  | { to: 'one'; conn: RelayConnection; data: Uint8Array; type: string }
  | { to: 'all'; relayDoc: RelayDoc; data: Uint8Array; type: string }

export interface TickCommitterDeps {
  relayDb: RelayStore
  updateLog: DocLog
  metrics: RelayMetrics
  log: Logger
  now: () => number
  deliver: (conn: RelayConnection, data: Uint8Array, type: string) => void
  /** Called with the docs whose writes were lost: they must be closed and unloaded. */
  onCommitFailure: (docs: ReadonlySet<RelayDoc>, error: unknown) => void
  onCommitted: (docs: ReadonlySet<RelayDoc>) => void
}

export class TickCommitter {
  private updates: PendingUpdate[] = []
  private bindings: PendingBinding[] = []
  private outbox: Outgoing[] = []
  private scheduled = false
  private readonly deps: TickCommitterDeps

  constructor(deps: TickCommitterDeps) {
    this.deps = deps
  }

  addUpdate(relayDoc: RelayDoc, update: Uint8Array, events: ArchivedEvent[]): void {
    this.updates.push({ relayDoc, update, events })
    this.schedule()
  }

  bindClientId(relayDoc: RelayDoc, clientId: number, deviceId: string): void {
    this.bindings.push({ kind: 'client', relayDoc, clientId, deviceId })
    this.schedule()
  }

  /** A device's first `replicas` entry names its store; committed with the update that wrote it. */
  bindStore(relayDoc: RelayDoc, deviceId: string, storeId: string): void {
    this.bindings.push({ kind: 'store', relayDoc, deviceId, storeId })
    this.schedule()
  }

  /** The device that founds an organization's document becomes its head office. */
  grantHeadOffice(relayDoc: RelayDoc, deviceId: string): void {
    this.bindings.push({ kind: 'head-office', relayDoc, deviceId })
    this.schedule()
  }

  /**
   * Forgets everything of `relayDoc` not committed yet: its in-memory state faulted, so it is
   * discarded and reloaded from disk; the senders were disconnected and resend after reconnecting.
   */
  dropDoc(relayDoc: RelayDoc): void {
    this.updates = this.updates.filter((u) => u.relayDoc !== relayDoc)
    this.bindings = this.bindings.filter((b) => b.relayDoc !== relayDoc)
    this.outbox = this.outbox.filter((o) => (o.to === 'all' ? o.relayDoc : o.conn.relayDoc) !== relayDoc)
  }

  send(conn: RelayConnection, data: Uint8Array, type: string): void {
    this.outbox.push({ to: 'one', conn, data, type })
    this.schedule()
  }

  /** To every connection of the doc at flush time, the sender included (its durable ack). */
  broadcast(relayDoc: RelayDoc, data: Uint8Array, type: string): void {
    this.outbox.push({ to: 'all', relayDoc, data, type })
    this.schedule()
  }

  /** Events of a replica accepted this tick and not yet committed (seq → id). */
  pendingIdsOf(relayDoc: RelayDoc, replicaId: string): Map<number, string> {
    const ids = new Map<number, string>()
    for (const u of this.updates) {
      if (u.relayDoc !== relayDoc) continue
      for (const e of u.events) if (e.replicaId === replicaId && !ids.has(e.seq)) ids.set(e.seq, e.eventId)
    }
    return ids
  }

  hasPendingWork(): boolean {
    return this.updates.length > 0 || this.bindings.length > 0 || this.outbox.length > 0
  }

  private schedule(): void {
    if (this.scheduled) return
    this.scheduled = true
    setImmediate(() => this.flush())
  }

  /** Commits, then sends. Safe to call directly (shutdown, unload) to drain synchronously. */
  flush(): void {
    const writes = this.updates.length > 0 || this.bindings.length > 0
    this.flushWith(writes ? (write) => this.deps.relayDb.transaction(write) : (write) => write())
  }

  /**
   * Commits through `transact`, which runs `write` inside its own transaction, after whatever it
   * does first (the shared log: lock the organization, catch up, validate and apply the update).
   * Work queued before `write` runs is part of this commit. If the transaction fails, the
   * `involved` docs are dropped along with every doc that had writes.
   */
  flushWith(transact: (write: () => void) => void, involved: Iterable<RelayDoc> = []): void {
    this.scheduled = false
    const batch: { updates: PendingUpdate[]; bindings: PendingBinding[]; outbox: Outgoing[] | null } = {
      updates: [],
      bindings: [],
      outbox: null,
    }
    const written = new Set<RelayDoc>()
    const take = () => {
      batch.updates = this.updates
      batch.bindings = this.bindings
      batch.outbox = this.outbox
      this.updates = []
      this.bindings = []
      this.outbox = []
      for (const u of batch.updates) written.add(u.relayDoc)
      for (const b of batch.bindings) written.add(b.relayDoc)
    }
    let failed: ReadonlySet<RelayDoc> = new Set()
    const { relayDb, updateLog, metrics, now } = this.deps
    const started = performance.now()
    try {
      transact(() => {
        take()
        if (written.size === 0) return
        const at = now()
        for (const b of batch.bindings) {
          if (b.kind === 'client') relayDb.bindClientId(b.relayDoc.orgId, b.clientId, b.deviceId, at)
          else if (b.kind === 'store') relayDb.bindDeviceStore(b.deviceId, b.storeId)
          else relayDb.setHeadOffice(b.relayDoc.orgId, b.deviceId, true)
        }
        for (const u of batch.updates) {
          const seq = updateLog.append(u.relayDoc.orgId, u.update)
          if (typeof seq === 'number') u.relayDoc.seq = seq
          for (const e of u.events) relayDb.archiveEvent(e, at)
        }
      })
      if (written.size > 0) {
        metrics.sqliteWriteSeconds.observe((performance.now() - started) / 1000)
        for (const u of batch.updates) {
          u.relayDoc.rowsSinceCompaction += 1
          u.relayDoc.bytesSinceCompaction += u.update.byteLength
          metrics.archivedEvents.inc(u.events.length)
          metrics.orgUpdates.inc({ org: u.relayDoc.orgId })
        }
      }
    } catch (error) {
      if (batch.outbox === null) take()
      for (const doc of involved) written.add(doc)
      failed = written
      metrics.storageFailures.inc()
      this.deps.log.error({ err: error, docs: [...written].map((d) => d.orgId) }, 'commit failed')
      this.deps.onCommitFailure(written, error)
    }
    for (const o of batch.outbox ?? []) {
      if (o.to === 'one') {
        if (o.conn.relayDoc && failed.has(o.conn.relayDoc)) continue
        this.deps.deliver(o.conn, o.data, o.type)
      } else {
        if (failed.has(o.relayDoc) || o.relayDoc.unloaded) continue
        for (const conn of o.relayDoc.connections) this.deps.deliver(conn, o.data, o.type)
      }
    }
    if (written.size > 0 && failed.size === 0) this.deps.onCommitted(written)
  }
}
