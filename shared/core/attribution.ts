/**
 * Which replica wrote an item of the document. The relay lets a device write only with client
 * ids bound to it, and only into its own log and its own `replicas` entry, so every client id
 * that appears in `log:<r>` or in the `replicas[r]` history belongs to replica r. A store that
 * writes a shared record (a user, the organization's meta) in a session where its client id has
 * not written either yet rewrites its `replicas` entry in the same transaction (`announce`), so
 * other stores can attribute the record.
 */
import * as Y from 'yjs'
import { LOG_PREFIX, REPLICAS, getReplicas } from './schema.ts'

interface MapInternals {
  _map: Map<string, Y.Item>
}

/** The item holding `key`'s current value in a Y.Map (internal but stable Yjs structure). */
export function currentItem(map: Y.Map<unknown>, key: string): Y.Item | undefined {
  return (map as unknown as MapInternals)._map.get(key)
}

export class Attribution {
  private readonly doc: Y.Doc
  private readonly owners = new Map<number, string>()
  private builtAtClients = -1

  constructor(doc: Y.Doc) {
    this.doc = doc
  }

  /** The replica whose client wrote `item`, or undefined when the client cannot be attributed. */
  replicaOf(item: Y.Item): string | undefined {
    const client = item.id.client
    let owner = this.owners.get(client)
    if (owner === undefined && this.builtAtClients !== this.doc.store.clients.size) {
      this.rebuild()
      owner = this.owners.get(client)
    }
    return owner
  }

  private rebuild(): void {
    this.owners.clear()
    this.builtAtClients = this.doc.store.clients.size
    for (const [name, type] of this.doc.share) {
      if (!name.startsWith(LOG_PREFIX)) continue
      const replicaId = name.slice(LOG_PREFIX.length)
      for (let item = type._start; item !== null; item = item.right)
        this.owners.set(item.id.client, replicaId)
    }
    const replicas = getReplicas(this.doc) as unknown as MapInternals & Y.Map<unknown>
    for (const [replicaId, last] of replicas._map) {
      for (let item: Y.Item | null = last; item !== null; item = item.left) {
        if (item.parentSub === replicaId) this.owners.set(item.id.client, replicaId)
      }
    }
  }
}

/** True when the doc can attribute writes of its current client id to `replicaId`. */
export function isAnnounced(doc: Y.Doc, replicaId: string): boolean {
  const item = currentItem(doc.getMap<unknown>(REPLICAS), replicaId)
  for (let i: Y.Item | null = item ?? null; i !== null; i = i.left)
    if (i.id.client === doc.clientID) return true
  const log = doc.share.get(LOG_PREFIX + replicaId)
  for (let i = log?._start ?? null; i !== null; i = i.right) if (i.id.client === doc.clientID) return true
  return false
}

/**
 * Makes the doc's current client id attributable to `replicaId` by rewriting its own
 * `replicas` entry (same value), inside the caller's transaction. No-op when already done.
 */
export function announce(doc: Y.Doc, replicaId: string): void {
  if (isAnnounced(doc, replicaId)) return
  const replicas = doc.getMap<unknown>(REPLICAS)
  const entry = replicas.get(replicaId)
  if (entry !== undefined) replicas.set(replicaId, entry)
}
