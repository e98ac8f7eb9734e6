import { describe, expect, it } from 'vitest'
import { listReplicas, lowWaterMark, planGrants, planRequests } from '../../shared/core/index.ts'
import type { AskPolicy } from '../../shared/core/index.ts'
import { makeReplica, orgUpdate, syncAll } from './harness.ts'

const init = orgUpdate({
  replicas: [
    { id: 'a', storeId: 's1' },
    { id: 'a2', storeId: 's1' },
    { id: 'b', storeId: 's2' },
    { id: 'c', storeId: 's3' },
  ],
  products: [{ id: 'p1' }, { id: 'loc', policy: 'local' }],
})
const by = 'u1'
const MIN = 60_000
const policyOf = (p: string) => (p === 'loc' ? 'local' : p === 'p1' ? 'pool' : undefined)

/** The requester's settings the tests start from (asking for p1); each test overrides what it is about. */
const askPolicy = (over: Partial<Omit<AskPolicy, 'now' | 'replicas'>> = {}) => ({
  productIds: ['p1'],
  policyOf,
  recentSales: () => 0,
  windowMs: 60 * MIN,
  leadTimeMs: 60 * MIN,
  minimum: () => 3,
  minIntervalMs: 10 * MIN,
  answerTimeoutMs: 30 * MIN,
  ...over,
})

function chain() {
  const [a, a2, b, c] = ['a', 'a2', 'b', 'c'].map((id) => makeReplica(id, init))
  if (!a || !a2 || !b || !c) throw new Error('setup')
  return { a, a2, b, c, all: [a.doc, a2.doc, b.doc, c.doc] }
}

describe('rebalancing: donor side', () => {
  it('grants at most half of what it holds above its floor, referencing the request', () => {
    const { a, b, all } = chain()
    a.ops.restock({ productId: 'p1', qty: 12, by })
    syncAll(all)
    const req = b.ops.request({ productId: 'p1', donor: 'a', qty: 10, by })
    syncAll(all)
    expect(planGrants(a.fold, 'a', { floor: () => 2, policyOf })).toEqual([
      { requestId: req.id, productId: 'p1', to: 'b', qty: 5 },
    ])
    const [t] = a.ops.grantRequests({ by, floor: () => 2, policyOf })
    expect(t).toMatchObject({ type: 'transfer', to: 'b', qty: 5, requestId: req.id })
    expect(a.fold.outstandingRequests()).toEqual([])
    expect(a.ops.grantRequests({ by, floor: () => 2, policyOf })).toEqual([])
  })

  it('shares what is left across several requests, never below the floor, never for local products', () => {
    const { a, b, c, all } = chain()
    a.ops.restock({ productId: 'p1', qty: 10, by })
    a.ops.restock({ productId: 'loc', qty: 10, by })
    syncAll(all)
    b.ops.request({ productId: 'p1', donor: 'a', qty: 10, by })
    b.ops.request({ productId: 'loc', donor: 'a', qty: 3, by })
    c.ops.request({ productId: 'p1', donor: 'a', qty: 10, by })
    syncAll(all)
    const grants = planGrants(a.fold, 'a', { floor: () => 2, policyOf })
    expect(grants.map((g) => [g.to, g.productId, g.qty])).toEqual([
      ['b', 'p1', 4],
      ['c', 'p1', 2],
    ])
    expect(planGrants(a.fold, 'a', { floor: () => 9, policyOf })).toEqual([])
  })
})

describe('rebalancing: requester side', () => {
  const base = (a: ReturnType<typeof chain>['a'], over: Partial<AskPolicy> = {}): AskPolicy => ({
    ...askPolicy({ productIds: ['p1', 'loc'] }),
    now: a.clock.now(),
    replicas: listReplicas(a.doc),
    ...over,
  })

  it('derives the low-water mark from recent sales speed and a minimum', () => {
    expect(lowWaterMark(0, 60 * MIN, 60 * MIN, 3)).toBe(3)
    expect(lowWaterMark(30, 60 * MIN, 120 * MIN, 3)).toBe(60)
    expect(lowWaterMark(1, 60 * MIN, 30 * MIN, 0)).toBe(1)
  })

  it('asks the replica holding the most, a till of the same store first, for pool products only', () => {
    const { a, a2, b, c, all } = chain()
    b.ops.restock({ productId: 'p1', qty: 20, by })
    c.ops.restock({ productId: 'p1', qty: 30, by })
    b.ops.restock({ productId: 'loc', qty: 30, by })
    syncAll(all)
    expect(planRequests(a.fold, 'a', base(a))).toEqual([
      { kind: 'request', productId: 'p1', donor: 'c', qty: 6 },
    ])
    a2.ops.restock({ productId: 'p1', qty: 2, by })
    syncAll(all)
    expect(planRequests(a.fold, 'a', base(a))).toEqual([
      { kind: 'request', productId: 'p1', donor: 'a2', qty: 6 },
    ])
    // Fast sellers ask earlier and for more.
    expect(planRequests(a.fold, 'a', base(a, { recentSales: () => 10 }))).toEqual([
      { kind: 'request', productId: 'p1', donor: 'a2', qty: 20 },
    ])
  })

  it('rate-limits per product, asks a second donor after the timeout, withdraws when stocked', () => {
    const { a, b, c, all } = chain()
    b.ops.restock({ productId: 'p1', qty: 20, by })
    c.ops.restock({ productId: 'p1', qty: 10, by })
    syncAll(all)
    const policy = askPolicy()
    const [first] = a.ops.askForStock({ by, ...policy })
    expect(first).toMatchObject({ type: 'request', donor: 'b', qty: 6 })
    a.clock.advance(5 * MIN)
    expect(a.ops.askForStock({ by, ...policy })).toEqual([]) // waiting for b
    a.clock.advance(30 * MIN)
    const [second] = a.ops.askForStock({ by, ...policy })
    expect(second).toMatchObject({ type: 'request', donor: 'c' }) // b did not answer: ask c too
    a.clock.advance(60 * MIN)
    expect(a.ops.askForStock({ by, ...policy })).toEqual([]) // at most two open requests
    syncAll(all)
    c.ops.grantRequests({ by, floor: () => 0, policyOf })
    syncAll(all)
    expect(a.fold.rights('p1', 'a')).toBe(5)
    // At 5 (≥ 3, < 6) nothing to do; once above twice the mark, the open request to b is withdrawn.
    expect(a.ops.askForStock({ by, ...policy })).toEqual([])
    a.ops.restock({ productId: 'p1', qty: 1, by })
    const cancels = a.ops.askForStock({ by, ...policy })
    expect(cancels).toEqual([expect.objectContaining({ type: 'request-cancel', requestId: first?.id })])
    expect(a.fold.outstandingRequests()).toEqual([])
  })
})

describe('rebalancing: the donor keeps its own low-water mark', () => {
  it('gives only what it holds above its mark, but one unit to a store that has none', () => {
    const { a, b, c, all } = chain()
    a.ops.restock({ productId: 'p1', qty: 4, by })
    b.ops.restock({ productId: 'p1', qty: 1, by })
    syncAll(all)
    const toB = b.ops.request({ productId: 'p1', donor: 'a', qty: 3, by })
    const toC = c.ops.request({ productId: 'p1', donor: 'a', qty: 3, by })
    syncAll(all)
    // Half of 4 would be 2; at its own mark of 4, a gives b (which has one) nothing, and c (which
    // has none) one unit.
    expect(planGrants(a.fold, 'a', { floor: () => 0, lowWater: () => 4, policyOf })).toEqual([
      { requestId: toC.id, productId: 'p1', to: 'c', qty: 1 },
    ])
    // A mark of 1 leaves the half rule in charge: 2 to b (oldest first), then half of what is left.
    expect(planGrants(a.fold, 'a', { floor: () => 0, lowWater: () => 1, policyOf })).toEqual([
      { requestId: toB.id, productId: 'p1', to: 'b', qty: 2 },
      { requestId: toC.id, productId: 'p1', to: 'c', qty: 1 },
    ])
    // Never below the floor, even for an empty store.
    expect(planGrants(a.fold, 'a', { floor: () => 3, lowWater: () => 4, policyOf })).toEqual([])
  })

  it('two stores short of a product do not hand units back and forth', () => {
    const { a, b, all } = chain()
    a.ops.restock({ productId: 'p1', qty: 4, by })
    b.ops.restock({ productId: 'p1', qty: 2, by })
    syncAll(all)
    // Both at a mark of 3, asking again without any interval. Giving half (2) would take a below
    // its mark and make it ask b in turn, and so on; keeping its mark, a gives 1 and both are done.
    const ask = askPolicy({ minIntervalMs: 0 })
    let messages = 0
    for (let round = 0; round < 10; round++) {
      for (const r of [a, b]) {
        messages += r.ops.grantRequests({ by, floor: () => 0, lowWater: () => 3, policyOf }).length
        messages += r.ops.askForStock({ by, ...ask }).length
        syncAll(all)
        r.clock.advance(MIN)
      }
    }
    expect([a.fold.rights('p1', 'a'), a.fold.rights('p1', 'b')]).toEqual([3, 3])
    expect(messages).toBe(2) // b's request and a's transfer
  })
})

describe('rebalancing: asking again and choosing a donor', () => {
  const ask = askPolicy({ minimum: () => 1 })
  const sell = (r: ReturnType<typeof chain>['a'], qty: number) =>
    r.ops.sell({ lines: [{ productId: 'p1', qty }], payment: { method: 'card' }, by })

  it('asks again at once after an answered request, but not after a withdrawn one', () => {
    const { a, b, all } = chain()
    b.ops.restock({ productId: 'p1', qty: 4, by })
    syncAll(all)
    const [first] = a.ops.askForStock({ by, ...ask })
    expect(first).toMatchObject({ type: 'request', donor: 'b', qty: 2 })
    syncAll(all)
    b.ops.grantRequests({ by, floor: () => 0, policyOf }) // half of 4: the 2 asked
    syncAll(all)
    sell(a, 2)
    a.clock.advance(5_000)
    // Sold out again seconds after the answer: the answered request does not hold this one back.
    const [second] = a.ops.askForStock({ by, ...ask })
    expect(second).toMatchObject({ type: 'request', donor: 'b', qty: 2 })
    // A withdrawn request still counts: restocked here, the request is withdrawn; sold out again
    // within the interval, no new request until the interval has passed.
    a.ops.restock({ productId: 'p1', qty: 2, by })
    expect(a.ops.askForStock({ by, ...ask })).toEqual([
      expect.objectContaining({ type: 'request-cancel', requestId: second?.id }),
    ])
    sell(a, 2)
    a.clock.advance(5_000)
    expect(a.ops.askForStock({ by, ...ask })).toEqual([])
    a.clock.advance(10 * MIN)
    expect(a.ops.askForStock({ by, ...ask })).toEqual([expect.objectContaining({ type: 'request' })])
  })

  it('asks another donor before the timeout once the first can no longer give, if one can', () => {
    const { a, a2, b, c, all } = chain()
    b.ops.restock({ productId: 'p1', qty: 4, by })
    c.ops.restock({ productId: 'p1', qty: 1, by })
    syncAll(all)
    const [first] = a.ops.askForStock({ by, ...ask })
    expect(first).toMatchObject({ type: 'request', donor: 'b' })
    sell(b, 3) // b sells what it had before it answers
    syncAll(all)
    a.clock.advance(5_000)
    expect(a.ops.askForStock({ by, ...ask })).toEqual([]) // c holds one: it cannot give either
    c.ops.restock({ productId: 'p1', qty: 2, by })
    syncAll(all)
    expect(a.ops.askForStock({ by, ...ask })).toEqual([
      expect.objectContaining({ type: 'request', donor: 'c', qty: 2 }),
    ])
    // Two open requests at most, whatever their donors can do.
    sell(c, 3)
    a2.ops.restock({ productId: 'p1', qty: 5, by })
    syncAll(all)
    expect(a.ops.askForStock({ by, ...ask })).toEqual([])
  })

  it('prefers a donor that can give: two or more units, not asking for the product itself', () => {
    const { a, a2, b, c, all } = chain()
    a2.ops.restock({ productId: 'p1', qty: 1, by }) // same store, but a single unit
    b.ops.restock({ productId: 'p1', qty: 5, by })
    c.ops.restock({ productId: 'p1', qty: 3, by })
    syncAll(all)
    const policy = () => ({ ...ask, now: a.clock.now(), replicas: listReplicas(a.doc) })
    expect(planRequests(a.fold, 'a', policy())).toEqual([
      { kind: 'request', productId: 'p1', donor: 'b', qty: 2 },
    ])
    // b is short itself and asking: c is asked instead.
    b.ops.request({ productId: 'p1', donor: 'c', qty: 20, by })
    syncAll(all)
    expect(planRequests(a.fold, 'a', policy())).toEqual([
      { kind: 'request', productId: 'p1', donor: 'c', qty: 2 },
    ])
    // Nobody can give: then a till of the same store first, as before.
    c.ops.request({ productId: 'p1', donor: 'b', qty: 20, by })
    syncAll(all)
    expect(planRequests(a.fold, 'a', policy())).toEqual([
      { kind: 'request', productId: 'p1', donor: 'a2', qty: 2 },
    ])
  })
})
