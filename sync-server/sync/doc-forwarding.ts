// What the relay does when one of its loaded documents changes: archive and commit the events a
// device's update carries, forward the change to the document's devices, and share awareness.
// Listeners run inside Yjs' transaction cleanup: one that throws leaves the doc unable to emit
// again. So they never throw; a failure marks the doc (`fault`), which is then reloaded.
import type { Logger } from 'pino'
import * as awarenessProtocol from 'y-protocols/awareness'
import { encodeAwarenessMessage, encodeUpdateMessage } from '../../shared/protocol/messages.ts'
import { eventsOfAppliedUpdate, eventsOfValidatedUpdate } from '../storage/archive.ts'
import { RelayConnection } from './relay-connection.ts'
import type { RelayDoc } from './relay-doc.ts'
import type { TickCommitter } from './tick-committer.ts'

/** Origin of the rows other instances committed, applied here while catching up. */
export const SHARED_LOG_ORIGIN = Symbol('allot-relay-shared-log')

export function forwardDocChanges(relayDoc: RelayDoc, committer: TickCommitter, log: Logger): void {
  relayDoc.doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === SHARED_LOG_ORIGIN) {
      // exactly what the rows changed here, already durable: forward, do not write again
      try {
        committer.broadcast(relayDoc, encodeUpdateMessage(update), 'update')
      } catch (err) {
        relayDoc.fault ??= err
      }
      return
    }
    if (!(origin instanceof RelayConnection)) return
    try {
      committer.addUpdate(
        relayDoc,
        update,
        relayDoc.archiveHint
          ? eventsOfValidatedUpdate(relayDoc.orgId, relayDoc.archiveHintReplica, relayDoc.archiveHint)
          : eventsOfAppliedUpdate(relayDoc.orgId, relayDoc.doc, update),
      )
      committer.broadcast(relayDoc, encodeUpdateMessage(update), 'update')
    } catch (err) {
      relayDoc.fault ??= err
    }
  })
  relayDoc.awareness.on(
    'update',
    (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      try {
        const changed = [...changes.added, ...changes.updated, ...changes.removed]
        if (origin instanceof RelayConnection) {
          for (const id of changes.added) origin.awarenessClientIds.add(id)
          for (const id of changes.removed) origin.awarenessClientIds.delete(id)
        }
        if (changed.length === 0 || relayDoc.unloaded) return
        const message = encodeAwarenessMessage(
          awarenessProtocol.encodeAwarenessUpdate(relayDoc.awareness, changed),
        )
        committer.broadcast(relayDoc, message, 'awareness')
      } catch (err) {
        log.error({ err, orgId: relayDoc.orgId }, 'awareness listener failed')
      }
    },
  )
}
