import * as Y from 'yjs'
import { createDocFold, type DocFold } from '../../shared/core/fold.ts'
import { CORE_ORIGIN, createReplicaOps, type ReplicaOps } from '../../shared/core/operations.ts'
import { getLog, initMeta, readProduct, writeProduct, writeReplica } from '../../shared/core/schema.ts'
import {
  defaultRebalanceSettings,
  Rebalancer,
  type RebalancePorts,
  type RebalanceTimers,
} from '../../store-node/jobs/rebalancer.ts'
import { mulberry32 } from '../cluster/relay-harness.ts'
import type { BenchRow } from './report.ts'

const RELAY = Symbol('bench-sim-relay')

interface Sim {
  id: string
  doc: Y.Doc
  fold: DocFold
  ops: ReplicaOps
  /** Sale times per product, for the rebalancer's sales speed. */
  sold: Map<string, number[]>
  rebalancer: Rebalancer
}

const rng = mulberry32

/**
 * (g) Escrow efficiency: `replicas` Y.Docs with their folds and core ops, a simulated relay that
 * delivers every update to every other replica `latencyMs` later (simulated time), Zipf demand
 * over `products` products (`pool` policy), and each replica running the store node's own
 * Rebalancer (store-node/jobs/rebalancer.ts) on simulated time: every 2 s, and 50 ms after remote
 * updates arrive.
 * Stock is delivered evenly to all replicas at the start: 1.3× each product's expected demand, at
 * least 2 units of every product per store.
 */
export async function benchEscrow(
  replicas: number,
  products: number,
  sales: number,
  seed = 42,
): Promise<BenchRow[]> {
  const random = rng(seed)
  const latencyMs = 40
  const saleEveryMs = 500 // chain-wide: two sales a second on average, across all stores
  // Rebalancing settings of the store node, with the speed window scaled to this simulated hour.
  const settings = { ...defaultRebalanceSettings, windowMs: 3600_000, leadTimeMs: 10 * 60_000 }
  let now = Date.parse('2025-01-01T00:00:00Z')
  const iso = () => new Date(now).toISOString()

  // Zipf(s=1) over products.
  const weights = Array.from({ length: products }, (_, i) => 1 / (i + 1))
  const total = weights.reduce((s, w) => s + w, 0)
  const cdf: number[] = []
  weights.reduce((acc, w, i) => (cdf[i] = acc + w / total), 0)
  const pickProduct = () => {
    const u = random()
    const i = cdf.findIndex((c) => u <= c)
    return i < 0 ? products - 1 : i
  }

  const init = new Y.Doc()
  initMeta(init, { orgName: 'Sim', currency: 'EUR' })
  for (let p = 0; p < products; p++)
    writeProduct(init, `p${p}`, {
      sku: `P${p}`,
      name: `Product ${p}`,
      priceMinor: 100,
      taxRate: 0,
      policy: 'pool',
    })
  for (let r = 0; r < replicas; r++)
    writeReplica(init, `r${r}`, { storeId: `st${r}`, storeName: `Store ${r}`, status: 'active' })
  const initUpdate = Y.encodeStateAsUpdate(init)

  // The event queue of the simulation: a binary heap on (time, insertion order).
  const queue: Array<{ at: number; n: number; run: () => void }> = []
  let inserted = 0
  const before = (a: { at: number; n: number }, b: { at: number; n: number }) =>
    a.at < b.at || (a.at === b.at && a.n < b.n)
  const schedule = (at: number, run: () => void) => {
    const item = { at, n: inserted++, run }
    let i = queue.push(item) - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!before(item, queue[parent]!)) break
      queue[i] = queue[parent]!
      i = parent
    }
    queue[i] = item
  }
  const pop = () => {
    const top = queue[0]!
    const last = queue.pop()!
    if (queue.length > 0) {
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        const at = (k: number) => (k === i ? last : queue[k]!)
        if (l < queue.length && before(queue[l]!, at(m))) m = l
        if (r < queue.length && before(queue[r]!, at(m))) m = r
        if (m === i) break
        queue[i] = queue[m]!
        i = m
      }
      queue[i] = last
    }
    return top
  }
  const sims: Sim[] = []
  for (let r = 0; r < replicas; r++) {
    const id = `r${r}`
    const doc = new Y.Doc()
    Y.applyUpdate(doc, initUpdate)
    const fold = createDocFold(doc)
    let n = 0
    const ops = createReplicaOps(doc, fold, { replicaId: id, now: iso, newId: () => `${id}-${++n}` })
    const sold = new Map<string, number[]>()
    // Who made each request, read from this replica's log as it grows (the node asks its ledger).
    const requestBy = new Map<string, string>()
    let scanned = 0
    // The store node's rebalancer itself, on simulated time: its ports read this replica's doc and
    // the simulation's sale records (the store node reads SQLite's ledger instead).
    const ports: RebalancePorts = {
      activeReplica: () => id, // the relay is online throughout
      nowMs: () => now,
      fold,
      ops: () => ops,
      policyOf: (productId) => readProduct(doc, productId)?.policy,
      requestedBy: (requestId) => {
        const log = getLog(doc, id)
        for (; scanned < log.length; scanned++) {
          const e = log.get(scanned) as { id?: string; type?: string; by?: string }
          if (e.type === 'request' && e.id && e.by) requestBy.set(e.id, e.by)
        }
        return requestBy.get(requestId)
      },
      soldSince: (_replicaId, sinceMs) => {
        const out = new Map<string, number>()
        for (const [productId, times] of sold) {
          const recent = times.filter((t) => t >= sinceMs).length
          if (recent > 0) out.set(productId, recent)
        }
        return out
      },
      durable: (write) => write(),
      warn: (error) => {
        throw error
      },
    }
    const timers: RebalanceTimers = {
      every(ms, run) {
        let stopped = false
        const tick = (at: number) =>
          schedule(at, () => {
            if (stopped) return
            run()
            tick(at + ms)
          })
        tick(now + ms + r) // the stores' timers are not in step
        return () => (stopped = true)
      },
      after(ms, run) {
        let cancelled = false
        schedule(now + ms, () => {
          if (!cancelled) run()
        })
        return () => (cancelled = true)
      },
    }
    const rebalancer = new Rebalancer(ports, () => settings, timers)
    sims.push({ id, doc, fold, ops, sold, rebalancer })
  }
  for (const [r, s] of sims.entries()) {
    s.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== CORE_ORIGIN) return
      const sentAt = now
      for (const [o, other] of sims.entries()) {
        if (o === r) continue
        schedule(sentAt + latencyMs, () => {
          Y.applyUpdate(other.doc, update, RELAY)
          // As the store node does on remote changes: answer or use them promptly.
          other.rebalancer.poke()
        })
      }
    })
  }

  // Deliveries: each replica restocks its share of 1.3× each product's expected demand, and at
  // least `shelf` units of every product (a facing on every store's shelf).
  const shelf = 2
  for (let p = 0; p < products; p++) {
    const expected = Math.ceil(1.3 * sales * (weights[p]! / total))
    for (const [r, s] of sims.entries()) {
      const qty = Math.max(shelf, Math.floor(expected / replicas) + (r < expected % replicas ? 1 : 0))
      if (qty > 0) s.ops.restock({ by: 'bench', productId: `p${p}`, qty })
    }
  }
  let t = now
  for (let i = 0; i < sales; i++) {
    t += -Math.log(1 - random()) * saleEveryMs
    const at = t
    schedule(at, () => attempt())
  }
  for (const s of sims) s.rebalancer.start() // every 2 s, as in the store node
  schedule(t + 60_000, () => {
    for (const s of sims) s.rebalancer.stop()
  })

  let immediate = 0
  let waited = 0
  let avoidable = 0
  let outOfStock = 0
  const attempt = () => {
    const s = sims[Math.floor(random() * replicas)]!
    const productId = `p${pickProduct()}`
    try {
      s.ops.sell({ by: 'bench', lines: [{ productId, qty: 1 }], payment: { method: 'card' } })
      immediate++
      const list = s.sold.get(productId) ?? []
      list.push(now)
      s.sold.set(productId, list)
    } catch {
      // No rights here. Does the chain (as the whole truth) still have stock?
      const chainValue = sims.reduce((sum, x) => sum + x.fold.rights(productId, x.id), 0)
      if (chainValue > 0) waited++
      else outOfStock++
      // Avoidable by rebalancing: another store held 2 or more, so one unit could have been here
      // without emptying it. Otherwise every other store held at most one: fewer units than stores,
      // so some store had to be empty, and demand is spread evenly over the stores.
      if (sims.some((x) => x !== s && x.fold.rights(productId, x.id) >= 2)) avoidable++
      if (!s.rebalancer.poked) s.rebalancer.run()
    }
  }
  while (queue.length > 0) {
    const next = pop()
    now = next.at
    next.run()
  }

  // Converged state: every replica's own rights (all of its writes are its own) must be ≥ 0.
  let oversold = 0
  for (let p = 0; p < products; p++)
    for (const s of sims) oversold += Math.max(0, -s.fold.rights(`p${p}`, s.id))
  const alerts = sims.reduce(
    (n, s) => n + s.fold.alerts().filter((a) => a.kind === 'negative-rights').length,
    0,
  )
  // Rights messages: every request, withdrawal and transfer the stores wrote.
  let rightsMessages = 0
  for (const s of sims)
    for (const raw of getLog(s.doc, s.id).toArray()) {
      const type = (raw as { type?: string }).type
      if (type === 'request' || type === 'request-cancel' || type === 'transfer') rightsMessages++
    }
  for (const s of sims) {
    s.fold.dispose()
    s.doc.destroy()
  }
  const withStock = immediate + waited
  const g = 'g. escrow'
  return [
    {
      group: g,
      metric: `sales with rights at once (${replicas} stores, Zipf over ${products}, chain had stock)`,
      unit: '%',
      allot: (100 * immediate) / Math.max(1, withStock),
      goal: '≥ 99.5 %',
      met: immediate / Math.max(1, withStock) >= 0.995,
    },
    {
      group: g,
      metric: `sale attempts: at once / had to wait / chain out of stock`,
      unit: 'n',
      allot: immediate,
      baseline: waited,
      baselineName: `waited; ${outOfStock} out of stock`,
    },
    {
      group: g,
      metric: `waits while another store held ≥ 2 units (avoidable by rebalancing)`,
      unit: 'n',
      allot: avoidable,
    },
    {
      group: g,
      metric: `oversold units (negative rights, alerts)`,
      unit: 'units',
      allot: oversold + alerts,
      goal: '0',
      met: oversold + alerts === 0,
    },
    {
      group: g,
      metric: `rights messages (requests + transfers) per sale`,
      unit: 'msg',
      allot: rightsMessages / Math.max(1, immediate),
    },
  ]
}
