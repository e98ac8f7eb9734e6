import { afterAll, describe, expect, it } from 'vitest'
import { openSetUpStore, cleanupAfterEach, refusal, waitUntil, startChain, synced } from '../support/index.ts'

const later = cleanupAfterEach()

describe('parked sales on one till', () => {
  it('parks a named cart, lists it, recalls it once; a discard is recorded, never silent', async () => {
    const s = await openSetUpStore('parked', later)
    const { cashier } = s
    const stockBefore = (await cashier['stock.get']({ productId: s.productId })).here
    const park = {
      idempotencyKey: 'park-blue-coat',
      name: 'Blue coat',
      lines: [{ productId: s.productId, qty: 2 }],
    }
    const parked = await cashier['parked.park'](park)
    expect(await cashier['parked.park'](park)).toEqual(parked) // a retry parks nothing twice
    expect((await cashier['parked.list']({})).items.map((c) => c.name)).toEqual(['Blue coat'])
    expect((await cashier['stock.get']({ productId: s.productId })).here).toBe(stockBefore) // holds no stock
    const recalled = await cashier['parked.recall']({ idempotencyKey: 'recall-blue-coat', parkId: parked.id })
    expect(recalled.lines).toEqual([
      { productId: s.productId, name: 'Green tea', qty: 2, unitPriceMinor: 349 },
    ])
    expect(recalled.outcome).toBe('recalled')
    expect((await cashier['parked.list']({})).items).toEqual([])
    const twice = await refusal(
      cashier['parked.recall']({ idempotencyKey: 'recall-blue-coat-2', parkId: parked.id }),
    )
    expect(twice.code).toBe('CONFLICT')

    const other = await cashier['parked.park']({ ...park, idempotencyKey: 'park-red-hat', name: 'Red hat' })
    await cashier['parked.discard']({ idempotencyKey: 'discard-red-hat', parkId: other.id })
    const gone = await refusal(
      cashier['parked.recall']({ idempotencyKey: 'recall-red-hat', parkId: other.id }),
    )
    expect(gone.message).toContain('discarded')
    const unknown = await refusal(
      cashier['parked.recall']({ idempotencyKey: 'recall-unknown', parkId: 'nope' }),
    )
    expect(unknown.code).toBe('NOT_FOUND')
  })
})

describe("parked sales across a store's tills (real relay, two store-node processes)", () => {
  let chain: Awaited<ReturnType<typeof startChain>> | undefined
  afterAll(async () => chain?.close())

  it("a cart parked on one till is recalled on the store's other till; another store never sees it", async () => {
    chain = await startChain(2)
    const [a, b] = chain.stores as [
      NonNullable<(typeof chain.stores)[0]>,
      NonNullable<(typeof chain.stores)[1]>,
    ]
    const product = await a.api['catalog.upsert']({ sku: 'COAT-1', name: 'Coat', priceMinor: 9900 })
    const a2 = await chain.addTill('A', 'Store A')
    const parked = await a.api['parked.park']({
      idempotencyKey: 'park-on-a1',
      name: 'Mrs Lee',
      lines: [{ productId: product.id, qty: 1 }],
    })
    await synced(a)
    await waitUntil(
      async () => (await a2.api['parked.list']({})).items.some((c) => c.id === parked.id),
      30_000,
      'the parked cart reaches the second till',
    )
    await synced(b)
    expect((await b.api['parked.list']({})).items).toEqual([])
    const recalled = await a2.api['parked.recall']({ idempotencyKey: 'recall-on-a2', parkId: parked.id })
    expect(recalled.lines.map((l) => l.name)).toEqual(['Coat'])
    await synced(a2)
    await waitUntil(
      async () => (await a.api['parked.list']({})).items.length === 0,
      30_000,
      'the first till sees it recalled',
    )
  })
})
