// Extracts the events carried by an update that was just applied to the relay's doc: the
// ContentAny elements of items under `log:<replicaId>` roots. The archive keeps them even after
// stores delete old events from the document (checkpoints). Never throws: it runs inside Yjs'
// transaction cleanup; a value it cannot store is skipped.
import * as Y from 'yjs'
import { LOG_PREFIX } from '../../shared/core/schema.ts'
import type { ArchivedEvent } from './relay-db.ts'
import { Locator } from '../validation/locations.ts'
import { UpdateStructIndex } from '../validation/struct-index.ts'

export function eventsOfAppliedUpdate(orgId: string, doc: Y.Doc, update: Uint8Array): ArchivedEvent[] {
  const events: ArchivedEvent[] = []
  const locator = new Locator(doc, new UpdateStructIndex([]))
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue
    if (struct.id.clock >= Y.getState(doc.store, struct.id.client)) continue
    const inDoc = Y.getItem(doc.store, struct.id)
    if (!(inDoc instanceof Y.Item)) continue
    const location = locator.ofDocItem(inDoc)
    if (location.kind !== 'placed' || !location.root.startsWith(LOG_PREFIX)) continue
    const replicaId = location.root.slice(LOG_PREFIX.length)
    for (const value of struct.content.arr) {
      const event = toArchivedEvent(orgId, replicaId, value)
      if (event) events.push(event)
    }
  }
  return events
}

/** The events of the writer's own log that validation already located (no second decode). */
export function eventsOfValidatedUpdate(
  orgId: string,
  replicaId: string,
  values: readonly unknown[],
): ArchivedEvent[] {
  const events: ArchivedEvent[] = []
  for (const value of values) {
    const event = toArchivedEvent(orgId, replicaId, value)
    if (event) events.push(event)
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
  let body: string
  try {
    body = JSON.stringify(value)
  } catch {
    return null
  }
  return {
    orgId,
    replicaId,
    seq,
    eventId: typeof id === 'string' ? id : '',
    type: typeof type === 'string' ? type : 'unknown',
    at: typeof at === 'string' ? at : null,
    body,
  }
}
