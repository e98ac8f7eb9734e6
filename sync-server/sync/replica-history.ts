// Whether an organization has ever seen a replicaId. A replica's log is its stock: binding a
// known replicaId to a new device would let that device write into the store's log and lock the
// real store out, so enrollment with a general code only binds replicaIds without any trace here.
import type * as Y from 'yjs'
import { LOG_PREFIX, REPLICAS } from '../../shared/core/schema.ts'
import type { RelayStore } from '../storage/relay-store.ts'

/** Where a replicaId was found: a device (live or revoked), the archive, or the document. */
export type ReplicaTrace = 'device' | 'archive' | 'document'

export interface ReplicaHistoryDeps {
  relayDb: RelayStore
  /** The org's document if the relay has it in memory (it then holds uncommitted state too). */
  loadedDoc: (orgId: string) => Y.Doc | undefined
  /** Loads the org's document from the update log into a fresh doc (the caller destroys it). */
  loadFromDisk: (orgId: string) => Y.Doc
}

export class ReplicaHistory {
  private readonly deps: ReplicaHistoryDeps

  constructor(deps: ReplicaHistoryDeps) {
    this.deps = deps
  }

  /** The first trace of `replicaId` in `orgId`, or null if the organization never saw it. */
  traceOf(orgId: string, replicaId: string): ReplicaTrace | null {
    if (this.deps.relayDb.devicesOfReplica(orgId, replicaId).length > 0) return 'device'
    if (this.deps.relayDb.archiveHasReplica(orgId, replicaId)) return 'archive'
    const loaded = this.deps.loadedDoc(orgId)
    if (loaded) return inDocument(loaded, replicaId) ? 'document' : null
    const doc = this.deps.loadFromDisk(orgId)
    try {
      return inDocument(doc, replicaId) ? 'document' : null
    } finally {
      doc.destroy()
    }
  }
}

/** A `log:<replicaId>` root (even emptied) or a `replicas` entry. */
function inDocument(doc: Y.Doc, replicaId: string): boolean {
  if (doc.share.has(`${LOG_PREFIX}${replicaId}`)) return true
  return doc.share.has(REPLICAS) && doc.getMap(REPLICAS).has(replicaId)
}
