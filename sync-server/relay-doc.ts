// One organization's document as held by the relay, with what belongs to it in memory.
import { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { RelayConnection } from './relay-connection.ts'

export class RelayDoc {
  readonly orgId: string
  readonly doc: Y.Doc
  readonly awareness: Awareness
  readonly connections = new Set<RelayConnection>()
  /** Yjs client id → device id, loaded from SQLite and extended as updates are accepted. */
  clientOwners = new Map<number, string>()
  rowsSinceCompaction = 0
  bytesSinceCompaction = 0
  idleTimer: NodeJS.Timeout | null = null
  unloaded = false

  constructor(orgId: string) {
    this.orgId = orgId
    this.doc = new Y.Doc({ gc: true })
    this.awareness = new Awareness(this.doc)
    // the relay itself has no presence
    this.awareness.setLocalState(null)
  }

  /** The document's own org id (`meta.orgId`), once some store has written it. */
  docOrgId(): string | undefined {
    const value = this.doc.getMap('meta').get('orgId')
    return typeof value === 'string' && value.length > 0 ? value : undefined
  }

  destroy(): void {
    this.unloaded = true
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
    this.awareness.destroy()
    this.doc.destroy()
  }
}
