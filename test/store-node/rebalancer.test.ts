import { describe, expect, it } from 'vitest'
import { getLog, readProduct } from '../../shared/core/index.ts'
import {
  defaultRebalanceSettings,
  Rebalancer,
  rebalanceOnce,
  type RebalancePorts,
  type RebalanceTimers,
} from '../../store-node/jobs/rebalancer.ts'
import { makeReplica, orgUpdate, syncAll, type Replica } from '../core/harness.ts'

const init = orgUpdate({
  replicas: [
    { id: 'a', storeId: 's1' },
    { id: 'b', storeId: 's2' },
  ],
  products: [{ id: 'p1' }, { id: 'p2' }],
})
const HOUR = 3600_000
const settings = { ...defaultRebalanceSettings, windowMs: HOUR, leadTimeMs: HOUR }

/** The rebalancer's ports on a core replica: its own log stands in for the node's ledger. */
function ports(r: Replica, online = () => true): RebalancePorts & { runs: number } {
  const p = {
    runs: 0,
    activeReplica: () => {
      p.runs++
      return online() ? r.id : undefined
    },
    nowMs: () => r.clock.ms,
    fold: r.fold,
    ops: () => r.ops,
    policyOf: (productId: string) => readProduct(r.doc, productId)?.policy,
    requestedBy: (requestId: string) =>
      (getLog(r.doc, r.id).toArray() as Array<{ id: string; by: string }>).find((e) => e.id === requestId)
        ?.by,
    soldSince: (_replicaId: string, sinceMs: number) => {
      const sold = new Map<string, number>()
      for (const e of getLog(r.doc, r.id).toArray() as Array<{
        type: string
        at: string
        lines?: Array<{ productId: string; qty: number }>
      }>)
        if (e.type === 'sale' && Date.parse(e.at) >= sinceMs)
          for (const l of e.lines ?? []) sold.set(l.productId, (sold.get(l.productId) ?? 0) + l.qty)
      return sold
    },
    durable: <T>(write: () => T) => write(),
    warn: (error: unknown) => {
      throw error
    },
  }
  return p
}

describe('store node rebalancer', () => {
  it('one pass: grants keeping the store its own low-water mark, from its own sales', () => {
    const [a, b] = ['a', 'b'].map((id) => makeReplica(id, init))
    if (!a || !b) throw new Error('setup')
    a.ops.restock({ productId: 'p1', qty: 16, by: 'u1' })
    a.ops.sell({ lines: [{ productId: 'p1', qty: 6 }], payment: { method: 'card' }, by: 'u1' })
    syncAll([a.doc, b.doc])
    b.ops.request({ productId: 'p1', donor: 'a', qty: 5, by: 'u1' })
    syncAll([a.doc, b.doc])
    // a sold 6 in the last hour, with an hour of lead time: its mark is 6. Half of its 10 would be
    // 5; it gives 4 and keeps 6, so it does not have to ask in turn.
    expect(rebalanceOnce(ports(a), settings)).toEqual({ granted: 1, asked: 0 })
    syncAll([a.doc, b.doc])
    expect([a.fold.rights('p1', 'a'), a.fold.rights('p1', 'b')]).toEqual([6, 4])
  })

  it('asks for what the store sold, and leaves a request a person made alone', () => {
    const [a, b] = ['a', 'b'].map((id) => makeReplica(id, init))
    if (!a || !b) throw new Error('setup')
    a.ops.restock({ productId: 'p1', qty: 10, by: 'u1' })
    a.ops.restock({ productId: 'p2', qty: 10, by: 'u1' })
    b.ops.restock({ productId: 'p1', qty: 1, by: 'u1' })
    b.ops.restock({ productId: 'p2', qty: 5, by: 'u1' })
    syncAll([a.doc, b.doc])
    b.ops.sell({ lines: [{ productId: 'p1', qty: 1 }], payment: { method: 'card' }, by: 'u1' })
    const manual = b.ops.request({ productId: 'p2', donor: 'a', qty: 3, by: 'u1' })
    b.ops.sell({ lines: [{ productId: 'p2', qty: 1 }], payment: { method: 'card' }, by: 'u1' })
    // p1: sold out, asks a. p2: 4 left is above twice its mark (2), but the person's request stays.
    expect(rebalanceOnce(ports(b), settings)).toEqual({ granted: 0, asked: 1 })
    expect(b.fold.outstandingRequests({ replicaId: 'b' }).map((r) => [r.productId, r.requestId])).toEqual(
      expect.arrayContaining([
        ['p2', manual.id],
        ['p1', expect.any(String)],
      ]),
    )
    // Offline (or locked): nothing at all.
    expect(
      rebalanceOnce(
        ports(a, () => false),
        settings,
      ),
    ).toEqual({ granted: 0, asked: 0 })
  })

  it('runs on its timers: every interval, and once 50 ms after pokes however many; stop cancels', () => {
    const a = makeReplica('a', init)
    const queue: Array<{ at: number; run: () => void; live: boolean }> = []
    let now = 0
    const timers: RebalanceTimers = {
      every(ms, run) {
        const t = { at: now + ms, run: () => {}, live: true }
        t.run = () => {
          run()
          t.at += ms
          queue.push(t)
        }
        queue.push(t)
        return () => (t.live = false)
      },
      after(ms, run) {
        const t = { at: now + ms, run, live: true }
        queue.push(t)
        return () => (t.live = false)
      },
    }
    const advanceTo = (until: number) => {
      for (;;) {
        queue.sort((x, y) => x.at - y.at)
        const next = queue[0]
        if (!next || next.at > until) break
        queue.shift()
        now = next.at
        if (next.live) next.run()
      }
      now = until
    }
    const p = ports(a)
    const rebalancer = new Rebalancer(p, () => settings, timers)
    rebalancer.start(2000)
    advanceTo(4000)
    expect(p.runs).toBe(2)
    rebalancer.poke()
    rebalancer.poke()
    expect(rebalancer.poked).toBe(true)
    advanceTo(4050)
    expect(p.runs).toBe(3)
    expect(rebalancer.poked).toBe(false)
    rebalancer.poke()
    rebalancer.stop()
    advanceTo(10_000)
    expect(p.runs).toBe(3)
  })
})
