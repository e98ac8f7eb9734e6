import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiOf } from '../support/index.ts'
import { seedChain, type SeededChain } from './seed.ts'

// Every intent against a seeded chain: two real StoreNodes on real SQLite ("Main street", where
// the questions are asked, and "Harbour"), with sales, reservations and stock in both.
let chain: SeededChain
beforeAll(async () => {
  chain = await seedChain()
})
afterAll(() => chain.close())

const figure = (answer: { figures: Array<{ label: string; value: string }> }, label: string) =>
  answer.figures.find((f) => f.label === label)?.value

describe('assistant.ask answers from the store data, offline', () => {
  it('what is low / what to reorder', async () => {
    const a = await chain.ask('What is low?')
    expect(a).toMatchObject({ intent: 'low-stock', source: 'rules' })
    // Black tea: 5 restocked, 1 sold → 4 in the chain, reorder point 20 → suggested order 36.
    expect(a.answer).toContain('Black tea (TEA-2): 4 left, reorder point 20, order 36')
    expect(a.answer).not.toContain('Green tea')
    expect(a.figures).toEqual([expect.objectContaining({ productId: chain.ids.blackTea, qty: 4 })])
    expect(a.links).toEqual([{ label: 'Low stock', screen: 'stock', params: { filter: 'low' } }])
    expect((await chain.ask('running low?')).intent).toBe('low-stock')
  })

  it('stock of a product, here and per store', async () => {
    const a = await chain.ask('How many green tea do we have?')
    expect(a.intent).toBe('stock-level')
    // Main street: 100 − 3 − 4 = 93. Harbour: 20 − 5 = 15. Chain: 108.
    expect(a.answer).toContain('Green tea (TEA-1): 93 pcs here, 108 in the chain')
    expect(a.answer).toContain('Per store: Main street 93, Harbour 15')
    expect(figure(a, 'Green tea: here')).toBe('93')
    expect(figure(a, 'Green tea: Harbour')).toBe('15')
    expect(a.links).toEqual([
      { label: 'Stock of Green tea', screen: 'stock', params: { productId: chain.ids.greenTea } },
    ])
    // By SKU, by a typo, and by the name alone.
    expect((await chain.ask('stock of TEA-1')).answer).toContain('93 pcs here')
    expect((await chain.ask('grene tea stock')).figures[0]).toMatchObject({ productId: chain.ids.greenTea })
    expect((await chain.ask('espresso beans')).answer).toContain(
      'Espresso beans (COF-1): 36 pcs here, 36 in the chain (2 reserved)',
    )
    // A product the catalog does not have is never answered with another one that shares a word.
    for (const question of [
      'How many white tea do we have?',
      'stock of green mugs',
      'which store has iron kettles',
    ])
      expect((await chain.ask(question)).figures, question).toEqual([])
    expect((await chain.ask('How many white tea do we have?')).answer).toContain(
      'could not find a product matching "white tea"',
    )
    expect((await chain.ask('cast iron teapot stock')).figures[0]).toMatchObject({
      productId: chain.ids.teapot,
    })
    // An unknown product says so and offers the catalog search.
    const missing = await chain.ask('how many unicorns do we have')
    expect(missing.answer).toContain('could not find a product matching "unicorns"')
    expect(missing.links[0]).toMatchObject({ screen: 'catalog', params: { query: 'unicorns' } })
  })

  it('cheap and expensive items under / over a price', async () => {
    const under = await chain.ask('what costs under €3.49?')
    expect(under.intent).toBe('price')
    expect(under.answer).toContain('3 products are priced at or under €3.49')
    expect(under.figures.map((f) => f.amountMinor)).toEqual([99, 299, 349])
    expect(under.links[0]).toMatchObject({ screen: 'catalog', params: { maxPriceMinor: '349' } })
    const over = await chain.ask('items over 20 euros')
    expect(over.answer).toContain('Cast iron teapot (POT-1): €24.99')
    expect(over.figures).toHaveLength(1)
    const cheapest = await chain.ask('cheapest items')
    expect(cheapest.figures[0]).toMatchObject({ label: 'Peppermints', value: '€0.99', amountMinor: 99 })
    const price = await chain.ask('how much is the teapot?')
    expect(price.answer).toContain('Cast iron teapot (POT-1) costs €24.99')
  })

  it('best sellers over a period', async () => {
    const a = await chain.ask('best sellers this week')
    expect(a.intent).toBe('best-sellers')
    // Green tea: 3 + 4 at Main street, 5 at Harbour = 12 (chain-wide).
    expect(a.figures.map((f) => [f.productId, f.qty])).toEqual([
      [chain.ids.greenTea, 12],
      [chain.ids.beans, 2],
      [chain.ids.blackTea, 1],
    ])
    expect(a.answer).toMatch(/1\. Green tea: 12 sold, €\d+\.\d\d/)
    expect(a.links[0]).toMatchObject({ screen: 'reports', params: { groupBy: 'product' } })
    const top1 = await chain.ask('top 1 seller in the last 30 days')
    expect(top1.figures).toHaveLength(1)
  })

  it('sales today, here and chain-wide, with money from integer minor units', async () => {
    const sales = await apiOf(chain.main, chain.owner)['sales.list']({})
    const here = sales.items.filter((s) => s.replicaId === chain.main.replicaId)
    const hereMinor = here.reduce((t, s) => t + s.totalMinor, 0)
    const chainMinor = sales.items.reduce((t, s) => t + s.totalMinor, 0)
    const euro = (minor: number) => `€${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`

    const a = await chain.ask('sales today')
    expect(a.intent).toBe('sales-total')
    expect(a.answer).toBe(`Sales here (Main street) today: ${euro(hereMinor)} from 3 sales.`)
    expect(a.figures[0]).toMatchObject({ amountMinor: hereMinor, qty: 3 })
    expect(a.links[0]).toMatchObject({ screen: 'reports' })

    const all = await chain.ask('How much did we sell this week across all stores?')
    expect(all.answer).toContain(`Sales across the chain this week: ${euro(chainMinor)} from 4 sales`)
    expect(all.answer).toContain('Harbour')
    expect(figure(all, 'Sales at Harbour')).toBe(euro(chainMinor - hereMinor))

    const product = await chain.ask('how many green tea did we sell today')
    expect(product.figures[0]).toMatchObject({ productId: chain.ids.greenTea, qty: 12 })
  })

  it('where a product can be had (which stores hold rights)', async () => {
    const a = await chain.ask('Which store has green tea?')
    expect(a.intent).toBe('where-available')
    expect(a.answer).toBe('Green tea can be had at Main street (here): 93, Harbour: 15.')
    const mug = await chain.ask('where can I get a ceramic mug')
    expect(mug.answer).toBe('Ceramic mug can be had at Harbour: 6.')
    expect(mug.links[0]).toMatchObject({ screen: 'stock', params: { productId: chain.ids.mug } })
  })

  it('what is waiting to sync', async () => {
    const a = await chain.ask('what is waiting to sync?')
    expect(a.intent).toBe('sync-pending')
    expect(a.answer).toContain('not linked to a relay')
    expect(figure(a, 'Waiting to sync')).toBe('0')
    expect(a.links).toEqual([{ label: 'Sync status', screen: 'status' }])
  })

  it('reservations about to expire', async () => {
    const a = await chain.ask('reservations about to expire')
    expect(a.intent).toBe('holds-expiring')
    expect(a.answer).toContain('1 reservation expires within 24 hours')
    expect(a.answer).toContain('Cast iron teapot × 1 for Ann Smith: expires in 30 minutes')
    expect(a.answer).not.toContain('Bob Jones') // three days away
    expect(a.figures[0]).not.toHaveProperty('label', expect.stringContaining('Ann'))
    expect(a.links).toEqual([{ label: 'Reservations', screen: 'reservations' }])
    const week = await chain.ask('reservations expiring in the next 4 days')
    expect(week.answer).toContain('2 reservations expire within 4 days')
  })

  it('an unknown question gets the list of what it can answer', async () => {
    const a = await chain.ask('what is the weather like?')
    expect(a.intent).toBe('unknown')
    expect(a.answer).toContain('I did not understand')
    expect(a.answer).toContain('what is low')
    expect(a.answer).toContain('reservations about to expire')
  })

  it('is a cashier method and validates its input', async () => {
    const anon = await chain.main.call('assistant.ask', { question: 'what is low' }, { userId: null })
    expect(anon.error?.code).toBe('UNAUTHENTICATED')
    const empty = await chain.main.call('assistant.ask', { question: '' }, chain.cashier)
    expect(empty.error?.code).toBe('VALIDATION')
    const settings = await chain.main.call('assistant.settings.get', {}, chain.cashier)
    expect(settings.error?.code).toBe('FORBIDDEN')
  })
})

describe('what the last stock count found', () => {
  it('says no count yet, then how far the open one got, then the posted variances', async () => {
    const owner = apiOf(chain.main, chain.owner)
    expect((await chain.ask('what did the last count find?')).answer).toBe(
      'No stock count has been started at this store yet.',
    )
    const widget = await owner['catalog.upsert']({ sku: 'WID-1', name: 'Count widget', priceMinor: 100 })
    const gadget = await owner['catalog.upsert']({ sku: 'GAD-1', name: 'Count gadget', priceMinor: 100 })
    await owner['stock.restock']({ productId: widget.id, qty: 10 })
    await owner['stock.restock']({ productId: gadget.id, qty: 4 })
    const count = await owner['counts.start']({
      idempotencyKey: 'assistant-count',
      name: 'Back shelf',
      scope: { productIds: [widget.id, gadget.id] },
      blind: true,
    })
    await owner['counts.record']({
      idempotencyKey: 'assistant-line-1',
      countId: count.id,
      productId: widget.id,
      countedQty: 8,
    })
    const open = await chain.ask('stocktake results')
    expect(open.intent).toBe('count-result')
    // a blind count still open: no expected figures, whoever asks
    expect(open.answer).toBe(
      'No count has been posted at this store yet. "Back shelf" is open: 1 of 2 products counted.',
    )
    await owner['counts.record']({
      idempotencyKey: 'assistant-line-2',
      countId: count.id,
      productId: gadget.id,
      countedQty: 4,
    })
    await owner['counts.post']({ idempotencyKey: 'assistant-post', countId: count.id })
    const a = await chain.ask('what did the last count find?')
    expect(a.answer).toContain('"Back shelf", posted')
    expect(a.answer).toContain('2 of 2 products counted, 1 difference.')
    expect(a.answer).toContain('Count widget: expected 10, counted 8 (-2)')
    expect(a.answer).not.toContain('Count gadget')
    expect(a.figures).toEqual([
      { label: 'Count widget: difference', value: '-2', productId: widget.id, qty: -2 },
    ])
  })
})

describe('what to order, and what products earn', () => {
  it("lists this store's purchasing suggestions", async () => {
    const a = await chain.ask('What should we order?')
    expect(a.intent).toBe('what-to-order')
    // Black tea: 4 here, 1 sold in 28 days, 7 days to deliver → up to 2 × 20 + 1 = 41, order 37.
    // The mug: none here (Harbour holds them), reorder point 3 → order 6.
    expect(a.answer).toContain('2 products to order for Main street:')
    expect(a.answer).toContain('Black tea (TEA-2): order 37 from no supplier (4 here, 0 on order')
    expect(a.answer).toContain('Ceramic mug (MUG-1): order 6')
    expect(a.figures.map((f) => [f.productId, f.qty])).toEqual([
      [chain.ids.blackTea, 37],
      [chain.ids.mug, 6],
    ])
    expect(a.links).toEqual([{ label: 'Purchasing: suggestions', screen: 'purchasing', params: {} }])
    expect((await chain.ask('order suggestions')).intent).toBe('what-to-order')
  })

  it('tells the margin of a period and of one product, at the cost of what was sold', async () => {
    const owner = apiOf(chain.main, chain.owner)
    // green tea now costs 2.00 a unit (the catalog's cost, nothing received with a cost)
    await owner['catalog.upsert']({
      id: chain.ids.greenTea,
      sku: 'TEA-1',
      name: 'Green tea',
      priceMinor: 349,
      taxRateBp: 700,
      costMinor: 200,
    })
    await apiOf(chain.main, chain.cashier)['sales.checkout']({
      idempotencyKey: 'assistant-margin-sale',
      lines: [{ productId: chain.ids.greenTea, qty: 2 }],
      payment: { method: 'card' },
    })
    // 14 sold in the chain: 12 before the cost was set (cost 0), 2 after (2 × 2.00)
    const tea = await chain.ask('what does green tea earn this week?')
    expect(tea.intent).toBe('margin')
    expect(tea.answer).toBe(
      'Green tea this week: 14 sold, €48.86 without tax, cost €4.00, margin €44.86 (91.8 %) (all stores).',
    )
    const all = await chain.ask('margin this week')
    expect(all.answer).toMatch(
      /^Margin this week \(all stores\): €\d+\.\d\d \(\d+\.\d %\) on €\d+\.\d\d revenue/,
    )
    expect(all.figures[0]).toMatchObject({ productId: chain.ids.greenTea })
    expect((await chain.ask('what does white tea earn?')).answer).toContain(
      'could not find a product matching "white tea"',
    )
  })
})
