/**
 * Binds a FoldState to a Y.Doc and keeps it current incrementally: after every transaction it
 * reads only the structs that transaction added (per Yjs client, from its state before to its
 * state after), so the cost is proportional to the new events, whatever the log sizes.
 * Deletions (retention) are ignored on purpose: the checkpoint that covers them does the work.
 */
import * as Y from 'yjs'
import type { AllotEvent } from './events.ts'
import { FoldState } from './fold-state.ts'
import type { FoldOptions } from './fold-state.ts'
import { LOG_PREFIX, getLog, listLogReplicaIds, readSchemaVersion } from './schema.ts'

/** What changed in one transaction, for listeners (UI refresh, rebalancing triggers). */
export interface FoldChange {
  productIds: Set<string>
  replicaIds: Set<string>
  /** The transaction's origin (ops use CORE_ORIGIN; remote updates carry the provider's origin). */
  origin: unknown
  local: boolean
  /**
   * Valid events this transaction delivered, in arrival order (for ledgers). Exact duplicates and
   * malformed events are left out. An event may still wait to be folded (after a missing seq or
   * for its deps): see `logInfo().pending`.
   */
  events: Array<{ replicaId: string; event: AllotEvent }>
}

type RootType = Y.AbstractType<unknown>

/** A fold that follows its Y.Doc. Query it like a FoldState; call `dispose()` to detach. */
export class DocFold extends FoldState {
  readonly doc: Y.Doc
  private readonly rootNames = new Map<RootType, string>()
  private readonly listeners = new Set<(change: FoldChange) => void>()
  private readonly onAfterTransaction: (tr: Y.Transaction) => void

  constructor(doc: Y.Doc, options: FoldOptions = {}) {
    super(options)
    this.doc = doc
    foldWholeDoc(this, doc)
    this.takeChanges()
    this.onAfterTransaction = (tr) => this.afterTransaction(tr)
    doc.on('afterTransaction', this.onAfterTransaction)
  }

  /** Stops following the doc. */
  dispose(): void {
    this.doc.off('afterTransaction', this.onAfterTransaction)
    this.listeners.clear()
  }

  /** Calls `listener` after each transaction that touched the fold. Returns an unsubscribe. */
  subscribe(listener: (change: FoldChange) => void): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  private logReplicaOf(parent: RootType): string | undefined {
    let name = this.rootNames.get(parent)
    if (name === undefined) {
      // A root we have not met (new log, or a placeholder that getArray replaced): rescan roots.
      for (const [key, type] of this.doc.share) this.rootNames.set(type as RootType, key)
      name = this.rootNames.get(parent)
      if (name === undefined) return undefined
    }
    return name.startsWith(LOG_PREFIX) ? name.slice(LOG_PREFIX.length) : undefined
  }

  private afterTransaction(tr: Y.Transaction): void {
    this.setSchemaVersion(readSchemaVersion(this.doc))
    const store = this.doc.store
    const events: FoldChange['events'] = []
    for (const [client, after] of tr.afterState) {
      const before = tr.beforeState.get(client) ?? 0
      if (after <= before) continue
      const structs = store.clients.get(client)
      if (!structs) continue
      for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
        const struct = structs[i]
        if (!struct || struct.id.clock >= after) break
        if (!(struct instanceof Y.Item) || struct.deleted || struct.parentSub !== null) continue
        const parent = struct.parent
        if (!(parent instanceof Y.AbstractType) || parent._item !== null) continue
        const replicaId = this.logReplicaOf(parent as RootType)
        if (replicaId === undefined) continue
        for (const raw of struct.content.getContent()) {
          const event = this.applyRaw(replicaId, raw)
          if (event) events.push({ replicaId, event })
        }
      }
    }
    const { productIds, replicaIds } = this.takeChanges()
    if (this.listeners.size === 0 || (productIds.size === 0 && replicaIds.size === 0)) return
    const change: FoldChange = { productIds, replicaIds, origin: tr.origin, local: tr.local, events }
    for (const l of this.listeners) l(change)
  }
}

function foldWholeDoc(state: FoldState, doc: Y.Doc): void {
  state.setSchemaVersion(readSchemaVersion(doc))
  const logs = listLogReplicaIds(doc).map((replicaId) => ({
    replicaId,
    entries: getLog(doc, replicaId).toArray(),
  }))
  // Each log's latest checkpoint first: it covers every event before it, which can then be
  // recognised by seq instead of being validated and folded only to be replaced. After a
  // count-capped checkpoint that is most of the log (this is most of a store's start-up fold).
  const first = logs.map(({ replicaId, entries }) => {
    const i = entries.findLastIndex(
      (raw) => !!raw && typeof raw === 'object' && (raw as { type?: unknown }).type === 'checkpoint',
    )
    if (i >= 0) state.applyRaw(replicaId, entries[i])
    return i
  })
  for (const [n, { replicaId, entries }] of logs.entries())
    for (const [i, raw] of entries.entries())
      if (i !== first[n] && !state.skipIfCovered(replicaId, raw)) state.applyRaw(replicaId, raw)
}

/**
 * Starts an incremental fold of `doc` (folds what is there now, then follows every change).
 * `self`: the replica that writes through this fold (createReplicaOps sets it if omitted).
 */
export function createDocFold(doc: Y.Doc, options: FoldOptions = {}): DocFold {
  return new DocFold(doc, options)
}

/** A fold of the doc's current content from scratch (tests compare it with the incremental one). */
export function refold(doc: Y.Doc, options: FoldOptions = {}): FoldState {
  const state = new FoldState(options)
  foldWholeDoc(state, doc)
  state.takeChanges()
  return state
}
