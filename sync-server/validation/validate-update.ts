// Decides whether an update from a device may be applied, by what it can EVER cause once Yjs
// integrates it — not only by what it holds now:
// - structs of a client owned by another device are refused where they would integrate, and
//   inert where they cannot (a gap before them: Yjs would park them; the relay drops parked
//   state after every update, so they never land);
// - an id covered only by a Skip is missing, never present; a reference to a missing id of
//   another device's client is refused (Yjs would park the item and integrate it into that
//   client's log once the victim writes);
// - deletes of another client's clocks the relay has not seen are refused;
// - values outside JSON, content types our schema does not use and nesting deeper than ours
//   are refused; every placed item and every delete passes the authority rules of
//   shared/core/authority.ts;
// - counts are capped, and each struct's location is resolved once (linear in the update).
import * as Y from 'yjs'
import { LOG_PREFIX, REPLICAS, STORES } from '../../shared/core/schema.ts'
import { checkAuthority, type AuthorityRule, type ContentKind } from '../../shared/core/authority.ts'
import { CloseCode } from '../../shared/protocol/close-codes.ts'
import { notJsonReason } from './json-values.ts'
import { Locator, type Placed } from './locations.ts'
import { UpdateStructIndex, type UpdateStruct } from './struct-index.ts'
import type { UpdateLimits } from './update-limits.ts'

export interface Writer {
  deviceId: string
  replicaId: string
  /** The store the device is bound to, or null before its first `replicas` entry. */
  storeId: string | null
  headOffice: boolean
}

export type RefusalRule =
  | AuthorityRule
  | 'foreign-client-id'
  | 'unknown-reference'
  | 'replica-fork'
  | 'not-json'
  | 'too-deep'
  | 'too-many-structs'
  | 'too-many-clients'
  | 'too-many-deletes'
  | 'malformed'

export type Verdict =
  | {
      ok: true
      /** Client ids this update binds to the writer's device. */
      newClientIds: number[]
      /** The store this update binds the device to (its first `replicas` entry), if any. */
      bindStoreId: string | null
      /** The device founds the organization's document and becomes its head-office device. */
      grantHeadOffice: boolean
      /** Part of the update depends on the writer's own clocks the relay lacks: it will park. */
      parksOwn: boolean
      /** The values it appends to the writer's own log (the archive takes them from here). */
      ownLogValues: unknown[]
    }
  | { ok: false; rule: RefusalRule; detail: string; closeCode: number }

/** The ids of the events the relay already holds at these seqs of a replica (seq → id). */
export type SeenEvents = (replicaId: string, seqs: readonly number[]) => ReadonlyMap<number, string>

export interface ValidationInput {
  doc: Y.Doc
  update: Uint8Array
  writer: Writer
  /** Yjs client id → device id. */
  clientOwners: ReadonlyMap<number, string>
  seenEvents: SeenEvents
  /**
   * May this device take `storeId` as its store? `named`: its enrollment code was issued for that
   * store; `free`: no other device belongs to it; `taken`: it is another device's store.
   */
  storeClaim: (storeId: string) => 'named' | 'free' | 'taken'
  /** Client ids the writer's device owns already (a device gets one per start of its app). */
  writerClientCount: number
  /** True when some device of the organization already is its head office (asked only for a founding write). */
  orgHasHeadOffice: () => boolean
  limits: UpdateLimits
}

class Refused extends Error {
  readonly rule: RefusalRule
  readonly closeCode: number
  constructor(rule: RefusalRule, detail: string, closeCode: number = CloseCode.updateRefused) {
    super(detail)
    this.rule = rule
    this.closeCode = closeCode
  }
}

/** Throws on an update Yjs cannot decode (the caller closes the connection as a bad message). */
export function validateUpdate(input: ValidationInput): Verdict {
  try {
    return check(input)
  } catch (error) {
    if (error instanceof Refused)
      return { ok: false, rule: error.rule, detail: error.message, closeCode: error.closeCode }
    throw error
  }
}

function check(input: ValidationInput): Verdict {
  const { doc, writer, clientOwners, limits } = input
  if (input.update.byteLength > limits.maxBytes)
    throw new Refused(
      'too-many-structs',
      `an update of ${input.update.byteLength} bytes (at most ${limits.maxBytes}; send large changes in pieces)`,
      CloseCode.tooLarge,
    )
  const decoded = Y.decodeUpdate(input.update)
  if (decoded.structs.length > limits.maxStructs)
    throw new Refused(
      'too-many-structs',
      `${decoded.structs.length} structs in one update (at most ${limits.maxStructs})`,
      CloseCode.tooLarge,
    )
  let valueCount = 0
  for (const s of decoded.structs)
    if (s instanceof Y.Item && s.content instanceof Y.ContentAny) valueCount += s.length
  if (valueCount > limits.maxValues)
    throw new Refused(
      'too-many-structs',
      `${valueCount} values in one update (at most ${limits.maxValues}; send large changes in pieces)`,
      CloseCode.tooLarge,
    )
  let rangeCount = 0
  for (const ranges of decoded.ds.clients.values()) rangeCount += ranges.length
  if (rangeCount > limits.maxDeleteRanges)
    throw new Refused(
      'too-many-deletes',
      `${rangeCount} delete ranges in one update (at most ${limits.maxDeleteRanges})`,
      CloseCode.tooLarge,
    )

  // 1. Whose clients: every client section is held, new and ours, inert (a foreign gap), or refused.
  const sections = new Map<number, Array<Y.Item | Y.GC | Y.Skip>>()
  for (const s of decoded.structs) {
    let list = sections.get(s.id.client)
    if (!list) sections.set(s.id.client, (list = []))
    list.push(s)
  }
  const newClients = new Set<number>()
  /** Clients whose structs here can only park (a gap before them): dropped after the update. */
  const inertClients = new Set<number>()
  let parksOwn = false
  const fresh: UpdateStruct[] = []
  for (const [client, list] of sections) {
    list.sort((a, b) => a.id.clock - b.id.clock)
    const state = Y.getState(doc.store, client)
    const owner = clientOwners.get(client)
    const unheld = list.filter((s) => s.id.clock + s.length > state)
    const real = unheld.filter((s): s is Y.Item | Y.GC => !(s instanceof Y.Skip))
    if (real.length === 0) continue
    const first = unheld[0]!
    const gap = first.id.clock > state || first instanceof Y.Skip
    if (owner !== writer.deviceId && gap) {
      // Another device's clocks, or a client never seen that does not start at its beginning:
      // behind a gap they can only park, and parked state never outlives the update (a store
      // passing back structs an older relay handed it is not a forger).
      inertClients.add(client)
      continue
    }
    if (owner !== undefined && owner !== writer.deviceId)
      throw new Refused('foreign-client-id', `client id ${client} belongs to another device`)
    if (owner === undefined) newClients.add(client)
    else if (gap) parksOwn = true
    fresh.push(...real)
  }
  // Founding: the organization's document holds nothing of any other device yet (a first store
  // linking, or moving a chain to a new relay, in as many updates as it takes).
  const founding = input.writerClientCount === clientOwners.size
  const clientCap = founding ? limits.maxNewClientsFounding : limits.maxNewClients
  if (newClients.size > clientCap)
    throw new Refused(
      'too-many-clients',
      `${newClients.size} new client ids in one update (at most ${clientCap})`,
      CloseCode.tooLarge,
    )
  if (!founding && input.writerClientCount + newClients.size > limits.maxClientsPerDevice)
    throw new Refused(
      'too-many-clients',
      `this device already wrote with ${input.writerClientCount} client ids (at most ${limits.maxClientsPerDevice})`,
      CloseCode.tooLarge,
    )
  const owns = (client: number) => clientOwners.get(client) === writer.deviceId || newClients.has(client)

  checkMergeRuns(doc, sections, limits)

  // 2. Where each new item lands, and what it holds.
  const index = new UpdateStructIndex(fresh)
  const locator = new Locator(doc, index)
  const placed: Array<{ item: Y.Item; at: Placed; kind: ContentKind; values: unknown[] }> = []
  for (const struct of fresh) {
    if (!(struct instanceof Y.Item)) continue
    const refs = [
      locator.originOf(struct),
      struct.rightOrigin,
      struct.parent instanceof Y.ID ? struct.parent : null,
    ]
    for (const ref of refs) {
      if (!ref) continue
      if (ref.client === struct.id.client && ref.clock >= struct.id.clock)
        throw new Refused(
          'malformed',
          `item ${struct.id.client}:${struct.id.clock} refers to its own future`,
          CloseCode.badMessage,
        )
      const target = locator.target(ref)
      if (target.where !== 'missing') continue
      if (!owns(ref.client))
        throw new Refused('unknown-reference', `refers to clocks of client ${ref.client} the relay never saw`)
      parksOwn = true
    }
    const kind = contentKind(struct)
    const offset = Math.max(0, Y.getState(doc.store, struct.id.client) - struct.id.clock)
    const values = struct.content instanceof Y.ContentAny ? struct.content.arr.slice(offset) : []
    for (const value of values) {
      const reason = notJsonReason(value, limits.json)
      if (reason) throw new Refused('not-json', `a value that is not plain JSON (${reason})`)
    }
    const at = locator.ofUpdateItem(struct)
    if (at.kind === 'too-deep')
      throw new Refused('too-deep', 'content nested deeper than the document schema')
    if (at.kind === 'missing') {
      if (!owns(at.client))
        throw new Refused('unknown-reference', `refers to clocks of client ${at.client} the relay never saw`)
      parksOwn = true
      continue
    }
    if (at.kind === 'cycle') {
      parksOwn = true
      continue
    }
    if (at.kind === 'gc') continue
    placed.push({ item: struct, at, kind, values })
  }

  // 3. The store this device belongs to: bound already, or declared by its first replicas entry.
  let author = { replicaId: writer.replicaId, storeId: writer.storeId, headOffice: writer.headOffice }
  let bindStoreId: string | null = null
  if (writer.storeId === null) {
    for (const p of placed) {
      if (p.at.root !== REPLICAS || p.at.key !== writer.replicaId || p.kind !== 'json') continue
      for (const v of p.values) {
        const storeId = (v as { storeId?: unknown } | null)?.storeId
        if (typeof storeId === 'string' && storeId !== '') bindStoreId = storeId
      }
    }
    if (bindStoreId !== null) {
      const claim = input.storeClaim(bindStoreId)
      const isNewStore = claim === 'free' && doc.getMap<unknown>(STORES).get(bindStoreId) === undefined
      if (!writer.headOffice && claim !== 'named' && !isNewStore)
        throw new Refused(
          'foreign-store',
          `store ${bindStoreId.slice(0, 60)} already exists; a till joins it only with an enrollment code issued for that store`,
        )
      author = { ...author, storeId: bindStoreId }
    }
  }
  // The first device to write an empty organization's meta founds it: it becomes head office.
  let grantHeadOffice = false
  if (
    !writer.headOffice &&
    doc.getMap('meta').size === 0 &&
    placed.some((p) => p.at.root === 'meta') &&
    !input.orgHasHeadOffice()
  ) {
    grantHeadOffice = true
    author = { ...author, headOffice: true }
  }

  // 4. Authority over every placed item, and forks of the writer's own log.
  const ownLog = LOG_PREFIX + writer.replicaId
  const ownLogValues: unknown[] = []
  for (const p of placed) {
    const value = p.kind === 'json' ? p.values : [undefined]
    for (const v of value) {
      const refusal = checkAuthority(doc, author, p.at, p.kind, v)
      if (refusal) throw new Refused(refusal.rule, `insert: ${refusal.detail}`)
    }
    if (p.at.root === ownLog) ownLogValues.push(...p.values)
  }

  checkFork(input, ownLogValues)

  // 5. Deletes: of what the relay holds (authority of the place), of this update's own new items,
  // or of the writer's own clocks still to come (those park).
  for (const [client, ranges] of decoded.ds.clients) {
    const state = Y.getState(doc.store, client)
    for (const [from, to] of mergedRanges(ranges)) {
      if (from < state) checkDocDeletes(doc, locator, author, client, from, Math.min(to, state))
      let clock = Math.max(from, state)
      while (clock < to) {
        const covered = index.coveredUntil(client, clock, to)
        if (covered > clock) {
          clock = covered
          continue
        }
        if (owns(client)) parksOwn = true
        else if (!inertClients.has(client))
          throw new Refused('unknown-reference', `deletes clocks of client ${client} the relay never saw`)
        break
      }
    }
  }
  return { ok: true, newClientIds: [...newClients], bindStoreId, grantHeadOffice, parksOwn, ownLogValues }
}

/**
 * Yjs merges consecutive items of one client that continue each other into one item, copying
 * their arrays at every step: a long run costs its length squared (100,000 one-value items took
 * the relay's heap past 4 GB). Runs are capped, together with the doc item they extend.
 */
function checkMergeRuns(
  doc: Y.Doc,
  sections: ReadonlyMap<number, ReadonlyArray<Y.Item | Y.GC | Y.Skip>>,
  limits: UpdateLimits,
): void {
  for (const [client, list] of sections) {
    let previous: Y.Item | undefined
    let run = 0
    let cap = limits.maxMergeRun
    for (const struct of list) {
      const item = struct instanceof Y.Item && struct.content instanceof Y.ContentAny ? struct : undefined
      if (!item) {
        previous = undefined
        continue
      }
      if (previous && continues(previous, item)) {
        run += item.length
      } else {
        run = item.length
        cap = limits.maxMergeRun
        const left = item.origin
        const state = Y.getState(doc.store, client)
        if (left && left.client === client && left.clock === item.id.clock - 1 && left.clock < state) {
          const inDoc = Y.getItem(doc.store, left)
          if (inDoc instanceof Y.Item && inDoc.content instanceof Y.ContentAny && !inDoc.deleted) {
            run += inDoc.length
            cap = limits.maxMergeRunWithDoc
          }
        }
      }
      if (run > cap)
        throw new Refused(
          'too-many-structs',
          `a run of ${run} values that merge into one item (at most ${cap})`,
          CloseCode.tooLarge,
        )
      previous = item
    }
  }
}

function continues(left: Y.Item, right: Y.Item): boolean {
  const sameRight =
    left.rightOrigin === right.rightOrigin ||
    (left.rightOrigin !== null &&
      right.rightOrigin !== null &&
      Y.compareIDs(left.rightOrigin, right.rightOrigin))
  return (
    left.id.clock + left.length === right.id.clock &&
    right.origin !== null &&
    right.origin.client === left.id.client &&
    right.origin.clock === left.id.clock + left.length - 1 &&
    sameRight
  )
}

function contentKind(item: Y.Item): ContentKind {
  const content = item.content
  if (content instanceof Y.ContentAny) return 'json'
  if (content instanceof Y.ContentDeleted) return 'deleted'
  if (content instanceof Y.ContentType) return content.type instanceof Y.Map ? 'map' : 'other'
  return 'other'
}

/** A second writer of one replica (a copied or restored database) appends another event at a held seq. */
function checkFork(input: ValidationInput, values: readonly unknown[]): void {
  const replicaId = input.writer.replicaId
  const events: Array<{ seq: number; id: string }> = []
  for (const value of values) {
    const { seq, id } = (value ?? {}) as { seq?: unknown; id?: unknown }
    if (typeof seq === 'number' && typeof id === 'string') events.push({ seq, id })
  }
  if (events.length === 0) return
  const seen = input.seenEvents(
    replicaId,
    events.map((e) => e.seq),
  )
  for (const { seq, id } of events) {
    const existing = seen.get(seq)
    if (existing !== undefined && existing !== id)
      throw new Refused(
        'replica-fork',
        `replica fork: ${replicaId} #${seq} is already another event (a copied or restored database)`,
      )
  }
}

/** Sorted, overlapping ranges merged: a crafted delete set cannot make us visit a struct twice. */
function mergedRanges(ranges: ReadonlyArray<{ clock: number; len: number }>): Array<[number, number]> {
  const sorted = ranges.map((r): [number, number] => [r.clock, r.clock + r.len]).sort((a, b) => a[0] - b[0])
  const out: Array<[number, number]> = []
  for (const [from, to] of sorted) {
    const last = out[out.length - 1]
    if (last && from <= last[1]) last[1] = Math.max(last[1], to)
    else if (to > from) out.push([from, to])
  }
  return out
}

function checkDocDeletes(
  doc: Y.Doc,
  locator: Locator,
  author: { replicaId: string; storeId: string | null; headOffice: boolean },
  client: number,
  from: number,
  to: number,
): void {
  const structs = doc.store.clients.get(client)
  if (!structs) return
  for (let i = Y.findIndexSS(structs, from); i < structs.length; i++) {
    const struct = structs[i]!
    if (struct.id.clock >= to) break
    if (!(struct instanceof Y.Item) || struct.deleted) continue
    const at = locator.ofDocItem(struct)
    if (at.kind !== 'placed') continue
    const refusal = checkAuthority(doc, author, at, 'deleted', undefined)
    if (refusal) throw new Refused(refusal.rule, `delete: ${refusal.detail}`)
  }
}
