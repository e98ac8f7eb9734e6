// Awareness (presence) is relayed to every connection of a document, so one connection must not
// be able to fill the relay and every device with huge states, nor speak for other clients.
// y-protocols' applyAwarenessUpdate accepts any client id with a higher clock, so updates are
// filtered before they are applied:
//
// - a client id belongs to the connection that first announced it with a live state (and stays
//   its own until that connection removes it or closes); entries for ids another connection
//   owns, for the relay's own id, and stale or removing entries for ids nobody owns are dropped.
//   Stock y-websocket clients echo every state they learn back to the server, so dropping (not
//   refusing) these is what keeps honest clients connected;
// - a connection may own at most `maxClientsPerConnection` ids;
// - a state may be at most `maxStateBytes` of JSON.
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Awareness } from 'y-protocols/awareness'
import { CloseCode } from '../../shared/protocol/close-codes.ts'

export interface AwarenessLimits {
  maxStateBytes: number
  maxClientsPerConnection: number
}

export type AwarenessVerdict =
  | {
      ok: true
      /** What may be applied (null: nothing left after filtering). */
      update: Uint8Array | null
      /** Entries dropped because they were not this connection's to change. */
      dropped: number
    }
  | {
      ok: false
      code: number
      reason: string
      limit: 'awareness-state-size' | 'awareness-clients'
    }

interface Entry {
  clientId: number
  clock: number
  json: string
}

export class AwarenessGuard<Conn extends object> {
  private readonly limits: AwarenessLimits
  /** Per document (its Awareness): client id → the connection that owns it. */
  private readonly owners = new WeakMap<Awareness, Map<number, Conn>>()
  private readonly claims = new WeakMap<Conn, Set<number>>()

  constructor(limits: AwarenessLimits) {
    this.limits = limits
  }

  /**
   * Filters one awareness update from `conn`; claims the new ids it may own. Throws on a
   * malformed update (the caller closes the connection as malformed).
   */
  filter(awareness: Awareness, conn: Conn, update: Uint8Array): AwarenessVerdict {
    const owners = this.ownersOf(awareness)
    const mine = this.claimsOf(conn)
    const decoder = decoding.createDecoder(update)
    const count = decoding.readVarUint(decoder)
    const kept: Entry[] = []
    const claimed: number[] = []
    let dropped = 0
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      const json = decoding.readVarString(decoder)
      const state: unknown = JSON.parse(json)
      const owner = owners.get(clientId)
      const isMine = owner === conn || claimed.includes(clientId)
      if (!isMine) {
        // another connection's id, the relay's own, or an echo/removal of an id nobody holds
        const current = awareness.meta.get(clientId)?.clock ?? 0
        if (owner !== undefined || clientId === awareness.clientID || state === null || clock <= current) {
          dropped++
          continue
        }
      }
      if (state !== null && Buffer.byteLength(json) > this.limits.maxStateBytes) {
        return {
          ok: false,
          code: CloseCode.tooLarge,
          reason: `awareness state over ${this.limits.maxStateBytes} bytes`,
          limit: 'awareness-state-size',
        }
      }
      if (!isMine) {
        if (mine.size + claimed.length >= this.limits.maxClientsPerConnection) {
          return {
            ok: false,
            code: CloseCode.tooManyAwarenessClients,
            reason: `more than ${this.limits.maxClientsPerConnection} awareness client ids on one connection`,
            limit: 'awareness-clients',
          }
        }
        claimed.push(clientId)
      }
      kept.push({ clientId, clock, json })
    }
    for (const clientId of claimed) {
      owners.set(clientId, conn)
      mine.add(clientId)
    }
    if (dropped === 0) return { ok: true, update, dropped }
    return { ok: true, update: kept.length > 0 ? encodeEntries(kept) : null, dropped }
  }

  /** After an update was applied: ids whose state `conn` removed are free again. */
  settle(awareness: Awareness, conn: Conn): void {
    const owners = this.ownersOf(awareness)
    const mine = this.claimsOf(conn)
    for (const clientId of mine) {
      if (awareness.states.has(clientId)) continue
      mine.delete(clientId)
      if (owners.get(clientId) === conn) owners.delete(clientId)
    }
  }

  /** The connection closed: frees its ids and returns them (their states are to be removed). */
  release(awareness: Awareness, conn: Conn): number[] {
    const owners = this.ownersOf(awareness)
    const mine = [...this.claimsOf(conn)]
    for (const clientId of mine) if (owners.get(clientId) === conn) owners.delete(clientId)
    this.claims.delete(conn)
    return mine
  }

  private ownersOf(awareness: Awareness): Map<number, Conn> {
    let owners = this.owners.get(awareness)
    if (!owners) {
      owners = new Map()
      this.owners.set(awareness, owners)
    }
    return owners
  }

  private claimsOf(conn: Conn): Set<number> {
    let mine = this.claims.get(conn)
    if (!mine) {
      mine = new Set()
      this.claims.set(conn, mine)
    }
    return mine
  }
}

/** The y-protocols awareness update format: count, then (client id, clock, state JSON) each. */
function encodeEntries(entries: readonly Entry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId)
    encoding.writeVarUint(encoder, e.clock)
    encoding.writeVarString(encoder, e.json)
  }
  return encoding.toUint8Array(encoder)
}
