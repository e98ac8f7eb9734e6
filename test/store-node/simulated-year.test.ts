// Issue 22, a simulated year: tills of a chain restart every "day", most cleanly and some by
// kill -9, with sales between. Only crashes may add Yjs clients to the organization's document,
// and a checkout afterwards costs what it costs on a fresh till, measured side by side.
// ALLOT_YEAR_DAYS sets the days (a short default; 365 for the real year).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  enrollDevice,
  mulberry32,
  waitUntil,
  connectApi,
  setUpStandaloneStore,
  startChain,
  stockClientCount,
  synced,
  type ChainStore,
  startStoreNode,
  tempDir,
} from '../support/index.ts'
import { summarize } from '../../tools/bench/stats.ts'

const days = Number(process.env.ALLOT_YEAR_DAYS ?? 10)
const CRASH_CHANCE = 0.2
const SALES_PER_DAY = 2

type Chain = Awaited<ReturnType<typeof startChain>>
let chain: Chain
let productId: string
let observerToken: string
let sequence = 0

beforeAll(async () => {
  chain = await startChain(2)
  const [a, b] = chain.stores as [ChainStore, ChainStore]
  productId = (await a.api['catalog.upsert']({ sku: 'YEAR-1', name: 'Bread', priceMinor: 250 })).id
  await a.api['stock.restock']({ productId, qty: 100_000 })
  await waitUntil(async () => (await b.api['catalog.list']({})).total > 0, 20_000, 'catalog at B')
  await b.api['stock.restock']({ productId, qty: 100_000 })
  observerToken = (await enrollDevice(chain.relay, chain.orgId, 'year-observer')).token
}, 60_000)

afterAll(async () => {
  await chain?.close()
})

const relayClientCount = () => stockClientCount(chain.relay, chain.orgId, observerToken)

const sale = (id: string) => ({
  idempotencyKey: `year-${id}-${++sequence}`,
  lines: [{ productId, qty: 1 }],
  payment: { method: 'card' as const },
})

describe(`a simulated year (${days} days)`, () => {
  it('adds Yjs clients only for crashes, and a checkout costs what it costs on a fresh till', async () => {
    const random = mulberry32(22)
    for (const s of chain.stores) await synced(s)
    const before = await relayClientCount()
    let crashes = 0
    for (let day = 0; day < days; day++) {
      for (const till of chain.stores) {
        const crash = random() < CRASH_CHANCE
        if (crash) crashes++
        await till.stop(crash ? 'SIGKILL' : 'SIGTERM')
        await till.restart()
        for (let s = 0; s < SALES_PER_DAY; s++) await till.api['sales.checkout'](sale(till.name))
      }
    }
    for (const s of chain.stores) await synced(s)
    const after = await relayClientCount()
    expect(after).toBeLessThanOrEqual(before + crashes)

    // One checkout at a time on each, alternating, so both see the same machine.
    const freshDir = tempDir('year-fresh')
    const fresh = await startStoreNode(freshDir.path)
    try {
      const { api, transport } = await connectApi(fresh.ready.api, fresh.token)
      const p = await setUpStandaloneStore(api, { sku: 'F-1', name: 'Fresh', priceMinor: 100 }, 100_000)
      const till = chain.stores[0]!
      const onTill: number[] = []
      const onFresh: number[] = []
      for (let i = 0; i < 300; i++) {
        let t0 = performance.now()
        await till.api['sales.checkout'](sale('timed'))
        onTill.push(performance.now() - t0)
        t0 = performance.now()
        await api['sales.checkout']({ ...sale('fresh'), lines: [{ productId: p.id, qty: 1 }] })
        onFresh.push(performance.now() - t0)
      }
      transport.close()
      const ratio = summarize(onTill.slice(50)).p50 / summarize(onFresh.slice(50)).p50
      expect(ratio).toBeLessThanOrEqual(1.2)
    } finally {
      await fresh.kill('SIGTERM')
      freshDir.remove()
    }
  }, 600_000)
})
