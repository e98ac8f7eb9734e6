// Extracts the events carried by an update that was just applied to the relay's doc: the
// ContentAny elements of items under `log:<replicaId>` roots. The archive keeps them even after
// stores delete old events from the document (checkpoints).
import * as Y from 'yjs'
import type { ArchivedEvent } from './relay-db.ts'
import { findDocStruct, locateDocItem } from './struct-location.ts'
import { LOG_ROOT_PREFIX } from './write-validator.ts'

export function eventsOfAppliedUpdate(orgId: string, doc: Y.Doc, update: Uint8Array): ArchivedEvent[] {
  const events: ArchivedEvent[] = []
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue
    const inDoc = findDocStruct(doc, struct.id)
    if (!(inDoc instanceof Y.Item)) continue
    const location = locateDocItem(doc, inDoc)
    if (location.kind !== 'located' || !location.root.startsWith(LOG_ROOT_PREFIX)) continue
    const replicaId = location.root.slice(LOG_ROOT_PREFIX.length)
    for (const value of struct.content.arr) {
      const event = toArchivedEvent(orgId, replicaId, value)
      if (event) events.push(event)
    }
  }
  return events
}

function toArchivedEvent(orgId: string, replicaId: string, value: unknown): ArchivedEvent | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const record = value as Record<string, unknown>
  const seq = record['seq']
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq)) return null
  const id = record['id']
  const type = record['type']
  const at = record['at']
  return {
    orgId,
    replicaId,
    seq,
    eventId: typeof id === 'string' ? id : '',
    type: typeof type === 'string' ? type : 'unknown',
    at: typeof at === 'string' ? at : null,
    body: JSON.stringify(value),
  }
}
