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
  /** How many client ids each device owns (a cap bounds it). */
  readonly clientCounts = new Map<string, number>()
  /** The events validation located in the update being applied, for the archive; null: find them. */
  archiveHint: readonly unknown[] | null = null
  /** The replica whose update is being applied (with `archiveHint`). */
  archiveHintReplica = ''
  /** Set by a listener that caught an exception while Yjs applied an update: the doc is reloaded. */
  fault: unknown = null
  /** The last row of the shared log this doc holds (PostgreSQL; always 0 on SQLite). */
  seq = 0
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

  bindClient(clientId: number, deviceId: string): void {
    if (this.clientOwners.has(clientId)) return
    this.clientOwners.set(clientId, deviceId)
    this.clientCounts.set(deviceId, (this.clientCounts.get(deviceId) ?? 0) + 1)
  }

  setClientOwners(owners: Map<number, string>): void {
    this.clientOwners = owners
    this.clientCounts.clear()
    for (const deviceId of owners.values())
      this.clientCounts.set(deviceId, (this.clientCounts.get(deviceId) ?? 0) + 1)
  }

  /**
   * Drops what Yjs parked (structs and deletes waiting for clocks that have not arrived). The
   * relay never keeps parked state: it would integrate later, unvalidated, into whatever the
   * missing clocks turn out to be. Returns whether anything was parked.
   */
  dropParked(): boolean {
    const store = this.doc.store
    const parked = store.pendingStructs !== null || store.pendingDs !== null
    store.pendingStructs = null
    store.pendingDs = null
    return parked
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
