import { afterAll, describe, expect, it } from 'vitest'
import {
  connectApi,
  setUpStandaloneStore,
  startStoreNode,
  tempDir,
  startChain,
  synced,
  waitUntil,
} from '../support/index.ts'

const seqOf = (receiptNo: string): number => Number(receiptNo.split('-').at(-1))

// A receipt number's sequence is the sale's seq on the till's own log, written in the sale's
// durable transaction: kill -9 must neither lose a number that was answered nor hand it out again.
describe('receipt numbers through kill -9 (real store-node process)', () => {
  const dir = tempDir('receipt-kill')
  afterAll(() => dir.remove())

  it('keeps an answered number, answers a retry with it, and never gives it to the next sale', async () => {
    let node = await startStoreNode(dir.path)
    let { api, transport } = await connectApi(node.ready.api, node.token)
    const product = await setUpStandaloneStore(api, { sku: 'C-1', name: 'Cola', priceMinor: 150 }, 100)
    const sell = (key: string) =>
      api['sales.checkout']({
        idempotencyKey: key,
        lines: [{ productId: product.id, qty: 1 }],
        payment: { method: 'cash' },
      })
    const first = await sell('receipt-kill-1')
    expect(first.receiptNo).toMatch(/^T1-T1-\d{6}$/)
    transport.close()
    await node.kill('SIGKILL')

    node = await startStoreNode(dir.path)
    ;({ api, transport } = await connectApi(node.ready.api, node.token))
    await api['session.login']({ method: 'password', username: 'owner', password: 'owner-password' })
    // the answered sale kept its number; a retry of it (the till never saw the answer) gets it again
    expect((await api['sales.receipt']({ saleId: first.id })).receiptNo).toBe(first.receiptNo)
    expect((await sell('receipt-kill-1')).receiptNo).toBe(first.receiptNo)
    const second = await sell('receipt-kill-2')
    expect(seqOf(second.receiptNo!)).toBeGreaterThan(seqOf(first.receiptNo!))

    // killed while a sale is on its way: whether or not it was recorded, no number is given twice
    void sell('receipt-kill-3').catch(() => undefined)
    await node.kill('SIGKILL')
    transport.close()
    node = await startStoreNode(dir.path)
    ;({ api, transport } = await connectApi(node.ready.api, node.token))
    await api['session.login']({ method: 'password', username: 'owner', password: 'owner-password' })
    const fourth = await sell('receipt-kill-4')
    const numbers = (await api['sales.list']({})).items.map((i) => i.receiptNo)
    expect(numbers).toContain(first.receiptNo)
    expect(numbers).toContain(second.receiptNo)
    expect(new Set(numbers).size).toBe(numbers.length)
    expect(seqOf(fourth.receiptNo!)).toBeGreaterThan(seqOf(second.receiptNo!))
    expect((await api['sales.list']({ receiptNo: fourth.receiptNo! })).items.map((i) => i.id)).toEqual([
      fourth.id,
    ])
    transport.close()
    await node.kill('SIGTERM')
  })
})

describe("receipt numbers across a store's tills (real relay, store-node processes)", () => {
  let chain: Awaited<ReturnType<typeof startChain>> | undefined
  afterAll(async () => chain?.close())

  it('a second till of a store takes the next till number; its receipts are found at the first till', async () => {
    chain = await startChain(2)
    const [a, b] = chain.stores as [
      NonNullable<(typeof chain.stores)[0]>,
      NonNullable<(typeof chain.stores)[1]>,
    ]
    const a2 = await chain.addTill('A', 'Store A')
    expect((await a.api['settings.get']({})).tillNo).toBe(1)
    expect((await a2.api['settings.get']({})).tillNo).toBe(2)
    expect((await b.api['settings.get']({})).tillNo).toBe(1)
    await a.api['settings.update']({ timeZone: 'America/New_York', businessName: 'Store A Ltd' })

    const product = await a.api['catalog.upsert']({ sku: 'SOAP-1', name: 'Soap', priceMinor: 250 })
    await a.api['stock.restock']({ productId: product.id, qty: 10 })
    await synced(a)
    await waitUntil(
      async () => (await a2.api['catalog.search']({ query: 'Soap' })).items.length > 0,
      30_000,
      'the product reaches the second till',
    )
    await a2.api['stock.restock']({ productId: product.id, qty: 10 })
    const sell = (store: typeof a, key: string) =>
      store.api['sales.checkout']({
        idempotencyKey: key,
        lines: [{ productId: product.id, qty: 1 }],
        payment: { method: 'card' },
      })
    const onA1 = await sell(a, 'till-a1-sale')
    const onA2 = await sell(a2, 'till-a2-sale')
    expect(onA1.receiptNo).toMatch(/^A-T1-\d{6}$/)
    expect(onA2.receiptNo).toMatch(/^A-T2-\d{6}$/)

    await synced(a2)
    await waitUntil(
      async () => (await a.api['sales.list']({ receiptNo: onA2.receiptNo! })).total === 1,
      30_000,
      "the second till's sale is found by its number at the first till",
    )
    // a reprint at another till prints the recording till's number, store details and time zone
    const reprint = await a.api['sales.receipt']({ saleId: onA2.id, copy: true })
    expect(reprint.receiptNo).toBe(onA2.receiptNo)
    expect(reprint.text).toContain('Store A Ltd')
    expect(reprint.text).toContain('America/New_York')
  })
})
