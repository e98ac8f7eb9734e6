import { afterAll, describe, expect, it } from 'vitest'
import {
  openSetUpStore,
  cleanupAfterEach,
  refusal,
  waitUntil,
  startChain,
  synced,
  twoStores,
} from '../support/index.ts'

const later = cleanupAfterEach()

describe('gift cards and store credit at one till', () => {
  it('sells a card into the drawer, pays part of a sale with it, refunds to store credit', async () => {
    const s = await openSetUpStore('cards', later)
    const { cashier } = s
    await cashier['shifts.open']({ idempotencyKey: 'open-shift-cards', floatMinor: 0 })
    const card = await cashier['cards.sell']({
      idempotencyKey: 'sell-card-1',
      cardId: 'gc 7777 0001',
      amountMinor: 2500,
      payment: { method: 'cash' },
    })
    expect(card).toMatchObject({ cardId: 'GC77770001', balanceMinor: 2500, hereMinor: 2500 })

    const sale = await cashier['sales.checkout']({
      idempotencyKey: 'sale-with-card',
      lines: [{ productId: s.productId, qty: 10 }],
      payment: { method: 'cash', cards: [{ cardId: 'GC77770001', amountMinor: 2500 }] },
    })
    expect(sale.payment.cards).toEqual([{ cardId: 'GC77770001', amountMinor: 2500 }])
    expect(sale.payment.tenderedMinor).toBe(sale.totalMinor - 2500)
    expect((await cashier['cards.balance']({ cardId: 'GC77770001' })).balanceMinor).toBe(0)
    const overspent = await refusal(
      cashier['sales.checkout']({
        idempotencyKey: 'sale-overspend',
        lines: [{ productId: s.productId, qty: 1 }],
        payment: { method: 'cash', cards: [{ cardId: 'GC77770001', amountMinor: 100 }] },
      }),
    )
    expect(overspent.code).toBe('OUT_OF_STOCK')

    const refund = await cashier['sales.refund']({
      idempotencyKey: 'refund-to-credit',
      saleId: sale.id,
      lines: [{ productId: s.productId, qty: 2 }],
      toStock: true,
      reason: 'wrong size',
      storeCredit: {},
    })
    expect(refund.storeCreditCardId).toMatch(/^SC-\d{4}-\d{4}-\d{4}$/)
    const credit = await cashier['cards.balance']({ cardId: refund.storeCreditCardId ?? '' })
    expect(credit.hereMinor).toBe(refund.totalMinor)

    const x = await cashier['shifts.report']({})
    expect(x.cardsSold).toEqual({ count: 1, amountMinor: 2500 })
    expect(x.salesByTender['gift-card']).toEqual({ count: 1, amountMinor: 2500 })
    expect(x.salesByTender.cash).toEqual({ count: 1, amountMinor: sale.totalMinor - 2500 })
    expect(x.refundsByTender).toEqual({ 'store-credit': { count: 1, amountMinor: refund.totalMinor } })
    // The card's price is in the drawer; the store credit took nothing out of it.
    expect(x.expectedCashMinor).toBe(2500 + sale.totalMinor - 2500)
  })
})

describe('a card balance across stores (real relay, two store-node processes)', () => {
  let chain: Awaited<ReturnType<typeof startChain>> | undefined
  afterAll(async () => chain?.close())

  it('B is refused what A holds, requests it, and pays once it arrives — also after A was offline', async () => {
    chain = await startChain(2)
    const [a, b] = twoStores(chain)
    const product = await a.api['catalog.upsert']({ sku: 'MUG-1', name: 'Mug', priceMinor: 1000 })
    await synced(a)
    await waitUntil(
      async () => (await b.api['catalog.search']({ query: 'Mug' })).items.length === 1,
      30_000,
      'B has the product',
    )
    await b.api['stock.restock']({ productId: product.id, qty: 10 })
    await a.api['cards.sell']({
      idempotencyKey: 'sell-card-a',
      cardId: 'GC-4242',
      amountMinor: 5000,
      payment: { method: 'card' },
    })
    await synced(a)
    await waitUntil(
      async () => (await b.api['cards.balance']({ cardId: 'GC-4242' })).balanceMinor === 5000,
      30_000,
      'B sees the card',
    )
    const pay = (key: string) =>
      b.api['sales.checkout']({
        idempotencyKey: key,
        lines: [{ productId: product.id, qty: 1 }],
        payment: { method: 'cash', cards: [{ cardId: 'GC-4242', amountMinor: 1000 }] },
      })
    expect((await refusal(pay('pay-at-b-1'))).code).toBe('OUT_OF_STOCK')
    expect((await b.api['sales.list']({})).total).toBe(0)

    // A is offline: B's request waits; nothing is spent twice.
    await a.stop()
    await b.api['cards.request']({ cardId: 'GC-4242', amountMinor: 1000 })
    expect((await refusal(pay('pay-at-b-2'))).code).toBe('OUT_OF_STOCK')
    await a.restart()
    await waitUntil(
      async () => (await b.api['cards.balance']({ cardId: 'GC-4242' })).hereMinor === 1000,
      30_000,
      'A grants the balance B asked for',
    )
    const sale = await pay('pay-at-b-3')
    expect(sale.payment.cards).toEqual([{ cardId: 'GC-4242', amountMinor: 1000 }])
    await synced(b)
    await waitUntil(
      async () => (await a.api['cards.balance']({ cardId: 'GC-4242' })).balanceMinor === 4000,
      30_000,
      'A sees the balance spent at B',
    )
    expect((await a.api['cards.balance']({ cardId: 'GC-4242' })).hereMinor).toBe(4000)
  })
})
