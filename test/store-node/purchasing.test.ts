import { afterAll, describe, expect, it } from 'vitest'
import {
  cleanupAfterEach,
  openSetUpStore,
  pdfText,
  refusal,
  startChain,
  synced,
  twoStores,
  waitUntil,
} from '../support/index.ts'

const later = cleanupAfterEach()

describe('suppliers, purchase orders and receiving at one store', () => {
  it('drafts, sends and receives an order in two deliveries; stock, cost and margin follow', async () => {
    const s = await openSetUpStore('purchasing', later)
    const { owner, cashier } = s
    expect((await refusal(cashier['suppliers.upsert']({ name: 'Tea Co' }))).code).toBe('FORBIDDEN')
    const supplier = await owner['suppliers.upsert']({ name: 'Tea Co', contact: 'Ana', leadTimeDays: 3 })
    const tea = await owner['catalog.upsert']({
      id: s.productId,
      sku: 'TEA-1',
      name: 'Green tea',
      priceMinor: 349,
      taxRateBp: 700,
      supplierId: supplier.id,
      supplierSku: 'TC-GREEN',
      costMinor: 200,
    })
    expect(tea).toMatchObject({ supplierId: supplier.id, supplierSku: 'TC-GREEN', costMinor: 200 })
    const unknown = await refusal(
      owner['catalog.upsert']({ sku: 'X-1', name: 'X', priceMinor: 1, supplierId: 'no-such-supplier' }),
    )
    expect(unknown.code).toBe('NOT_FOUND')

    const draft = await owner['purchasing.create']({
      idempotencyKey: 'key-test-po-1',
      supplierId: supplier.id,
      lines: [{ productId: tea.id, qty: 8 }],
    })
    expect(draft).toMatchObject({ state: 'draft', supplierName: 'Tea Co', totalCostMinor: 1600 })
    const edited = await owner['purchasing.updateLines']({
      idempotencyKey: 'key-test-po-2',
      poId: draft.id,
      lines: [{ productId: tea.id, qty: 10, unitCostMinor: 200 }],
    })
    expect(edited.lines).toEqual([expect.objectContaining({ qty: 10, unitCostMinor: 200, received: 0 })])
    const early = await refusal(
      cashier['purchasing.receive']({
        idempotencyKey: 'key-test-po-3',
        poId: draft.id,
        lines: [{ productId: tea.id, qty: 1 }],
      }),
    )
    expect(early.code).toBe('CONFLICT')
    await owner['purchasing.send']({ idempotencyKey: 'key-test-po-4', poId: draft.id })
    expect(
      (
        await refusal(
          owner['purchasing.updateLines']({
            idempotencyKey: 'key-test-po-5',
            poId: draft.id,
            lines: [{ productId: tea.id, qty: 1 }],
          }),
        )
      ).code,
    ).toBe('CONFLICT')

    const before = (await cashier['catalog.get']({ id: tea.id })).here
    const first = await cashier['purchasing.receive']({
      idempotencyKey: 'key-test-po-6',
      poId: draft.id,
      lines: [{ productId: tea.id, qty: 6, damaged: 1 }],
    })
    expect(first).toMatchObject({ state: 'partially-received', receipts: 1 })
    expect(first.lines[0]).toMatchObject({ received: 6, damaged: 1 })
    expect((await cashier['catalog.get']({ id: tea.id })).here).toBe(before + 6)
    // the same delivery again (a retry): stocked once
    await cashier['purchasing.receive']({
      idempotencyKey: 'key-test-po-6',
      poId: draft.id,
      lines: [{ productId: tea.id, qty: 6, damaged: 1 }],
    })
    expect((await cashier['catalog.get']({ id: tea.id })).here).toBe(before + 6)
    // the rest, two more than ordered, at a higher cost
    const second = await cashier['purchasing.receive']({
      idempotencyKey: 'key-test-po-7',
      poId: draft.id,
      lines: [{ productId: tea.id, qty: 6, unitCostMinor: 260 }],
    })
    expect(second).toMatchObject({ state: 'received', overDelivered: true, receipts: 2 })
    expect((await cashier['catalog.get']({ id: tea.id })).here).toBe(before + 12)
    expect(
      (await refusal(owner['purchasing.cancel']({ idempotencyKey: 'key-test-po-8', poId: draft.id }))).code,
    ).toBe('CONFLICT')
    expect((await owner['purchasing.list']({ state: 'received' })).items.map((p) => p.id)).toEqual([draft.id])
    expect((await owner['purchasing.list']({ state: 'open' })).items).toEqual([])
    const csv = (await owner['purchasing.exportCsv']({ poId: draft.id })).csv
    expect(csv).toContain('SKU,Product,Ordered,Unit cost,Line total,Received,Damaged')
    expect(csv).toContain('TEA-1,Green tea,10,2.00,20.00,12,1')
    // the same order as a PDF for the supplier, read back by pdf.js
    const pdf = await owner['purchasing.exportPdf']({ poId: draft.id })
    expect(pdf.fileName).toBe(`allot-po-${draft.id.slice(0, 8)}.pdf`)
    const bytes = Buffer.from(pdf.pdfBase64, 'base64')
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
    const text = await pdfText(new Uint8Array(bytes))
    for (const expected of [
      'Purchase order',
      draft.id,
      'Tea Co',
      'TEA-1',
      'TC-GREEN',
      'Green tea',
      '2.00',
      '20.00',
    ])
      expect(text, expected).toContain(expected)
    expect(text).toMatch(/Total \(EUR, before tax\): 20\.00/)
    expect((await refusal(owner['purchasing.exportPdf']({ poId: 'no-such-order' }))).code).toBe('NOT_FOUND')

    // average cost: (6 × 2.00 + 6 × 2.60) / 12 = 2.30; two sold at 3.49 without tax
    await cashier['sales.checkout']({
      idempotencyKey: 'key-test-po-sale',
      lines: [{ productId: tea.id, qty: 2 }],
      payment: { method: 'card' },
    })
    const margin = await owner['reports.margin']({ from: '2000-01-01', to: '2100-01-01', groupBy: 'product' })
    expect(margin.rows).toEqual([
      { key: tea.id, label: 'Green tea', qty: 2, revenueMinor: 698, costMinor: 460, marginMinor: 238 },
    ])
    // a gift card's balance is rights too, but not stock
    await cashier['cards.sell']({
      idempotencyKey: 'key-test-po-card',
      cardId: 'GC77770002',
      amountMinor: 2500,
      payment: { method: 'cash' },
    })
    const value = await owner['reports.stockValue']({})
    expect(value.units).toBe(before + 12 - 2)
    expect(value.valueMinor).toBe((before + 12 - 2) * 230)

    // a dearer delivery moves the average from then on: (1,200 + 1,560 + 4 × 4.00) / 16 = 2.73 (2.725);
    // the two sold before keep their cost of 2.30, the one sold after costs 2.73
    const dearer = await owner['purchasing.create']({
      idempotencyKey: 'key-test-po-9',
      supplierId: supplier.id,
      lines: [{ productId: tea.id, qty: 4, unitCostMinor: 400 }],
    })
    await owner['purchasing.send']({ idempotencyKey: 'key-test-po-10', poId: dearer.id })
    await cashier['purchasing.receive']({
      idempotencyKey: 'key-test-po-11',
      poId: dearer.id,
      lines: [{ productId: tea.id, qty: 4 }],
    })
    await cashier['sales.checkout']({
      idempotencyKey: 'key-test-po-sale-2',
      lines: [{ productId: tea.id, qty: 1 }],
      payment: { method: 'card' },
    })
    const afterward = await owner['reports.margin']({
      from: '2000-01-01',
      to: '2100-01-01',
      groupBy: 'store',
    })
    expect(afterward).toMatchObject({
      revenueMinor: 3 * 349,
      costMinor: 460 + 273,
      marginMinor: 3 * 349 - 733,
    })
    expect((await owner['reports.stockValue']({})).valueMinor).toBe((before + 16 - 3) * 273)
  })

  it('suggests what to order from reorder points and sales, and drafts it in one action', async () => {
    const s = await openSetUpStore('reorder', later)
    const supplier = await s.owner['suppliers.upsert']({ name: 'Mugs Ltd', leadTimeDays: 5 })
    const mug = await s.owner['catalog.upsert']({
      sku: 'MUG-1',
      name: 'Mug',
      priceMinor: 900,
      reorderPoint: 10,
      supplierId: supplier.id,
      costMinor: 400,
    })
    await s.owner['stock.restock']({ productId: mug.id, qty: 20 })
    await s.cashier['sales.checkout']({
      idempotencyKey: 'key-test-reorder-sale',
      lines: [{ productId: mug.id, qty: 14 }],
      payment: { method: 'card' },
    })
    // 6 left, 14 sold in 28 days = 0.5 a day, 3 before a delivery: below the reorder point
    const { items } = await s.owner['purchasing.suggest']({ days: 28 })
    expect(items).toEqual([
      expect.objectContaining({
        productId: mug.id,
        here: 6,
        onOrder: 0,
        dailySales: 0.5,
        leadTimeDays: 5,
        qty: 17,
      }),
    ])
    const po = await s.owner['purchasing.draftFromSuggestions']({
      idempotencyKey: 'key-test-reorder-po',
      supplierId: supplier.id,
    })
    expect(po).toMatchObject({
      state: 'draft',
      lines: [expect.objectContaining({ productId: mug.id, qty: 17, unitCostMinor: 400 })],
    })
    await s.owner['purchasing.send']({ idempotencyKey: 'key-test-reorder-send', poId: po.id })
    // on order now: nothing more to suggest
    expect((await s.owner['purchasing.suggest']({ days: 28 })).items).toEqual([])
    expect(
      (
        await refusal(
          s.owner['purchasing.draftFromSuggestions']({
            idempotencyKey: 'key-test-reorder-po2',
            supplierId: supplier.id,
          }),
        )
      ).code,
    ).toBe('CONFLICT')
  })
})

describe('purchasing across stores (real relay, two store-node processes)', () => {
  let chain: Awaited<ReturnType<typeof startChain>> | undefined
  afterAll(async () => chain?.close())

  it('suppliers are shared; a delivery received at B shows in the chain stock value at A after sync', async () => {
    chain = await startChain(2)
    const [a, b] = twoStores(chain)
    const supplier = await a.api['suppliers.upsert']({ name: 'Shared Supplies' })
    const box = await a.api['catalog.upsert']({
      sku: 'BOX-1',
      name: 'Box',
      priceMinor: 500,
      supplierId: supplier.id,
      costMinor: 150,
    })
    await synced(a)
    await waitUntil(
      async () => (await b.api['suppliers.list']({})).items.length === 1,
      30_000,
      'B has the supplier',
    )
    await waitUntil(
      async () => (await b.api['catalog.search']({ query: 'Box' })).items.length === 1,
      30_000,
      'B has the box',
    )
    const po = await b.api['purchasing.create']({
      idempotencyKey: 'key-test-chain-po',
      supplierId: supplier.id,
      lines: [{ productId: box.id, qty: 5 }],
    })
    await b.api['purchasing.send']({ idempotencyKey: 'key-test-chain-send', poId: po.id })
    await b.api['purchasing.receive']({
      idempotencyKey: 'key-test-chain-recv',
      poId: po.id,
      lines: [{ productId: box.id, qty: 5 }],
    })
    // A's orders are its own store's; B's order is not on A's list
    expect((await a.api['purchasing.list']({})).items).toEqual([])
    // a store's till adds a supplier too (the relay takes it like a product): everyone has it
    await b.api['suppliers.upsert']({ name: 'Local Supplies' })
    await synced(b)
    await waitUntil(
      async () => (await a.api['suppliers.list']({})).items.length === 2,
      30_000,
      "A has B's supplier",
    )
    await waitUntil(
      async () => (await a.api['reports.stockValue']({})).valueMinor === 5 * 150,
      30_000,
      "A's stock value has B's delivery",
    )
    const value = await a.api['reports.stockValue']({})
    expect(value.stores.find((st) => st.units === 5)).toMatchObject({ valueMinor: 750 })
  })
})
