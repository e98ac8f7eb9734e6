// Bench v: the relay's worst event-loop stall for the largest update it accepts (issue #17: under
// 100 ms). A real relay process receives, over a real socket, updates as large as its per-update
// caps allow, shaped to be expensive for it — long origin chains either way, many nested product
// fields, a delete per struct — and reports its own longest event-loop stall meanwhile (prom-client's
// `nodejs_eventloop_lag_max_seconds`, reset by every scrape). The baseline is plain Yjs applying
// the same update (what a relay without validation would pay).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import { MAX_STRUCTS_PER_UPDATE, MAX_VALUES_PER_UPDATE } from '../../shared/core/split-update.ts'
import {
  createOrg,
  enrollDevice,
  scrapeMetrics,
  spawnRelay,
  stopRelay,
  TestPeer,
} from '../cluster/relay-harness.ts'
import { craftUpdate, type CraftedStruct } from '../chaos/crafted-update.ts'
import type { BenchRow } from './report.ts'

const event = (i: number) => ({
  seq: i + 1,
  id: `v-${i}`,
  type: 'sale',
  at: '2030-01-01T00:00:00.000Z',
  by: 'u',
  lines: [{ productId: 'p', qty: 1, unitPriceMinor: 100, taxRate: 700 }],
  totals: { subtotalMinor: 100, taxMinor: 7, totalMinor: 107 },
  // sized so that the update nears the relay's 1 MiB cap: decoding values is most of the cost
  note: 'n'.repeat(150),
})

/**
 * Each shape is as large as the relay accepts: `n` structs, of which at most the value cap hold
 * values (the rest are deleted items, which also break the runs Yjs would merge).
 */
function shapes(n: number, replicaId: string, CLIENT: number): Record<string, Uint8Array> {
  const log = `log:${replicaId}`
  // values on every `every`-th struct (never two in a row: they would merge), as many as the cap allows
  const every = Math.max(2, Math.ceil(n / MAX_VALUES_PER_UPDATE))
  const chain = (link: 'origin' | 'rightOrigin'): CraftedStruct[] =>
    Array.from({ length: n }, (_, i): CraftedStruct =>
      i === 0
        ? { parent: log, content: { any: [event(i)] } }
        : { [link]: [CLIENT, i - 1], content: i % every !== 0 ? { deleted: 1 } : { any: [event(i)] } },
    )
  const products: CraftedStruct[] = []
  let values = 0
  for (let p = 0; products.length < n && values < MAX_VALUES_PER_UPDATE; p++) {
    const holder = products.length
    products.push({ parent: 'products', parentSub: `v-${p}`, content: { type: 'map' } })
    for (let f = 0; f < 6 && products.length < n && values < MAX_VALUES_PER_UPDATE; f++, values++)
      products.push({ parent: [CLIENT, holder], parentSub: `f${f}`, content: { any: [`value ${p}`] } })
  }
  const one = (structs: CraftedStruct[], deletes = false) =>
    craftUpdate({
      clients: [{ client: CLIENT, clock: 0, structs }],
      ...(deletes
        ? {
            deletes: [
              { client: CLIENT, ranges: Array.from({ length: n / 2 }, (_, i) => [i * 2, 1] as const) },
            ],
          }
        : {}),
    })
  return {
    'origin chain': one(chain('origin')),
    'right-origin chain': one(chain('rightOrigin')),
    'nested product fields': one(products),
    'a delete per other struct': one(chain('origin'), true),
  }
}

export async function benchValidation(): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  const n = MAX_STRUCTS_PER_UPDATE
  const dir = mkdtempSync(join(tmpdir(), 'bench-v-'))
  const relay = await spawnRelay(dir, ['--upgrade-burst', '100', '--enroll-burst', '100'])
  const lagMs = async () => {
    const text = await scrapeMetrics(relay)
    const line = /^nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(text)
    return line ? Number(line[1]) * 1000 : NaN
  }
  try {
    await createOrg(relay, 'bench')
    // an organization with history: another till's 20,000 events
    const other = await enrollDevice(relay, 'bench', 'r-other')
    const history = new TestPeer(`${relay.wsUrl}/sync/bench`, { token: other.token })
    await history.waitSynced()
    for (let i = 0; i < Number(process.env.BENCH_V_HISTORY ?? 200); i++)
      history.doc.getArray('log:r-other').push(Array.from({ length: 100 }, (_, j) => event(i * 100 + j)))
    await history.waitFor(
      () => history.received.length >= Number(process.env.BENCH_V_HISTORY ?? 200),
      30_000,
      'history stored',
    )
    history.close()

    const names = Object.keys(shapes(1, 'x', 1))
    /** Sends one update from a new device and returns the longest event-loop stall meanwhile. */
    const stallOf = async (index: number, size: number, shape: string): Promise<number> => {
      // a device and a Yjs client of its own each time: a client the relay holds would be a no-op
      const device = await enrollDevice(relay, 'bench', `r-v-${index}`)
      const update = shapes(size, device.replicaId, 4_242_424 + index)[shape]!
      const peer = new TestPeer(`${relay.wsUrl}/sync/bench`, { token: device.token, sendLocal: false })
      await peer.waitSynced()
      await lagMs() // resets the relay's maximum
      const before = peer.received.length
      peer.sendUpdate(update)
      const outcome = await Promise.race([
        peer.closed.then((c) => `refused ${c.code} ${c.reason}`),
        peer.waitFor(() => peer.received.length > before, 60_000, 'echo').then(() => 'accepted'),
      ])
      // the commit and the echo's fan-out run after the update's own task: include them
      await new Promise((r) => setTimeout(r, 50))
      const stall = await lagMs()
      peer.close()
      if (outcome !== 'accepted') throw new Error(`${shape}: ${outcome}`)
      return stall
    }
    // a relay that has been running: every path warmed up once with smaller updates
    for (const [index, shape] of names.entries()) await stallOf(100 + index, n / 10, shape)
    for (const [index, shape] of names.entries()) {
      const stallMs = Math.max(await stallOf(index, n, shape), await stallOf(200 + index, n, shape))
      const update = shapes(n, `r-v-${index}`, 4_242_424 + index)[shape]!
      const plainDoc = new Y.Doc()
      const t0 = performance.now()
      Y.applyUpdate(plainDoc, update)
      const plainMs = performance.now() - t0
      rows.push({
        group: 'v relay validation',
        metric: `worst stall, ${n.toLocaleString('en')}-struct update: ${shape}`,
        unit: 'ms',
        allot: stallMs,
        baseline: plainMs,
        baselineName: 'plain Yjs apply',
        goal: '≤ 100 ms',
        met: stallMs <= 100,
      })
    }
  } finally {
    await stopRelay(relay)
    rmSync(dir, { recursive: true, force: true })
  }
  return rows
}
