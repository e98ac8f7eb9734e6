import { describe, expect, it } from 'vitest'
import { cleanupAfterEach, openSetUpStore } from '../support/index.ts'

const later = cleanupAfterEach()

// Issue 21: a period's money — VAT by rate, tenders, refunds, discounts — per store and chain.
describe('reports.money', () => {
  it('adds up a period: VAT by rate net of refunds, split tenders, refunds by how they paid back', async () => {
    const { owner, cashier, productId } = await openSetUpStore('money-report', later)
    const mug = await owner['catalog.upsert']({
      sku: 'MUG-2',
      name: 'Mug',
      priceMinor: 1000,
      taxRateBp: 1900,
    })
    await owner['stock.restock']({ productId: mug.id, qty: 10 })
    // tea 3.49 at 7 %: 2 × 3.49 = 6.98 + 0.49 tax; the mug 10.00 + 1.90, 2.00 of it by card
    const first = await cashier['sales.checkout']({
      idempotencyKey: 'money-report-1',
      lines: [
        { productId, qty: 2 },
        { productId: mug.id, qty: 1 },
      ],
      payment: { method: 'cash', parts: [{ method: 'card', amountMinor: 200 }] },
    })
    expect(first.totalMinor).toBe(698 + 49 + 1000 + 190)
    await cashier['sales.checkout']({
      idempotencyKey: 'money-report-2',
      lines: [{ productId, qty: 1, discount: { amountMinor: 30, reason: 'Damaged packaging' } }],
      payment: { method: 'card' },
    })
    // the mug comes back as store credit
    await cashier['sales.refund']({
      idempotencyKey: 'money-report-r1',
      saleId: first.id,
      lines: [{ productId: mug.id, qty: 1 }],
      toStock: true,
      reason: 'wrong colour',
      storeCredit: {},
    })
    const today = new Date().toISOString().slice(0, 10)
    const report = await owner['reports.money']({ from: today, to: today })
    expect(report.stores).toHaveLength(1)
    expect(report.stores[0]?.figures).toEqual(report.chain)
    const f = report.chain
    expect(f.sales).toMatchObject({ count: 2, totalMinor: first.totalMinor + 319 + 22 })
    expect(f.salesByTender).toEqual({
      card: { count: 2, amountMinor: 200 + 341 },
      cash: { count: 1, amountMinor: first.totalMinor - 200 },
    })
    expect(f.refunds).toEqual({ count: 1, totalMinor: 1190 })
    expect(f.refundsByTender).toEqual({ 'store-credit': { count: 1, amountMinor: 1190 } })
    expect(f.discounts).toMatchObject({ count: 1, amountMinor: 30, byReason: { 'Damaged packaging': 30 } })
    // 7 %: 6.98 + 3.19 net, 0.49 + 0.22 tax; 19 %: sold 10.00 + 1.90, all refunded
    expect(f.vatByRate).toEqual([
      { rateBp: 700, netMinor: 698 + 319, taxMinor: 49 + 22 },
      { rateBp: 1900, netMinor: 0, taxMinor: 0 },
    ])
    // a period with nothing in it still lists the store
    const empty = await owner['reports.money']({ from: '2020-01-01', to: '2020-01-31' })
    expect(empty.stores.map((s) => s.figures.sales.count)).toEqual([0])
  })
  it('takes a return without a receipt off the VAT at the rate it was returned at', async () => {
    const { owner } = await openSetUpStore('money-report-return', later)
    const mug = await owner['catalog.upsert']({
      sku: 'MUG-3',
      name: 'Mug',
      priceMinor: 1000,
      taxRateBp: 1900,
    })
    // no sale in the period: a mug comes back without a receipt at 10.00 + 1.90
    const back = await owner['sales.return']({
      idempotencyKey: 'money-report-return-1',
      lines: [{ productId: mug.id, qty: 1 }],
      toStock: true,
      reason: 'gift, no receipt',
      method: 'cash',
    })
    expect(back.totalMinor).toBe(1190)
    // the rate changes afterwards; the return keeps the one it was taken out at
    await owner['catalog.upsert']({ id: mug.id, sku: 'MUG-3', name: 'Mug', priceMinor: 1000, taxRateBp: 700 })
    const today = new Date().toISOString().slice(0, 10)
    const f = (await owner['reports.money']({ from: today, to: today })).chain
    expect(f.refunds).toEqual({ count: 1, totalMinor: 1190 })
    expect(f.refundsByTender).toEqual({ cash: { count: 1, amountMinor: 1190 } })
    expect(f.vatByRate).toEqual([{ rateBp: 1900, netMinor: -1000, taxMinor: -190 }])
    // and its slip shows the same split
    const slip = await owner['sales.receipt']({ refundId: back.id })
    expect(slip.text).toMatch(/Tax 19%.*1\.90/)
  })
})
