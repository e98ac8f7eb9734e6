// Which of our own log events has the relay not acknowledged yet? An event is acknowledged once
// the relay's state vector covers its Yjs id: the relay's vector comes from its SyncStep1 at
// connect and advances with every update it sends us, and the relay only sends what it has
// already committed (including the echo of our own updates).
import * as Y from 'yjs'

export interface PendingEvents {
  count: number
  /** The same events by type (sale, refund, transfer…), checkpoints left out: what staff count. */
  byType: Record<string, number>
  /** `at` of the oldest unacknowledged event, when it has one. */
  oldestAt?: string
}

export function logRootName(replicaId: string): string {
  return `log:${replicaId}`
}

/** `relayStateVector` null means "never heard from the relay": every own event is pending. */
export function pendingOwnEvents(
  doc: Y.Doc,
  replicaId: string,
  relayStateVector: ReadonlyMap<number, number> | null,
): PendingEvents {
  const log = doc.getArray(logRootName(replicaId))
  let count = 0
  let oldestAt: string | undefined
  const byType: Record<string, number> = {}
  for (let item = log._start; item !== null; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentAny)) continue
    const acknowledgedUpTo = relayStateVector?.get(item.id.client) ?? 0
    const values = item.content.arr
    // Runs once per update: skip acknowledged values by arithmetic, not one by one (a till's log
    // holds ~20,000 events, almost all acknowledged).
    for (let i = Math.max(0, acknowledgedUpTo - item.id.clock); i < values.length; i++) {
      count++
      const value = values[i] as { at?: unknown; type?: unknown } | null
      if (value && typeof value.type === 'string' && value.type !== 'checkpoint')
        byType[value.type] = (byType[value.type] ?? 0) + 1
      if (oldestAt === undefined && value && typeof value.at === 'string') oldestAt = value.at
    }
  }
  return oldestAt === undefined ? { count, byType } : { count, byType, oldestAt }
}

/** Advances a state vector by the clocks an update covers. */
export function advanceStateVector(stateVector: Map<number, number>, update: Uint8Array): void {
  for (const [client, clock] of Y.parseUpdateMeta(update).to) {
    if ((stateVector.get(client) ?? 0) < clock) stateVector.set(client, clock)
  }
}
