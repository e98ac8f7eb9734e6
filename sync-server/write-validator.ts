// Decides whether an update from a device may be applied. The escrow invariant rests on each
// replica being the only writer of its own log, so a device bound to replica r may not insert
// into or delete from `log:<other>` or another replica's `replicas` entry, and may not write
// with a Yjs client id first seen from another device (that would let it fill in, or block,
// another replica's clock range). Only what is new to the relay's doc is checked: a SyncStep2
// carries the sender's whole delete set, most of which the relay already has.
import * as Y from 'yjs'
import {
  UpdateStructIndex,
  findDocStruct,
  locateDocItem,
  locateUpdateItem,
  type LocateResult,
} from './struct-location.ts'

export interface WriterIdentity {
  deviceId: string
  replicaId: string
}

export type ValidationResult =
  { ok: true; newClientIds: number[] } | { ok: false; rule: RefusalRule; detail: string }

export type RefusalRule =
  'foreign-log' | 'foreign-replica-entry' | 'foreign-client-id' | 'unknown-reference' | 'replica-fork'

/** The id of the event the relay already holds at (replica, seq), if any. */
export type SeenEvent = (replicaId: string, seq: number) => string | undefined

export const LOG_ROOT_PREFIX = 'log:'

/** Throws on a malformed update (the caller closes the connection as a bad message). */
export function validateUpdate(
  doc: Y.Doc,
  update: Uint8Array,
  writer: WriterIdentity,
  clientOwners: ReadonlyMap<number, string>,
  seenEvent: SeenEvent = () => undefined,
): ValidationResult {
  const decoded = Y.decodeUpdate(update)
  const index = new UpdateStructIndex(decoded.structs)
  const parked = parkedRanges(doc)
  // Structs the relay already has, integrated or parked by Yjs until their dependencies arrive:
  // another store may pass parked ones back in its SyncStep2; they were checked on first arrival.
  const alreadyHeld = (struct: Y.Item | Y.GC | Y.Skip) =>
    struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client) || isParked(parked, struct)
  const newClientIds = new Set<number>()
  const ownsClient = (client: number) =>
    clientOwners.get(client) === writer.deviceId || newClientIds.has(client)

  // 1. client ids of every struct the relay does not have yet
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue
    const client = struct.id.client
    if (alreadyHeld(struct)) continue
    const owner = clientOwners.get(client)
    if (owner !== undefined && owner !== writer.deviceId) {
      return { ok: false, rule: 'foreign-client-id', detail: `client id ${client} belongs to another device` }
    }
    if (owner === undefined) newClientIds.add(client)
  }

  // 2. where the new items go
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue
    if (alreadyHeld(struct)) continue
    const location = locateUpdateItem(doc, index, struct)
    const refusal = checkLocation(location, writer, ownsClient, 'insert into')
    if (refusal) return refusal
    // A second writer of one replica (a copied database, a restored backup that sells again)
    // appends a different event at a seq the relay already holds: a fork of that replica's log.
    if (
      location.kind === 'located' &&
      location.root === LOG_ROOT_PREFIX + writer.replicaId &&
      struct.content instanceof Y.ContentAny
    ) {
      for (const value of struct.content.arr) {
        const { seq, id } = (value ?? {}) as { seq?: unknown; id?: unknown }
        if (typeof seq !== 'number' || typeof id !== 'string') continue
        const existing = seenEvent(writer.replicaId, seq)
        if (existing !== undefined && existing !== id) {
          return {
            ok: false,
            rule: 'replica-fork',
            detail: `replica fork: ${writer.replicaId} #${seq} is already another event (a copied or restored database)`,
          }
        }
      }
    }
  }

  // 3. what the update deletes that the relay still has alive
  for (const [client, ranges] of decoded.ds.clients) {
    for (const range of ranges) {
      const end = range.clock + range.len
      let clock = range.clock
      while (clock < end) {
        const id = Y.createID(client, clock)
        const inDoc = findDocStruct(doc, id)
        if (inDoc) {
          if (inDoc instanceof Y.Item && !inDoc.deleted) {
            const refusal = checkLocation(locateDocItem(doc, inDoc), writer, ownsClient, 'delete from')
            if (refusal) return refusal
          }
          clock = inDoc.id.clock + inDoc.length
          continue
        }
        const inUpdate = index.find(id)
        if (inUpdate) {
          // deleting an item of this very update: its insertion was checked above
          clock = inUpdate.id.clock + inUpdate.length
          continue
        }
        // a deletion of something the relay never saw: only acceptable for the writer's own items
        if (!ownsClient(client)) {
          return {
            ok: false,
            rule: 'unknown-reference',
            detail: `deletes unknown items of client ${client}`,
          }
        }
        break
      }
    }
  }
  return { ok: true, newClientIds: [...newClientIds] }
}

/** Clock ranges per client of the structs Yjs has parked in `doc` (usually none). */
function parkedRanges(doc: Y.Doc): Map<number, Array<[number, number]>> {
  const ranges = new Map<number, Array<[number, number]>>()
  const pending = doc.store.pendingStructs
  if (!pending) return ranges
  // Yjs keeps parked structs in the v2 update encoding.
  for (const struct of Y.decodeUpdateV2(pending.update).structs) {
    if (struct instanceof Y.Skip) continue
    const list = ranges.get(struct.id.client) ?? []
    list.push([struct.id.clock, struct.id.clock + struct.length])
    ranges.set(struct.id.client, list)
  }
  return ranges
}

function isParked(ranges: Map<number, Array<[number, number]>>, struct: Y.Item | Y.GC | Y.Skip): boolean {
  const start = struct.id.clock
  const end = start + struct.length
  return (ranges.get(struct.id.client) ?? []).some(([from, to]) => from <= start && end <= to)
}

function checkLocation(
  location: LocateResult,
  writer: WriterIdentity,
  ownsClient: (client: number) => boolean,
  verb: string,
): { ok: false; rule: RefusalRule; detail: string } | null {
  if (location.kind === 'gc') return null
  if (location.kind === 'missing') {
    // Yjs would park it until the reference arrives and then integrate it unchecked
    if (ownsClient(location.client)) return null
    return {
      ok: false,
      rule: 'unknown-reference',
      detail: `references unknown items of client ${location.client}`,
    }
  }
  if (location.root.startsWith(LOG_ROOT_PREFIX) && location.root !== LOG_ROOT_PREFIX + writer.replicaId) {
    return { ok: false, rule: 'foreign-log', detail: `${verb} ${location.root}` }
  }
  if (location.root === 'replicas' && location.key !== writer.replicaId) {
    return { ok: false, rule: 'foreign-replica-entry', detail: `${verb} replicas[${location.key ?? '?'}]` }
  }
  return null
}
