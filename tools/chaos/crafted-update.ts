// Writes Yjs v1 updates struct by struct, the way an attacker with a hex editor would: Skip and
// GC structs for any client, items whose origin points anywhere, delete ranges of clocks nobody
// has written yet, and values no Yjs API would produce from our app. Format: Yjs'
// `writeClientsStructs` + `writeDeleteSet` with the v1 encoders (varuints, `writeAny`).
import * as encoding from 'lib0/encoding'

export type Id = readonly [client: number, clock: number]

export type CraftedContent =
  | { any: readonly unknown[] }
  | { deleted: number }
  | { type: 'array' | 'map' | 'text' }
  | { binary: Uint8Array }
  | { string: string }
  | { json: readonly string[] }

export type CraftedStruct =
  | { skip: number }
  | { gc: number }
  | {
      origin?: Id
      rightOrigin?: Id
      /** A root type name, or the id of the item holding a nested type. */
      parent?: string | Id
      parentSub?: string
      content: CraftedContent
    }

export interface CraftedClient {
  client: number
  clock: number
  structs: readonly CraftedStruct[]
}

export interface CraftedUpdate {
  clients: readonly CraftedClient[]
  deletes?: ReadonlyArray<{ client: number; ranges: ReadonlyArray<readonly [clock: number, len: number]> }>
}

const REF = { gc: 0, deleted: 1, json: 2, binary: 3, string: 4, type: 7, any: 8, skip: 10 } as const
const TYPE_REF = { array: 0, map: 1, text: 2 } as const

export function craftUpdate(update: CraftedUpdate): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, update.clients.length)
  for (const c of update.clients) {
    encoding.writeVarUint(e, c.structs.length)
    encoding.writeVarUint(e, c.client)
    encoding.writeVarUint(e, c.clock)
    for (const s of c.structs) writeStruct(e, s)
  }
  const deletes = update.deletes ?? []
  encoding.writeVarUint(e, deletes.length)
  for (const d of deletes) {
    encoding.writeVarUint(e, d.client)
    encoding.writeVarUint(e, d.ranges.length)
    for (const [clock, len] of d.ranges) {
      encoding.writeVarUint(e, clock)
      encoding.writeVarUint(e, len)
    }
  }
  return encoding.toUint8Array(e)
}

function writeStruct(e: encoding.Encoder, s: CraftedStruct): void {
  if ('skip' in s) {
    encoding.writeUint8(e, REF.skip)
    encoding.writeVarUint(e, s.skip)
    return
  }
  if ('gc' in s) {
    encoding.writeUint8(e, REF.gc)
    encoding.writeVarUint(e, s.gc)
    return
  }
  const content = s.content
  const ref =
    'any' in content
      ? REF.any
      : 'deleted' in content
        ? REF.deleted
        : 'type' in content
          ? REF.type
          : 'binary' in content
            ? REF.binary
            : 'string' in content
              ? REF.string
              : REF.json
  const info =
    ref | (s.origin ? 0x80 : 0) | (s.rightOrigin ? 0x40 : 0) | (s.parentSub !== undefined ? 0x20 : 0)
  encoding.writeUint8(e, info)
  if (s.origin) writeId(e, s.origin)
  if (s.rightOrigin) writeId(e, s.rightOrigin)
  if (!s.origin && !s.rightOrigin) {
    if (typeof s.parent === 'string') {
      encoding.writeVarUint(e, 1)
      encoding.writeVarString(e, s.parent)
    } else if (s.parent) {
      encoding.writeVarUint(e, 0)
      writeId(e, s.parent)
    } else {
      throw new Error('an item without origins needs a parent')
    }
    if (s.parentSub !== undefined) encoding.writeVarString(e, s.parentSub)
  }
  if ('any' in content) {
    encoding.writeVarUint(e, content.any.length)
    for (const v of content.any) encoding.writeAny(e, v as never)
  } else if ('deleted' in content) {
    encoding.writeVarUint(e, content.deleted)
  } else if ('type' in content) {
    encoding.writeVarUint(e, TYPE_REF[content.type])
  } else if ('binary' in content) {
    encoding.writeVarUint8Array(e, content.binary)
  } else if ('string' in content) {
    encoding.writeVarString(e, content.string)
  } else {
    encoding.writeVarUint(e, content.json.length)
    for (const v of content.json) encoding.writeVarString(e, v)
  }
}

function writeId(e: encoding.Encoder, [client, clock]: Id): void {
  encoding.writeVarUint(e, client)
  encoding.writeVarUint(e, clock)
}
