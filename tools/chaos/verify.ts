import { join } from 'node:path'
import * as Y from 'yjs'
import type { StoreApiClient } from '../../shared/api/client.ts'
import type { CardView, StockView } from '../../shared/api/views.ts'
import { balanceKey } from '../../shared/core/balances.ts'
import { openDatabase } from '../../shared/node/sqlite.ts'
import { YUpdateLog } from '../../shared/node/update-log.ts'
import { ORG_ID, type ChaosRelay } from './cluster.ts'
import { eventTypeOf, type Recorder } from './recorder.ts'

// The end-of-run checks. Live ones go through the StoreApi and the relay's admin API; the last
// ones open the stopped processes' databases and compare the Yjs documents byte for byte.

export interface ArchivedEvent {
  replicaId: string
  seq: number
  id: string
  type: string
  event: Record<string, unknown>
}

/** One store's figures, normalised so two stores can be compared as strings. */
export async function figuresOf(api: StoreApiClient, products: string[]): Promise<string> {
  const rows = []
  for (const productId of products) {
    const s = await api['stock.get']({ productId })
    rows.push({
      p: productId,
      value: s.value,
      reserved: s.reserved,
      holders: s.holders
        .filter((h) => h.rights !== 0)
        .map((h) => [h.replicaId, h.rights])
        .sort(),
      requests: s.requests.map((r) => r.id).sort(),
    })
  }
  const sales = await api['sales.list']({ limit: 1 })
  return JSON.stringify({ rows, sales: sales.total })
}

/** A gift card's balance seen by one store: never below zero anywhere, and Σ holders = balance. */
export function checkCardObservation(where: string, c: CardView): string[] {
  const out: string[] = []
  if (c.balanceMinor < 0) out.push(`${where}: balance ${c.balanceMinor} < 0 on card ${c.cardId}`)
  if (c.hereMinor < 0) out.push(`${where}: own balance ${c.hereMinor} < 0 on card ${c.cardId}`)
  const sum = c.holders.reduce((n, h) => n + h.rights, 0)
  if (sum !== c.balanceMinor)
    out.push(`${where}: Σ holders ${sum} ≠ balance ${c.balanceMinor} on card ${c.cardId}`)
  return out
}

/** Checks one observation of `stock.get`: the consistent-cut guarantee of docs/escrow.md. */
export function checkObservation(where: string, s: StockView): string[] {
  const out: string[] = []
  if (s.value < 0) out.push(`${where}: value ${s.value} < 0 for ${s.productId}`)
  if (s.here < 0) out.push(`${where}: own rights ${s.here} < 0 for ${s.productId}`)
  const sum = s.holders.reduce((n, h) => n + h.rights, 0)
  for (const h of s.holders)
    if (h.rights < 0) out.push(`${where}: rights of ${h.replicaId} = ${h.rights} < 0 for ${s.productId}`)
  if (sum !== s.value) out.push(`${where}: Σ rights ${sum} ≠ value ${s.value} for ${s.productId}`)
  return out
}

export async function fetchArchive(relay: ChaosRelay, replicaIds: string[]): Promise<ArchivedEvent[]> {
  const all = new Map<string, ArchivedEvent>()
  for (const replicaId of replicaIds) {
    let afterSeq = 0
    for (;;) {
      const res = await relay.admin(
        'GET',
        `/admin/orgs/${ORG_ID}/archive?replicaId=${encodeURIComponent(replicaId)}&afterSeq=${afterSeq}&limit=10000`,
      )
      if (res.status !== 200) throw new Error(`archive: ${res.status} ${JSON.stringify(res.json)}`)
      const events = res.json.events as ArchivedEvent[]
      for (const e of events) all.set(`${e.replicaId}/${e.seq}/${e.id}`, e)
      if (events.length < 10_000) break
      // Overlap one seq, so two events sharing the boundary seq are never skipped.
      afterSeq = events[events.length - 1]!.seq - 1
    }
  }
  return [...all.values()]
}

/** The chain's figures folded independently from the relay's archive (no checkpoints are written). */
export function foldArchive(events: ArchivedEvent[]): {
  value: Map<string, number>
  rights: Map<string, Map<string, number>>
} {
  const value = new Map<string, number>()
  const rights = new Map<string, Map<string, number>>()
  const add = (p: string, r: string, n: number, counts = true) => {
    if (counts) value.set(p, (value.get(p) ?? 0) + n)
    const m = rights.get(p) ?? new Map<string, number>()
    m.set(r, (m.get(r) ?? 0) + n)
    rights.set(p, m)
  }
  type Line = { productId: string; qty: number }
  for (const { replicaId: r, event: e } of events) {
    switch (e.type) {
      case 'restock':
        add(e.productId as string, r, e.qty as number)
        break
      case 'adjust':
        add(e.productId as string, r, e.delta as number)
        break
      case 'sale': {
        for (const l of e.lines as Line[]) add(l.productId, r, -l.qty)
        const payment = e.payment as { cards?: Array<{ cardId: string; amountMinor: number }> }
        for (const c of payment.cards ?? []) add(balanceKey(c.cardId), r, -c.amountMinor)
        break
      }
      case 'refund':
        if (e.toStock) for (const l of e.lines as Line[]) add(l.productId, r, l.qty)
        if (typeof e.toCard === 'string') add(balanceKey(e.toCard), r, e.amountMinor as number)
        break
      case 'card-issue':
        add(balanceKey(e.cardId as string), r, e.amountMinor as number)
        break
      case 'reserve':
        add(e.productId as string, r, -(e.qty as number))
        break
      case 'release':
        add(e.productId as string, r, e.qty as number)
        break
      case 'transfer':
        add(e.productId as string, r, -(e.qty as number), false)
        add(e.productId as string, e.to as string, e.qty as number, false)
        break
    }
  }
  return { value, rights }
}

/** Every acknowledged operation exactly once, nothing unacknowledged twice, each log gap-free. */
export function checkArchive(rec: Recorder, events: ArchivedEvent[], replicaIds: string[]): string[] {
  const out: string[] = []
  const byId = new Map<string, ArchivedEvent[]>()
  for (const e of events) byId.set(e.id, [...(byId.get(e.id) ?? []), e])
  for (const [id, list] of byId)
    if (list.length > 1)
      out.push(
        `event ${id} archived ${list.length} times (${list.map((e) => `${e.replicaId.slice(0, 8)}#${e.seq}`).join(', ')})`,
      )

  for (const r of replicaIds) {
    const seqs = events.filter((e) => e.replicaId === r).map((e) => e.seq)
    const unique = new Set(seqs)
    if (unique.size !== seqs.length)
      out.push(`replica ${r}: ${seqs.length - unique.size} seqs archived twice (a fork)`)
    const max = Math.max(0, ...seqs)
    if (unique.size !== max)
      out.push(`replica ${r}: archive holds ${unique.size} distinct seqs but the last is #${max} (gap)`)
  }

  const releases = new Map<string, number>()
  for (const e of events)
    if (e.type === 'release')
      releases.set(e.event.holdId as string, (releases.get(e.event.holdId as string) ?? 0) + 1)
  for (const a of rec.acked.values()) {
    if (a.kind === 'release') {
      const holdId = a.eventId.slice('release:'.length)
      if (releases.get(holdId) !== 1)
        out.push(`acknowledged release of hold ${holdId} archived ${releases.get(holdId) ?? 0} times`)
      continue
    }
    const found = byId.get(a.eventId) ?? []
    if (found.length !== 1)
      out.push(`acknowledged ${a.kind} ${a.eventId} (store S${a.store}) archived ${found.length} times`)
    else if (found[0]!.type !== eventTypeOf[a.kind])
      out.push(`acknowledged ${a.kind} ${a.eventId} archived as ${found[0]!.type}`)
    else if (found[0]!.replicaId !== a.replicaId)
      out.push(`acknowledged ${a.kind} ${a.eventId} archived under replica ${found[0]!.replicaId}`)
  }

  // Idempotent operations were all settled, so the archive holds exactly the acknowledged ones.
  for (const kind of ['checkout', 'refund', 'reserve'] as const) {
    const type = eventTypeOf[kind]
    const acked = new Set(rec.ackedOf(kind).map((a) => a.eventId))
    for (const e of events)
      if (e.type === type && !acked.has(e.id))
        out.push(`unacknowledged ${type} ${e.id} (${e.replicaId.slice(0, 8)}#${e.seq}) is in the archive`)
  }
  const keys = new Map<string, number>()
  for (const e of events) {
    const key = e.event.idempotencyKey
    if (e.type === 'sale' && typeof key === 'string') keys.set(key, (keys.get(key) ?? 0) + 1)
  }
  for (const [key, n] of keys) if (n > 1) out.push(`idempotency key ${key} made ${n} sales`)
  // Restocks have no key: an unacknowledged one may have happened, but at most once per lost answer.
  const restocks = events.filter((e) => e.type === 'restock').length
  const ackedRestocks = rec.ackedOf('restock').length
  if (restocks > ackedRestocks + (rec.uncertain.restock ?? 0))
    out.push(
      `${restocks} restocks archived, only ${ackedRestocks} acknowledged and ${rec.uncertain.restock ?? 0} uncertain`,
    )
  return out
}

/** Pages through `sales.list` and checks it lists every acknowledged sale exactly once. */
export async function checkSalesList(
  where: string,
  api: StoreApiClient,
  rec: Recorder,
  archivedSales: Set<string>,
): Promise<{ problems: string[]; ids: string[] }> {
  const problems: string[] = []
  const ids: string[] = []
  let total: number | undefined
  for (let offset = 0; ; offset += 1000) {
    const page = await api['sales.list']({ offset, limit: 1000 })
    total = page.total
    ids.push(...page.items.map((s) => s.id))
    if (page.items.length < 1000) break
  }
  if (ids.length !== total)
    problems.push(`${where}: sales.list paged ${ids.length} rows but total is ${total}`)
  const seen = new Map<string, number>()
  for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + 1)
  for (const [id, n] of seen) if (n > 1) problems.push(`${where}: sale ${id} listed ${n} times`)
  for (const a of rec.ackedOf('checkout'))
    if (seen.get(a.eventId) !== 1)
      problems.push(
        `${where}: acknowledged sale ${a.eventId} (S${a.store}) listed ${seen.get(a.eventId) ?? 0} times`,
      )
  for (const id of seen.keys())
    if (!archivedSales.has(id)) problems.push(`${where}: sale ${id} is listed but not in the relay's archive`)
  if (seen.size !== archivedSales.size)
    problems.push(`${where}: lists ${seen.size} sales, the relay archived ${archivedSales.size}`)
  return { problems, ids: [...seen.keys()].sort() }
}

/** The organization's document as a stopped SQLite relay holds it. */
export function loadRelayDoc(relayDir: string): { doc: Y.Doc } {
  return loadDoc(join(relayDir, 'relay.db'), ORG_ID)
}

function loadDoc(dbPath: string, docName: string): { doc: Y.Doc; ledger?: Set<string> } {
  const db = openDatabase(dbPath, { readonly: true })
  try {
    const doc = new Y.Doc()
    new YUpdateLog(db, 'y_updates').load(docName, doc)
    let ledger: Set<string> | undefined
    const hasLedger = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'ledger'`)
      .get()
    if (hasLedger) {
      const rows = db.prepare('SELECT replica_id AS r, seq, id FROM ledger').all() as Array<{
        r: string
        seq: number
        id: string
      }>
      ledger = new Set(rows.map((x) => `${x.r}/${x.seq}/${x.id}`))
    }
    return { doc, ...(ledger ? { ledger } : {}) }
  } finally {
    db.close()
  }
}

function docJson(doc: Y.Doc): string {
  const names = [...doc.share.keys()].sort()
  const out: Record<string, unknown> = {}
  for (const name of names)
    out[name] = name.startsWith('log:') ? doc.getArray(name).toJSON() : doc.getMap(name).toJSON()
  return canonical(out)
}

/** JSON with object keys sorted: a Y.Map lists its keys in the order this replica integrated them. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    )
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/**
 * With every process stopped: each store's Y.Doc equals the relay's (same state vector, same delete
 * set, same content), and each store's ledger holds exactly the events the relay archived.
 */
export function checkDisks(
  relay: { doc: Y.Doc },
  stores: Array<{ name: string; dir: string }>,
  archive: ArchivedEvent[],
): string[] {
  const out: string[] = []
  const relaySnap = Y.snapshot(relay.doc)
  const relayJson = docJson(relay.doc)
  const archived = new Set(archive.map((e) => `${e.replicaId}/${e.seq}/${e.id}`))
  for (const s of stores) {
    const local = loadDoc(join(s.dir, 'store.db'), 'org')
    if (!Y.equalSnapshots(relaySnap, Y.snapshot(local.doc)))
      out.push(`${s.name}: its document's state vector or delete set differs from the relay's`)
    else if (docJson(local.doc) !== relayJson)
      out.push(`${s.name}: its document's content differs from the relay's`)
    const ledger = local.ledger ?? new Set<string>()
    const missing = [...archived].filter((k) => !ledger.has(k))
    const extra = [...ledger].filter((k) => !archived.has(k))
    if (missing.length)
      out.push(`${s.name}: ledger lacks ${missing.length} archived events, e.g. ${missing[0]}`)
    if (extra.length)
      out.push(`${s.name}: ledger has ${extra.length} events the relay never archived, e.g. ${extra[0]}`)
    local.doc.destroy()
  }
  return out
}
