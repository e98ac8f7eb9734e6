import { afterAll, describe, expect, it } from 'vitest'
import {
  cleanupAfterEach,
  openSetUpStore,
  refusal,
  startChain,
  synced,
  twoStores,
  waitUntil,
} from '../support/index.ts'

// The chain at a glance: the owner's dashboard and the product × store stock matrix, from the
// head-office till's own copy of the document, after sync through a real relay.

describe('the chain at a glance (real relay, two store-node processes)', () => {
  let chain: Awaited<ReturnType<typeof startChain>> | undefined
  afterAll(async () => chain?.close())

  it("shows both stores' sales, stock and last sign of life after sync, stores without sales included", async () => {
    chain = await startChain(3)
    const [a, b] = twoStores(chain)
    const tea = await a.api['catalog.upsert']({ sku: 'TEA-1', name: 'Green tea', priceMinor: 350 })
    const mug = await a.api['catalog.upsert']({ sku: 'MUG-1', name: 'Mug', priceMinor: 1000 })
    await a.api['stock.restock']({ productId: tea.id, qty: 20 })
    await synced(a)
    await waitUntil(
      async () => (await b.api['catalog.search']({ query: 'Mug' })).items.length === 1,
      30_000,
      'B has the mug',
    )
    await b.api['stock.restock']({ productId: mug.id, qty: 7 })
    await b.api['sales.checkout']({
      idempotencyKey: 'glance-b-1',
      lines: [{ productId: mug.id, qty: 2 }],
      payment: { method: 'card' },
    })
    await a.api['sales.checkout']({
      idempotencyKey: 'glance-a-1',
      lines: [{ productId: tea.id, qty: 3 }],
      payment: { method: 'cash' },
    })
    await synced(b)
    await synced(a)

    // the chain launcher names its stores "Store A", "Store B"…
    const [atA, atB] = [`Store ${a.name}`, `Store ${b.name}`]
    const byName = async () => {
      const d = await a.api['chain.dashboard']({})
      return { d, stores: new Map(d.stores.map((s) => [s.name, s])) }
    }
    await waitUntil(
      async () => ((await byName()).stores.get(atB)?.today.count ?? 0) === 1,
      30_000,
      "A's dashboard has B's sale",
    )
    const { d, stores } = await byName()
    expect(d.stores).toHaveLength(3)
    expect(stores.get(atA)).toMatchObject({ thisStore: true, today: { count: 1, revenueMinor: 1050 } })
    expect(stores.get(atB)).toMatchObject({ thisStore: false, today: { count: 1, revenueMinor: 2000 } })
    expect(stores.get(atB)?.week).toEqual(stores.get(atB)?.today)
    // the third store sold nothing: it is on the dashboard with zeros, never left out
    const third = d.stores.find((s) => s.name !== atA && s.name !== atB)
    expect(third).toMatchObject({ today: { count: 0, revenueMinor: 0 }, week: { count: 0, revenueMinor: 0 } })
    expect(d.totals.today).toEqual({ count: 2, revenueMinor: 3050 })
    expect(Date.parse(stores.get(atB)?.lastHeardAt ?? '')).toBeGreaterThan(Date.now() - 5 * 60_000)
    expect(d.sync).toMatchObject({ state: 'online', pendingEvents: 0 })
    expect(d.openPurchaseOrders).toBe(0)

    const matrix = await a.api['chain.stockMatrix']({})
    const col = (name: string) => matrix.stores.findIndex((s) => s.name === name)
    const row = (sku: string) => matrix.rows.find((r) => r.product.sku === sku)
    expect(matrix.total).toBe(2)
    expect(row('TEA-1')?.perStore[col(atA)]).toBe(17)
    expect(row('TEA-1')?.perStore[col(atB)]).toBe(0)
    expect(row('MUG-1')?.perStore[col(atB)]).toBe(5)
    expect(row('MUG-1')?.total).toBe(5)
    // filters: a text query, a subset of stores, paging
    const mugsAtB = await a.api['chain.stockMatrix']({
      query: 'mug',
      storeIds: [matrix.stores[col(atB)]!.storeId],
    })
    expect(mugsAtB).toMatchObject({
      total: 1,
      stores: [{ name: atB }],
      rows: [{ perStore: [5], total: 5 }],
    })
    expect(
      (await a.api['chain.stockMatrix']({ offset: 1, limit: 1 })).rows.map((r) => r.product.sku),
    ).toEqual(['MUG-1'])
    const csv = await a.api['chain.stockMatrixCsv']({})
    expect(csv).toMatchObject({ rows: 2, truncated: false })
    expect(csv.csv.split('\n')[0]).toBe(
      `SKU,Product,${matrix.stores.map((s) => s.name).join(',')},Chain,Reserved`,
    )
  })
})

describe('the chain at a glance at one till', () => {
  const later = cleanupAfterEach()

  it('is for managers and owners, validates its filters, and neutralises formulas in the export', async () => {
    const s = await openSetUpStore('glance', later)
    expect((await refusal(s.cashier['chain.dashboard']({}))).code).toBe('FORBIDDEN')
    expect((await refusal(s.owner['chain.stockMatrix']({ limit: 0 }))).code).toBe('VALIDATION')
    await s.owner['catalog.upsert']({ sku: 'EVIL-1', name: '=HYPERLINK("http://x")', priceMinor: 1 })
    const csv = await s.owner['chain.stockMatrixCsv']({ query: 'EVIL-1' })
    expect(csv.csv).toContain(`"'=HYPERLINK(""http://x"")"`)
  })
})
