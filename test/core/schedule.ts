/**
 * Random multi-replica schedules for the escrow property tests: operations (including ones that
 * must be refused), partial one-way deliveries of captured updates (dropped, duplicated,
 * reordered), state-vector syncs and clock ticks, with the invariants checked after every step.
 */
import fc from 'fast-check'
import * as Y from 'yjs'
import { expect } from 'vitest'
import {
  DomainError,
  FoldState,
  getLog,
  getMeta,
  getProducts,
  getReplicas,
  getStores,
  getUsers,
  listLogReplicaIds,
  readProduct,
  refold,
} from '../../shared/core/index.ts'
import type { AllotEvent, CountLineEvent, OrderStatus } from '../../shared/core/index.ts'
import { T0, makeReplica, orgUpdate, syncAll, testClock } from './harness.ts'
import { balanceKey } from '../../shared/core/balances.ts'
import type { Replica } from './harness.ts'

export const REPLICAS = ['a', 'b', 'c', 'd'] as const
export const PRODUCTS = ['p1', 'p2', 'p3'] as const
/** Gift cards / store credit: balances are escrow counters `card:<id>` next to the products. */
export const CARDS = ['GC-0001', 'GC-0002'] as const
const STORE_OF: Record<string, string> = { a: 's1', b: 's1', c: 's2', d: 's3' }
const HOUR = 3600_000

/** Skewed towards a and b, so the same pairs trade and sync often enough to build causal chains. */
const rIdx = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(0, 1) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: REPLICAS.length - 1 }) },
)
const pIdx = fc.integer({ min: 0, max: PRODUCTS.length - 1 })
/** A product or (index ≥ PRODUCTS.length) a card balance: rights move on both alike. */
const counterIdx = fc.integer({ min: 0, max: PRODUCTS.length + CARDS.length - 1 })
const cIdx = fc.integer({ min: 0, max: CARDS.length - 1 })
/** Quantities: usually fitted to what the replica holds (so most ops succeed), sometimes raw. */
const q = (max: number) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: -1000, max: -1 }) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max }) },
  )
const line = fc.record({ p: pIdx, q: q(4) })

export const opArb = fc.oneof(
  {
    weight: 9,
    arbitrary: fc.record({ k: fc.constant('restock' as const), p: pIdx, q: fc.integer({ min: 1, max: 8 }) }),
  },
  {
    weight: 15,
    arbitrary: fc.record({
      k: fc.constant('sell' as const),
      lines: fc.array(line, { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('adjust' as const),
      p: pIdx,
      delta: fc.integer({ min: -4, max: 4 }).filter((n) => n !== 0),
    }),
  },
  {
    weight: 12,
    arbitrary: fc.record({ k: fc.constant('transfer' as const), p: counterIdx, to: rIdx, q: q(6) }),
  },
  {
    weight: 6,
    arbitrary: fc.record({ k: fc.constant('request' as const), p: counterIdx, donor: rIdx, q: q(6) }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('countLine' as const),
      p: pIdx,
      off: fc.integer({ min: -4, max: 3 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('postCount' as const) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('issueCard' as const),
      c: cIdx,
      amount: fc.integer({ min: 1, max: 900 }),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      k: fc.constant('payByCard' as const),
      c: cIdx,
      q: q(900),
      lines: fc.array(line, { minLength: 1, maxLength: 2 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('cancelRequest' as const), pick: fc.nat() }) },
  {
    weight: 6,
    arbitrary: fc.record({
      k: fc.constant('reserve' as const),
      p: pIdx,
      q: q(3),
      ttlMin: fc.integer({ min: 1, max: 180 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('release' as const), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('fulfil' as const), pick: fc.nat() }) },
  // The till's payment: the cart held in one append, then sold with its holds (some may have ended).
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('holdCart' as const),
      lines: fc.array(line, { minLength: 1, maxLength: 3 }),
      ttlMin: fc.integer({ min: 1, max: 30 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('sellHeld' as const),
      pick: fc.nat(),
      extra: fc.integer({ min: 0, max: 2 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('releaseExpired' as const) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('orderCreate' as const),
      lines: fc.array(line, { minLength: 1, maxLength: 2 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('orderAdvance' as const),
      pick: fc.nat(),
      status: fc.constantFrom<OrderStatus>('confirmed', 'processing', 'shipped', 'delivered'),
    }),
  },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('orderCancel' as const), pick: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('refund' as const),
      pick: fc.nat(),
      q: q(3),
      toStock: fc.boolean(),
      toCard: fc.option(cIdx, { nil: undefined }),
    }),
  },
  { weight: 6, arbitrary: fc.record({ k: fc.constant('grant' as const) }) },
  { weight: 6, arbitrary: fc.record({ k: fc.constant('ask' as const) }) },
  {
    weight: 6,
    arbitrary: fc.record({ k: fc.constant('checkpoint' as const), retain: fc.constantFrom(0, HOUR) }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('retire' as const), to: rIdx }) },
)
export type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never

export const stepArb = fc.oneof(
  { weight: 5, arbitrary: fc.record({ k: fc.constant('op' as const), r: rIdx, op: opArb }) },
  // Picks count back from the newest update: recent ones, skipped, repeated and out of order.
  // 'most': everything the sender wrote, minus some, in a shuffled order, with a duplicate.
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('deliver' as const),
      from: rIdx,
      to: rIdx,
      most: fc.boolean(),
      picks: fc.array(fc.nat({ max: 9 }), { maxLength: 8 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('sync' as const), from: rIdx, to: rIdx }) },
  // y catches up with x, then z hears y's own writes before anything of x's: the causal gap the
  // deps guard against (z must not count y's spending before x's transfer that paid for it).
  { weight: 1, arbitrary: fc.record({ k: fc.constant('relay' as const), x: rIdx, y: rIdx, z: rIdx }) },
  // A causal chain: x gives y rights, y hears of it and acts, z hears y (maybe not x).
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('chain' as const),
      x: rIdx,
      y: rIdx,
      z: rIdx,
      p: pIdx,
      q: q(6),
      op: opArb,
      picks: fc.array(fc.nat({ max: 9 }), { maxLength: 8 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ k: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 2 * HOUR }) }),
  },
)
export type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never

interface World {
  replicas: Replica[]
  /** Every update each replica wrote, for partial delivery. */
  outbox: Uint8Array[][]
  /** Every event ever appended, per replica (the full history, for the oracle). */
  history: Map<string, AllotEvent[]>
  saleIds: string[]
  /** Count lines recorded per replica and not yet posted. */
  countLines: Map<string, CountLineEvent[]>
}

const ISO0 = new Date(T0).toISOString()
const INIT = orgUpdate({
  replicas: REPLICAS.map((id) => ({ id, storeId: STORE_OF[id] ?? 's1' })),
  products: [{ id: 'p1' }, { id: 'p2' }, { id: 'p3', policy: 'local' }],
})

function world(): World {
  const clock = testClock()
  const replicas = REPLICAS.map((id) => makeReplica(id, INIT, clock))
  const outbox = replicas.map((r) => {
    const box: Uint8Array[] = []
    // Own writes only: relaying what others wrote is the sync step's job, so a partial delivery
    // can carry a replica's log without the transfers its events depend on.
    r.doc.on('update', (u: Uint8Array, _origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => {
      if (tr.local) box.push(u)
    })
    return box
  })
  return {
    replicas,
    outbox,
    history: new Map(REPLICAS.map((id) => [id, []])),
    saleIds: [],
    countLines: new Map(REPLICAS.map((id) => [id, []])),
  }
}

const by = 'user-1'
const pick = <T>(xs: readonly T[], n: number): T | undefined =>
  xs.length === 0 ? undefined : xs[n % xs.length]

/** Runs one operation as replica `r`; refusals must be DomainErrors and write nothing. */
function runOp(w: World, r: Replica, op: Op): boolean {
  const before = Y.encodeStateVector(r.doc)
  const figuresBefore = op.k === 'checkpoint' ? JSON.stringify(r.fold.figures()) : undefined
  const product = (i: number) => PRODUCTS[i] ?? 'p1'
  const card = (i: number) => CARDS[i] ?? 'GC-0001'
  /** Products first, then card balances (`card:<id>`). */
  const counter = (i: number) => (i < PRODUCTS.length ? product(i) : balanceKey(card(i - PRODUCTS.length)))
  const replica = (i: number) => REPLICAS[i] ?? 'a'
  const policyOf = (p: string) => readProduct(r.doc, p)?.policy
  /** A negative n means "fit": 1 + (−n mod rights here), so it usually succeeds. */
  const fit = (p: string, n: number) => (n > 0 ? n : 1 + ((-n - 1) % Math.max(1, r.fold.rights(p, r.id))))
  let out: AllotEvent | AllotEvent[] | Record<string, AllotEvent | AllotEvent[]>
  try {
    switch (op.k) {
      case 'restock':
        out = r.ops.restock({ productId: product(op.p), qty: op.q, by })
        break
      case 'sell':
        out = r.ops.sell({
          lines: op.lines.map((l) => ({ productId: product(l.p), qty: fit(product(l.p), l.q) })),
          payment: { method: 'card' },
          by,
        })
        w.saleIds.push(out.id)
        break
      case 'adjust':
        out = r.ops.adjust({ productId: product(op.p), delta: op.delta, reason: 'count', by })
        break
      case 'transfer':
        out = r.ops.transfer({
          productId: counter(op.p),
          to: replica(op.to),
          qty: fit(counter(op.p), op.q),
          by,
        })
        break
      case 'countLine': {
        // Counted: what the replica expects, a few more or fewer (never below zero).
        const expected = r.fold.rights(product(op.p), r.id) + r.fold.reserved(product(op.p), r.id)
        out = r.ops.countLine({
          countId: `count-${r.id}`,
          productId: product(op.p),
          countedQty: Math.max(0, expected + op.off),
          by,
        })
        w.countLines.get(r.id)?.push(out)
        break
      }
      case 'postCount': {
        const lines = new Map((w.countLines.get(r.id) ?? []).map((l) => [l.productId, l]))
        const posted = r.ops.postCount({ countId: `count-${r.id}`, lines: [...lines.values()], by })
        w.countLines.set(r.id, [])
        out = [...posted.adjustments, posted.post]
        break
      }
      case 'issueCard':
        out = r.ops.issueCard({ cardId: card(op.c), kind: 'gift-card', amountMinor: op.amount, by })
        break
      case 'payByCard': {
        // One unit of the product this replica holds most of, so the card is what may run short.
        const stocked =
          [...PRODUCTS].sort((x, y) => r.fold.rights(y, r.id) - r.fold.rights(x, r.id))[0] ?? 'p1'
        const lines = [{ productId: stocked, qty: 1 + (op.lines.length - 1) }]
        const total = lines.reduce((n, l) => n + l.qty * 300, 0) // 250 + 20 % tax each
        // Usually the card this replica holds most of; sometimes the drawn one (maybe short here).
        const held = [...CARDS].sort(
          (x, y) => r.fold.rights(balanceKey(y), r.id) - r.fold.rights(balanceKey(x), r.id),
        )[0]
        const cardId = op.q > 0 ? card(op.c) : (held ?? card(op.c))
        const amountMinor = Math.min(fit(balanceKey(cardId), op.q), total)
        out = r.ops.sell({
          lines,
          payment: { method: 'cash', cards: [{ cardId, amountMinor }] },
          by,
        })
        w.saleIds.push(out.id)
        break
      }
      case 'request':
        out = r.ops.request({
          productId: counter(op.p),
          donor: replica(op.donor),
          qty: Math.abs(op.q) % 7 || 1,
          by,
        })
        break
      case 'cancelRequest':
        out = r.ops.cancelRequest({
          requestId: pick(r.fold.outstandingRequests({ replicaId: r.id }), op.pick)?.requestId ?? 'none',
          by,
        })
        break
      case 'reserve':
        out = r.ops.reserve({
          productId: product(op.p),
          qty: fit(product(op.p), op.q),
          expiresAt: new Date(Date.parse(r.clock.now()) + op.ttlMin * 60_000).toISOString(),
          by,
        })
        break
      case 'release':
        out = r.ops.release({
          holdId: pick(r.fold.openHolds({ replicaId: r.id }), op.pick)?.holdId ?? 'none',
          by,
        })
        break
      case 'fulfil':
        out = r.ops.fulfil({
          holdId: pick(r.fold.openHolds({ replicaId: r.id }), op.pick)?.holdId ?? 'none',
          by,
        })
        break
      case 'releaseExpired':
        out = r.ops.releaseExpired({ by })
        break
      case 'holdCart':
        out = r.ops.reserveLines({
          lines: op.lines.map((l) => ({ productId: product(l.p), qty: fit(product(l.p), l.q) })),
          expiresAt: new Date(Date.parse(r.clock.now()) + op.ttlMin * 60_000).toISOString(),
          by,
        })
        break
      case 'sellHeld': {
        // sells what one or two holds took, plus `extra` units of the first held product
        const open = r.fold.openHolds({ replicaId: r.id })
        const held = [...new Set([pick(open, op.pick), pick(open, op.pick + 1)])].filter(
          (h) => h !== undefined,
        )
        const lines = held.map((h, i) => ({ productId: h.productId, qty: h.qty + (i === 0 ? op.extra : 0) }))
        const seqBefore = r.fold.logInfo(r.id).lastSeq
        const sale = r.ops.sell({
          lines: lines.length > 0 ? lines : [{ productId: product(0), qty: 1 }],
          payment: { method: 'card' },
          releaseHolds: held.map((h) => h.holdId),
          by,
        })
        w.saleIds.push(sale.id)
        // the releases were appended with the sale: the history (the oracle's input) gets all of them
        out = getLog(r.doc, r.id)
          .toArray()
          .filter(
            (e): e is AllotEvent => typeof e === 'object' && e !== null && (e as AllotEvent).seq > seqBefore,
          )
        break
      }
      case 'orderCreate':
        out = r.ops.orderCreate({
          lines: op.lines.map((l) => ({ productId: product(l.p), qty: fit(product(l.p), l.q) })),
          holdExpiresAt: new Date(Date.parse(r.clock.now()) + 3 * HOUR).toISOString(),
          by,
        })
        break
      case 'orderAdvance':
        out = r.ops.orderAdvance({
          orderId: pick(r.fold.openOrders(), op.pick)?.orderId ?? 'none',
          status: op.status,
          by,
        })
        break
      case 'orderCancel':
        out = r.ops.orderCancel({ orderId: pick(r.fold.openOrders(), op.pick)?.orderId ?? 'none', by })
        break
      case 'refund': {
        const saleId = pick(w.saleIds, op.pick) ?? 'none'
        const sale = r.fold.sale(saleId)
        out = r.ops.refund({
          saleId,
          lines: [{ productId: sale?.lines[0]?.productId ?? 'p1', qty: op.q > 0 ? op.q : 1 }],
          toStock: op.toStock,
          ...(op.toCard !== undefined ? { toCard: card(op.toCard) } : {}),
          by,
        })
        break
      }
      case 'grant':
        out = r.ops.grantRequests({ by, floor: () => 1, policyOf })
        break
      case 'ask':
        out = r.ops.askForStock({
          by,
          productIds: PRODUCTS,
          policyOf,
          recentSales: () => 3,
          windowMs: HOUR,
          leadTimeMs: HOUR,
          minimum: () => 2,
          minIntervalMs: 10 * 60_000,
          answerTimeoutMs: 30 * 60_000,
        })
        break
      case 'checkpoint':
        {
          const cp = r.ops.checkpoint({ by, retentionMs: op.retain })
          stats.prunedEvents += cp.deleted
          out = cp.event
        }
        // A checkpoint changes no figure.
        if (JSON.stringify(r.fold.figures()) !== figuresBefore)
          expect(r.fold.figures()).toEqual(JSON.parse(figuresBefore ?? '{}'))
        break
      case 'retire':
        out = r.ops.retire({ successor: replica(op.to), by })
        break
    }
  } catch (e) {
    if (!(e instanceof DomainError)) throw e
    bump(stats.refused, `${op.k}:${e.code}`)
    // Refused: nothing written.
    if (!sameBytes(Y.encodeStateVector(r.doc), before))
      throw new Error(`${r.id}: refused ${op.k} wrote to the doc`, { cause: e })
    return false
  }
  const events = Array.isArray(out) ? out : 'seq' in out ? [out as AllotEvent] : Object.values(out).flat()
  w.history.get(r.id)?.push(...(events as AllotEvent[]))
  bump(stats.ok, op.k)
  for (const e of events as AllotEvent[]) if (e.deps) stats.eventsWithDeps++
  return true
}

/** Coverage counters: how often the interesting cases happen (printed by the property test). */
export const stats = {
  ok: {} as Record<string, number>,
  refused: {} as Record<string, number>,
  pendingViews: 0,
  bufferedEvents: 0,
  eventsWithDeps: 0,
  gaps: 0,
  prunedEvents: 0,
  refoldChecks: 0,
}
const bump = (m: Record<string, number>, k: string): void => {
  m[k] = (m[k] ?? 0) + 1
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i])

/** Invariants of one replica's view, checked after every step. */
export function checkView(r: Replica): void {
  const f = r.fold
  for (const p of f.productIds()) {
    const value = f.value(p)
    let sum = 0
    for (const n of f.rightsByReplica(p).values()) sum += n
    if (value < 0) throw new Error(`${r.id}: value(${p}) = ${value} < 0`)
    if (sum !== value) throw new Error(`${r.id}: Σ rights(${p}) = ${sum} ≠ value ${value}`)
    if (f.rights(p, r.id) < 0) throw new Error(`${r.id}: own rights(${p}) = ${f.rights(p, r.id)} < 0`)
  }
  const bad = f.alerts().filter((a) => a.kind !== 'gap')
  if (bad.length > 0) throw new Error(`${r.id}: unexpected alerts ${JSON.stringify(bad)}`)
  for (const id of REPLICAS) {
    const info = f.logInfo(id)
    stats.bufferedEvents += info.pending
    stats.gaps += info.gaps.length
  }
  // The incremental fold equals a refold whenever the doc holds no half-applied update and no
  // event waits for its deps. (While a checkpoint waits, the incremental fold still counts the
  // events it saw before their deletion arrived; a refold cannot see them. Both are safe views.)
  const quiet = (x: FoldState): boolean => REPLICAS.every((id) => x.logInfo(id).pending === 0)
  const fresh =
    r.doc.store.pendingStructs === null && r.doc.store.pendingDs === null
      ? refold(r.doc, { self: r.id })
      : undefined
  if (fresh && quiet(f) && quiet(fresh)) {
    stats.refoldChecks++
    expectSameFold(f, fresh, r.id)
  } else stats.pendingViews++
}

function logInfos(f: FoldState) {
  return REPLICAS.map((id) => f.logInfo(id))
}

const foldDigest = (f: FoldState): string => JSON.stringify([f.figures(), logInfos(f), f.alerts()])

function expectSameFold(a: FoldState, b: FoldState, label: string): void {
  // Cheap string comparison first; the deep expect only runs to print a readable diff.
  if (foldDigest(a) === foldDigest(b)) return
  expect(a.figures(), label).toEqual(b.figures())
  expect(logInfos(a), label).toEqual(logInfos(b))
  expect(a.alerts(), label).toEqual(b.alerts())
}

/** The doc's content, ignoring roots that exist only because this instance touched them. */
export function docContent(doc: Y.Doc): Record<string, unknown> {
  const out: Record<string, unknown> = {
    meta: getMeta(doc).toJSON(),
    replicas: getReplicas(doc).toJSON(),
    stores: getStores(doc).toJSON(),
    products: getProducts(doc).toJSON(),
    users: getUsers(doc).toJSON(),
  }
  for (const id of listLogReplicaIds(doc)) {
    const log = getLog(doc, id).toArray()
    if (log.length > 0) out[`log:${id}`] = log
  }
  return out
}

/** Which of the sender's updates arrive, in which order (drops, duplicates, reordering). */
function deliveryOrder(box: readonly Uint8Array[], most: boolean, picks: readonly number[]): Uint8Array[] {
  if (!most) return picks.filter((n) => n < box.length).map((n) => box[box.length - 1 - n] as Uint8Array)
  const keyed = box.map((u, i) => ({
    u,
    k: picks.length === 0 ? i : ((picks[i % picks.length] ?? 0) * 7919 + i) % 11,
  }))
  const kept = keyed.filter((x, i) => picks.length === 0 || (picks[(i + 1) % picks.length] ?? 1) % 4 !== 0)
  kept.sort((a, b) => a.k - b.k)
  const out = kept.map((x) => x.u)
  if (out.length > 0 && picks.length % 2 === 1) out.push(out[0] as Uint8Array)
  return out
}

/** Ops on existing holds, orders or requests: usually run where there is something to act on. */
function ownerFor(w: World, start: number, op: Op): Replica | undefined {
  const has = (r: Replica): boolean => {
    switch (op.k) {
      case 'release':
      case 'fulfil':
      case 'sellHeld':
        return r.fold.openHolds({ replicaId: r.id }).length > 0
      case 'orderAdvance':
      case 'orderCancel':
        return r.fold.openOrders().some((o) => o.replicaId === r.id)
      case 'cancelRequest':
        return r.fold.outstandingRequests({ replicaId: r.id }).length > 0
      default:
        return true
    }
  }
  if ('pick' in op && op.pick % 4 !== 0)
    for (let i = 0; i < w.replicas.length; i++) {
      const r = w.replicas[(start + i) % w.replicas.length]
      if (r && has(r)) return r
    }
  return w.replicas[start]
}

/** Initial restocks per replica and product (not synced: every replica starts with its own view). */
export const initialStockArb = fc.array(
  fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 3, maxLength: 3 }),
  { minLength: 4, maxLength: 4 },
)

export function runSchedule(steps: Step[], initialStock: number[][] = []): void {
  const w = world()
  for (const [i, r] of w.replicas.entries())
    for (const [j, qty] of (initialStock[i] ?? []).entries())
      if (qty > 0) w.history.get(r.id)?.push(r.ops.restock({ productId: PRODUCTS[j] ?? 'p1', qty, by }))
  // Each card starts with a balance at one of the busy replicas (a, b), so payments by card succeed
  // as often as they are refused.
  for (const [i, cardId] of CARDS.entries()) {
    const r = w.replicas[i % 2]
    if (r) w.history.get(r.id)?.push(r.ops.issueCard({ cardId, kind: 'gift-card', amountMinor: 600, by }))
  }
  for (const step of steps) {
    // Only the replica a step touched can have changed: check that one (all of them start valid).
    let touched: Replica | undefined
    switch (step.k) {
      case 'op': {
        const r = ownerFor(w, step.r, step.op)
        if (r) runOp(w, r, step.op)
        touched = r
        break
      }
      case 'deliver': {
        const box = w.outbox[step.from] ?? []
        const to = w.replicas[step.to]
        if (to && step.from !== step.to)
          for (const u of deliveryOrder(box, step.most, step.picks)) Y.applyUpdate(to.doc, u)
        touched = to
        break
      }
      case 'sync': {
        const from = w.replicas[step.from]
        const to = w.replicas[step.to]
        if (from && to && from !== to)
          Y.applyUpdate(to.doc, Y.encodeStateAsUpdate(from.doc, Y.encodeStateVector(to.doc)))
        touched = to
        break
      }
      case 'relay': {
        const [x, y, z] = [w.replicas[step.x], w.replicas[step.y], w.replicas[step.z]]
        if (!x || !y || !z || x === y || y === z) break
        Y.applyUpdate(y.doc, Y.encodeStateAsUpdate(x.doc, Y.encodeStateVector(y.doc)))
        checkView(y)
        for (const u of w.outbox[step.y] ?? []) Y.applyUpdate(z.doc, u)
        touched = z
        break
      }
      case 'chain': {
        const [x, y, z] = [w.replicas[step.x], w.replicas[step.y], w.replicas[step.z]]
        if (!x || !y || !z || x === y || y === z || x === z) break
        runOp(w, x, { k: 'transfer', p: step.p, to: step.y, q: step.q })
        checkView(x)
        Y.applyUpdate(y.doc, Y.encodeStateAsUpdate(x.doc, Y.encodeStateVector(y.doc)))
        checkView(y)
        runOp(w, y, step.op)
        checkView(y)
        for (const u of deliveryOrder(w.outbox[step.y] ?? [], true, step.picks)) Y.applyUpdate(z.doc, u)
        touched = z
        break
      }
      case 'tick':
        w.replicas[0]?.clock.advance(step.ms)
        break
    }
    if (touched) checkView(touched)
  }
  // After a full sync every replica is identical, and equal to a fold of the full history.
  syncAll(w.replicas.map((r) => r.doc))
  const [first, ...rest] = w.replicas
  if (!first) return
  const content = JSON.stringify(docContent(first.doc))
  const digest = foldDigest(first.fold)
  for (const r of rest) {
    expect(Y.equalSnapshots(Y.snapshot(r.doc), Y.snapshot(first.doc))).toBe(true)
    if (JSON.stringify(docContent(r.doc)) !== content)
      expect(docContent(r.doc)).toEqual(docContent(first.doc))
    if (foldDigest(r.fold) !== digest) expectSameFold(r.fold, first.fold, r.id)
  }
  for (const r of w.replicas) {
    checkView(r)
    const alerts = r.fold.alerts()
    if (alerts.length > 0) expect(alerts).toEqual([])
    for (const id of REPLICAS)
      if (r.fold.logInfo(id).pending > 0)
        throw new Error(`${r.id}: events of ${id} still pending after a full sync`)
  }
  // The oracle folds the full history without checkpoints (renumbered so seqs stay contiguous).
  const renumber = new Map<string, (seq: number) => number>()
  for (const [id, events] of w.history) {
    const kept = events.filter((e) => e.type !== 'checkpoint').map((e) => e.seq)
    renumber.set(id, (seq) => kept.filter((k) => k <= seq).length)
  }
  const oracle = new FoldState()
  for (const [id, events] of w.history)
    for (const e of events) {
      if (e.type === 'checkpoint') continue
      const deps =
        e.deps &&
        Object.fromEntries(
          Object.entries(e.deps)
            .map(([r, n]) => [r, renumber.get(r)?.(n) ?? 0])
            .filter(([, n]) => (n as number) > 0),
        )
      const { prev: _prev, ...rest } = e // prev ids point at the removed checkpoints
      oracle.apply(id, { ...rest, seq: renumber.get(id)?.(e.seq) ?? 0, ...(deps && { deps }) } as AllotEvent)
    }
  if (JSON.stringify(first.fold.figures()) !== JSON.stringify(oracle.figures()))
    expect(first.fold.figures()).toEqual(oracle.figures())
  void ISO0
}
