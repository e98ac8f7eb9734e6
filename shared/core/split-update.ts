/**
 * Splits a Yjs update into smaller updates that, sent in order, integrate one after the other
 * without anything waiting for a later one. The relay refuses updates over a cap on structs and
 * new client ids (validating and applying the largest accepted one must not stall it for 100 ms),
 * so a store sends its large diffs — the handshake after weeks offline, a big import, the first
 * link of a whole chain — in pieces. Structs keep their own encoding (`Item.write`), so every
 * piece says exactly what the original said; the delete set travels with the last piece.
 */
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'

/** What one update may carry at the relay (sync-server/validation/update-limits.ts). */
export const MAX_STRUCTS_PER_UPDATE = 10_000
export const MAX_NEW_CLIENTS_PER_UPDATE = 64
/** JSON values (elements of ContentAny items): decoding them is most of an update's cost. */
export const MAX_VALUES_PER_UPDATE = 2_000
/** Bytes of one update message. */
export const MAX_UPDATE_BYTES = 1024 * 1024

export interface SplitLimits {
  maxStructs: number
  maxClients: number
  maxValues: number
  /** Approximate bytes (JSON length of the values plus a little per struct). */
  maxBytes: number
}

/** Pieces stay below the relay's caps with room to spare. */
export const DEFAULT_SPLIT: SplitLimits = {
  maxStructs: MAX_STRUCTS_PER_UPDATE / 2,
  maxClients: MAX_NEW_CLIENTS_PER_UPDATE / 2,
  maxValues: MAX_VALUES_PER_UPDATE / 2,
  maxBytes: MAX_UPDATE_BYTES / 2,
}

type Struct = Y.Item | Y.GC | Y.Skip

export function splitUpdate(update: Uint8Array, limits: SplitLimits = DEFAULT_SPLIT): Uint8Array[] {
  const decoded = Y.decodeUpdate(update)
  const byClient = new Map<number, Struct[]>()
  for (const s of decoded.structs) {
    let list = byClient.get(s.id.client)
    if (!list) byClient.set(s.id.client, (list = []))
    list.push(s)
  }
  const small =
    decoded.structs.length <= limits.maxStructs &&
    byClient.size <= limits.maxClients &&
    update.byteLength <= limits.maxBytes &&
    decoded.structs.reduce((n, s) => n + valuesOf(s), 0) <= limits.maxValues
  if (small) return [update]
  for (const list of byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock)

  const pieces: Uint8Array[] = []
  let piece = new Map<number, Struct[]>()
  let count = 0
  let values = 0
  let bytes = 0
  const flush = () => {
    if (piece.size > 0) pieces.push(encodePiece(piece, null))
    piece = new Map()
    count = values = bytes = 0
  }
  for (const client of dependencyOrder(byClient)) {
    for (const whole of byClient.get(client)!) {
      for (const struct of sliced(whole, limits)) {
        const size = bytesOf(struct)
        const full =
          count >= limits.maxStructs ||
          values + valuesOf(struct) > limits.maxValues ||
          bytes + size > limits.maxBytes ||
          (!piece.has(client) && piece.size >= limits.maxClients)
        if (full) flush()
        let list = piece.get(client)
        if (!list) piece.set(client, (list = []))
        list.push(struct)
        count++
        values += valuesOf(struct)
        bytes += size
      }
    }
  }
  // the delete set goes last, once every struct it may name has been sent
  pieces.push(encodePiece(piece, decoded.ds))
  return pieces
}

function valuesOf(s: Struct): number {
  return s instanceof Y.Item && s.content instanceof Y.ContentAny ? s.length : 0
}

function bytesOf(s: Struct): number {
  if (!(s instanceof Y.Item) || !(s.content instanceof Y.ContentAny)) return 16
  let n = 16
  for (const v of s.content.arr) n += JSON.stringify(v)?.length ?? 4
  return n
}

/**
 * A long run of values (one item) cut into items of at most half a piece, the way Yjs slices an
 * item: each part continues the previous one (its origin is the previous part's last id).
 */
function sliced(struct: Struct, limits: SplitLimits): Struct[] {
  if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) return [struct]
  const step = Math.max(1, Math.floor(limits.maxValues / 2))
  const arr = struct.content.arr
  if (arr.length <= step && bytesOf(struct) <= limits.maxBytes / 2) return [struct]
  const parts: Y.Item[] = []
  const perPart = Math.max(
    1,
    Math.min(step, Math.floor((arr.length * limits.maxBytes) / 2 / bytesOf(struct))),
  )
  for (let at = 0; at < arr.length; at += perPart) {
    const { client, clock } = struct.id
    const first = at === 0
    parts.push(
      new Y.Item(
        Y.createID(client, clock + at),
        null,
        first ? struct.origin : Y.createID(client, clock + at - 1),
        null,
        struct.rightOrigin,
        first ? struct.parent : null,
        struct.parentSub,
        new Y.ContentAny(arr.slice(at, at + perPart)),
      ),
    )
  }
  return parts
}

/** Clients ordered so that one whose items refer to another's come after it (a DAG in practice). */
function dependencyOrder(byClient: ReadonlyMap<number, Struct[]>): number[] {
  const deps = new Map<number, Set<number>>()
  for (const [client, list] of byClient) {
    const set = new Set<number>()
    for (const s of list) {
      if (!(s instanceof Y.Item)) continue
      const parent = s.parent instanceof Y.ID ? s.parent : null
      for (const ref of [s.origin, s.rightOrigin, parent])
        if (ref && ref.client !== client && byClient.has(ref.client)) set.add(ref.client)
    }
    deps.set(client, set)
  }
  const order: number[] = []
  const done = new Set<number>()
  const visiting = new Set<number>()
  const visit = (client: number) => {
    if (done.has(client) || visiting.has(client)) return
    visiting.add(client)
    for (const d of deps.get(client) ?? []) visit(d)
    visiting.delete(client)
    done.add(client)
    order.push(client)
  }
  for (const client of [...byClient.keys()].sort((a, b) => a - b)) visit(client)
  return order
}

type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds']

function encodePiece(piece: ReadonlyMap<number, Struct[]>, ds: DeleteSet | null): Uint8Array {
  const encoder = new Y.UpdateEncoderV1()
  const rest = encoder.restEncoder
  encoding.writeVarUint(rest, piece.size)
  for (const [client, structs] of piece) {
    encoding.writeVarUint(rest, structs.length)
    encoder.writeClient(client)
    encoding.writeVarUint(rest, structs[0]!.id.clock)
    for (const s of structs) s.write(encoder, 0)
  }
  const clients = ds ? [...ds.clients] : []
  encoding.writeVarUint(rest, clients.length)
  for (const [client, ranges] of clients) {
    encoder.resetDsCurVal()
    encoding.writeVarUint(rest, client)
    encoding.writeVarUint(rest, ranges.length)
    for (const r of ranges) {
      encoder.writeDsClock(r.clock)
      encoder.writeDsLen(r.len)
    }
  }
  return encoder.toUint8Array()
}
