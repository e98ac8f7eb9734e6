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

export interface SplitLimits {
  maxStructs: number
  maxClients: number
}

/** Pieces stay below the relay's caps with room to spare. */
export const DEFAULT_SPLIT: SplitLimits = {
  maxStructs: MAX_STRUCTS_PER_UPDATE - 1_000,
  maxClients: MAX_NEW_CLIENTS_PER_UPDATE / 2,
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
  if (decoded.structs.length <= limits.maxStructs && byClient.size <= limits.maxClients) return [update]
  for (const list of byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock)

  const pieces: Uint8Array[] = []
  let piece = new Map<number, Struct[]>()
  let count = 0
  const flush = () => {
    if (piece.size > 0) pieces.push(encodePiece(piece, null))
    piece = new Map()
    count = 0
  }
  for (const client of dependencyOrder(byClient)) {
    for (const struct of byClient.get(client)!) {
      if (count >= limits.maxStructs || (!piece.has(client) && piece.size >= limits.maxClients)) flush()
      let list = piece.get(client)
      if (!list) piece.set(client, (list = []))
      list.push(struct)
      count++
    }
  }
  // the delete set goes last, once every struct it may name has been sent
  pieces.push(encodePiece(piece, decoded.ds))
  return pieces
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
