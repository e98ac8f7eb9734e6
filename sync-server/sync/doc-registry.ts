// Loads organization documents on first use, compacts them through the live doc, and unloads
// them when idle. Loading replays the SQLite update log before any connection sees the doc.
import type { Logger } from 'pino'
import type * as Y from 'yjs'
import type { RelayMetrics } from '../ops/metrics.ts'
import type { DocLog, RelayStore } from '../storage/relay-store.ts'
import { RelayDoc } from './relay-doc.ts'

export interface DocRegistryDeps {
  relayDb: RelayStore
  updateLog: DocLog
  metrics: RelayMetrics
  log: Logger
  idleUnloadMs: number
  compactRows: number
  compactBytes: number
  /** Attaches the doc's update listener (after the load, so replayed rows are not re-persisted). */
  onLoaded: (relayDoc: RelayDoc) => void
  /** Drains the tick committer, so nothing accepted is still in flight when a doc goes away. */
  flushPending: () => void
}

/** Origin of the updates replayed from SQLite while loading. */
export const LOAD_ORIGIN = Symbol('allot-relay-load')

export class DocRegistry {
  private readonly docs = new Map<string, RelayDoc>()
  private readonly deps: DocRegistryDeps

  constructor(deps: DocRegistryDeps) {
    this.deps = deps
  }

  get(orgId: string): RelayDoc | undefined {
    return this.docs.get(orgId)
  }

  all(): RelayDoc[] {
    return [...this.docs.values()]
  }

  /** The loaded doc of an org; the returned promise resolves only once the log is replayed. */
  async acquire(orgId: string): Promise<RelayDoc> {
    const existing = this.docs.get(orgId)
    if (existing) {
      this.cancelIdleUnload(existing)
      return existing
    }
    const relayDoc = new RelayDoc(orgId)
    const started = performance.now()
    const stats = this.deps.updateLog.load(orgId, relayDoc.doc, LOAD_ORIGIN)
    // Older relays stored what Yjs parked; the next compaction forgets it.
    if (relayDoc.dropParked())
      this.deps.log.warn({ orgId }, 'dropped parked structs stored by an older relay')
    relayDoc.rowsSinceCompaction = stats.rows
    relayDoc.seq = stats.head ?? 0
    relayDoc.bytesSinceCompaction = stats.bytes
    relayDoc.setClientOwners(this.deps.relayDb.clientIdOwners(orgId))
    this.docs.set(orgId, relayDoc)
    this.deps.metrics.docsLoaded.set(this.docs.size)
    this.deps.onLoaded(relayDoc)
    this.deps.log.info(
      { orgId, rows: stats.rows, bytes: stats.bytes, ms: Math.round(performance.now() - started) },
      'doc loaded',
    )
    return relayDoc
  }

  /** Called when a doc lost its last connection. */
  scheduleIdleUnload(relayDoc: RelayDoc): void {
    this.cancelIdleUnload(relayDoc)
    relayDoc.idleTimer = setTimeout(() => {
      relayDoc.idleTimer = null
      if (relayDoc.connections.size === 0 && !relayDoc.unloaded) this.unload(relayDoc)
    }, this.deps.idleUnloadMs)
    relayDoc.idleTimer.unref()
  }

  private cancelIdleUnload(relayDoc: RelayDoc): void {
    if (relayDoc.idleTimer) clearTimeout(relayDoc.idleTimer)
    relayDoc.idleTimer = null
  }

  compactIfDue(relayDoc: RelayDoc): void {
    if (
      relayDoc.rowsSinceCompaction >= this.deps.compactRows ||
      relayDoc.bytesSinceCompaction >= this.deps.compactBytes
    ) {
      this.compact(relayDoc)
    }
  }

  /** Replaces the doc's rows by one snapshot of the live doc. A failure leaves the rows intact. */
  compact(relayDoc: RelayDoc): void {
    if (relayDoc.unloaded || relayDoc.rowsSinceCompaction <= 1) return
    const started = performance.now()
    try {
      this.deps.updateLog.compact(relayDoc.orgId, relayDoc.doc as Y.Doc, relayDoc.seq)
      const seconds = (performance.now() - started) / 1000
      this.deps.metrics.compactionSeconds.observe(seconds)
      const stats = this.deps.updateLog.stats(relayDoc.orgId)
      relayDoc.rowsSinceCompaction = stats.rows
      relayDoc.bytesSinceCompaction = 0
      this.deps.log.info(
        { orgId: relayDoc.orgId, bytes: stats.bytes, ms: Math.round(seconds * 1000) },
        'doc compacted',
      )
    } catch (err) {
      // the transaction rolled back, so the uncompacted rows are still there: loud, not fatal
      this.deps.metrics.storageFailures.inc()
      this.deps.log.error({ err, orgId: relayDoc.orgId }, 'compaction failed')
    }
  }

  /** Normal unload: drain, compact, forget. */
  unload(relayDoc: RelayDoc): void {
    this.deps.flushPending()
    if (relayDoc.unloaded) return
    this.compact(relayDoc)
    this.forget(relayDoc)
    this.deps.log.info({ orgId: relayDoc.orgId }, 'doc unloaded')
  }

  /** After a failed commit: the in-memory doc holds unpersisted state, so it is dropped as is. */
  discard(relayDoc: RelayDoc): void {
    if (relayDoc.unloaded) return
    this.forget(relayDoc)
    this.deps.log.warn({ orgId: relayDoc.orgId }, 'doc discarded after a storage failure')
  }

  unloadAll(): void {
    for (const relayDoc of this.all()) this.unload(relayDoc)
  }

  private forget(relayDoc: RelayDoc): void {
    if (this.docs.get(relayDoc.orgId) === relayDoc) this.docs.delete(relayDoc.orgId)
    relayDoc.destroy()
    this.deps.metrics.docsLoaded.set(this.docs.size)
  }
}
