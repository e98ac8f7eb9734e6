import * as Y from 'yjs'
import { createOrg, removeDir, spawnRelay, stopRelay, type RelayProcess } from '../cluster/relay-harness.ts'
import { tempDir } from '../cluster/processes.ts'
import type { BenchRow } from './report.ts'
import { summarize } from './stats.ts'
import { startYWebsocketServer, type Child } from './support/children.ts'
import { LightPeer, enrollMany, openPeers } from './support/peers.ts'

/**
 * Lifts the relay's per-connection and per-token rate limits and its connection caps, which a
 * load test would trip by design (1,000 readers share one token and the loopback address).
 */
export const benchRelayArgs = [
  '--msg-rate',
  '100000',
  '--msg-burst',
  '100000',
  '--token-msg-rate',
  '100000',
  '--token-msg-burst',
  '100000',
  '--upgrade-rate',
  '100000',
  '--upgrade-burst',
  '100000',
  '--token-byte-rate',
  '1000000000',
  '--token-connections',
  '100000',
  '--address-connections',
  '100000',
  '--address-sockets',
  '100000',
]

const ORG = 'bench'

/** A sale event shaped like the ones a store appends (the relay archives them; the baseline just relays bytes). */
export function saleEvent(replicaId: string, seq: number): Record<string, unknown> {
  return {
    seq,
    id: `${replicaId}-${seq}`,
    type: 'sale',
    at: new Date().toISOString(),
    by: 'cashier-1',
    deps: {},
    prev: seq > 1 ? `${replicaId}-${seq - 1}` : null,
    lines: [{ productId: `p-${seq % 100}`, qty: 1, unitPriceMinor: 349, taxRate: 700 }],
    totalMinor: 373,
    taxMinor: 24,
    payment: { method: 'card', tenderedMinor: 373, changeMinor: 0 },
  }
}

interface Target {
  name: string
  /** ws URL of the org's document. */
  url: string
  token: (replicaId: string) => string | undefined
}

async function propagation(
  target: Target,
  stores: number,
  samples: number,
): Promise<{ p50: number; p99: number; peers: LightPeer[] }> {
  const peers = await openPeers(
    stores,
    (i) => new LightPeer(target.url, { doc: new Y.Doc(), ...tokenOpt(target.token(`s${i}`)) }),
    25,
  )
  await Promise.all(peers.map((p) => p.until(() => p.synced, 30_000, 'initial sync')))
  const seqs = new Array<number>(stores).fill(0)
  const out: number[] = []
  for (let k = -20; k < samples; k++) {
    const a = ((k + 20) * 13) % stores
    let b = ((k + 20) * 17 + 1) % stores
    if (b === a) b = (b + 1) % stores
    const pa = peers[a]!
    const pb = peers[b]!
    const key = `log:s${a}`
    const want = ++seqs[a]!
    const start = performance.now()
    pa.doc!.getArray(key).push([saleEvent(`s${a}`, want)])
    await pb.until(() => pb.doc!.getArray(key).length >= want, 10_000, 'propagation')
    if (k >= 0) out.push(performance.now() - start)
  }
  const s = summarize(out)
  return { p50: s.p50, p99: s.p99, peers }
}

async function fanOut(
  target: Target,
  writers: LightPeer[],
  clients: number,
  perWriter: number,
): Promise<{ updatesPerSec: number; deliveriesPerSec: number; seconds: number }> {
  const readers = await openPeers(clients, () => new LightPeer(target.url, tokenOpt(target.token('reader'))))
  await Promise.all(readers.map((p) => p.until(() => p.synced, 60_000, 'reader sync')))
  const base = readers.map((r) => r.frames)
  const total = writers.length * perWriter
  const start = performance.now()
  for (let round = 0; round < perWriter; round++) {
    for (const [w, peer] of writers.entries()) {
      const arr = peer.doc!.getArray(`log:s${w}`)
      arr.push([saleEvent(`s${w}`, arr.length + 1)])
    }
    if (round % 5 === 4) await new Promise<void>((ok) => setImmediate(ok))
  }
  const deadline = performance.now() + 120_000
  while (readers.some((r, i) => r.frames - base[i]! < total)) {
    if (performance.now() > deadline) throw new Error(`${target.name}: fan-out incomplete after 120 s`)
    await new Promise((ok) => setTimeout(ok, 10))
  }
  const seconds = (performance.now() - start) / 1000
  for (const r of readers) r.close()
  return { updatesPerSec: total / seconds, deliveriesPerSec: (total * clients) / seconds, seconds }
}

const tokenOpt = (token: string | undefined): { token?: string } => (token ? { token } : {})

/**
 * (c) Propagation A → relay → B with `stores` connected stores, and fan-out to `clients`
 * connected clients, on the Allot relay and on stock @y/websocket-server, same load, same run.
 */
export async function benchRelay(
  stores: number,
  samples: number,
  clients: number,
  perWriter: number,
): Promise<BenchRow[]> {
  const writers = 10
  const results: Record<
    string,
    { p50: number; p99: number; updatesPerSec: number; deliveriesPerSec: number }
  > = {}
  // Allot relay.
  const dir = tempDir('allot-bench-relay-').path
  let relay: RelayProcess | undefined
  let yws: Child | undefined
  try {
    relay = await spawnRelay(dir, benchRelayArgs)
    await createOrg(relay, ORG)
    const tokens = await enrollMany(relay, ORG, [
      ...Array.from({ length: stores }, (_, i) => `s${i}`),
      'reader',
    ])
    const allot: Target = {
      name: 'Allot relay',
      url: `${relay.wsUrl}/sync/${ORG}`,
      token: (id) => tokens.get(id),
    }
    const p = await propagation(allot, stores, samples)
    const f = await fanOut(allot, p.peers.slice(0, writers), clients, perWriter)
    for (const peer of p.peers) peer.close()
    results.allot = { ...p, ...f }

    yws = await startYWebsocketServer()
    const stock: Target = {
      name: '@y/websocket-server',
      url: `ws://127.0.0.1:${yws.ready.port}/sync/${ORG}`,
      token: () => undefined,
    }
    const q = await propagation(stock, stores, samples)
    const g = await fanOut(stock, q.peers.slice(0, writers), clients, perWriter)
    for (const peer of q.peers) peer.close()
    results.yws = { ...q, ...g }
  } finally {
    if (relay) await stopRelay(relay)
    if (yws) await yws.kill()
    removeDir(dir)
  }
  const a = results.allot!
  const y = results.yws!
  const base = '@y/websocket-server'
  return [
    {
      group: 'c. relay',
      metric: `propagation A→relay→B p50, ${stores} stores`,
      unit: 'ms',
      allot: a.p50,
      baseline: y.p50,
      baselineName: base,
      goal: '≤ 20 ms',
      met: a.p50 <= 20,
    },
    {
      group: 'c. relay',
      metric: `propagation A→relay→B p99, ${stores} stores`,
      unit: 'ms',
      allot: a.p99,
      baseline: y.p99,
      baselineName: base,
      goal: '≤ 100 ms',
      met: a.p99 <= 100,
    },
    {
      group: 'c. relay',
      metric: `fan-out, ${clients} clients: updates in/s (${writers} writers × ${perWriter})`,
      unit: '/s',
      allot: a.updatesPerSec,
      baseline: y.updatesPerSec,
      baselineName: base,
    },
    {
      group: 'c. relay',
      metric: `fan-out, ${clients} clients: deliveries out/s`,
      unit: '/s',
      allot: a.deliveriesPerSec,
      baseline: y.deliveriesPerSec,
      baselineName: base,
    },
  ]
}
