import { describe, expect, it } from 'vitest'
import { openSetUpStore, cleanupAfterEach, refusal } from '../support/index.ts'

const later = cleanupAfterEach()

const store = (now?: () => Date) => openSetUpStore('counts', later, now)

describe('stock counts', () => {
  it('a blind count with sales during it posts the physical quantity counted, approved by a manager PIN', async () => {
    const { owner, cashier, productId } = await store()
    const count = await cashier['counts.start']({
      idempotencyKey: 'count-start-tea',
      name: 'Tea shelf',
      scope: { productIds: [productId] },
      blind: true,
    })
    const line = await cashier['counts.record']({
      idempotencyKey: 'count-tea-1',
      countId: count.id,
      productId,
      countedQty: 97,
    })
    expect(line).toMatchObject({
      countedQty: 97,
      expectedQty: null,
      varianceQty: null,
      varianceCostMinor: null,
    })
    // valued at cost: the catalog's 2.10 until the store received it at a cost
    const tea = await owner['catalog.get']({ id: productId })
    await owner['catalog.upsert']({
      id: tea.id,
      sku: tea.sku,
      name: tea.name,
      priceMinor: tea.priceMinor,
      taxRateBp: tea.taxRateBp,
      costMinor: 210,
    })
    const managerView = await owner['counts.get']({ countId: count.id })
    expect(managerView.lines[0]).toMatchObject({
      countedQty: 97,
      expectedQty: 100,
      varianceQty: -3,
      varianceCostMinor: -630,
    })

    // The cashier sells 5 after the shelf was counted: not a variance.
    await cashier['sales.checkout']({
      idempotencyKey: 'sale-during-count',
      lines: [{ productId, qty: 5 }],
      payment: { method: 'card' },
    })
    const unapproved = await refusal(
      cashier['counts.post']({ idempotencyKey: 'post-tea-0', countId: count.id }),
    )
    expect(unapproved.code).toBe('APPROVAL_REQUIRED')
    expect((await owner['stock.get']({ productId })).here).toBe(95)
    const posted = await cashier['counts.post']({
      idempotencyKey: 'post-tea-1',
      countId: count.id,
      approval: { username: 'owner', pin: '1234' },
    })
    expect(posted.posted).toBe(true)
    expect(posted.approvedByName).toBeTruthy()
    expect(posted.lines[0]).toMatchObject({ expectedQty: 100, varianceQty: -3 }) // visible once posted
    expect((await owner['stock.get']({ productId })).here).toBe(92) // 97 counted − 5 sold since
    const movements = await owner['reports.movements']({ productId })
    expect(movements.rows.some((r) => r.reason === 'count' && r.delta === -3)).toBe(true)
    const late = await refusal(
      cashier['counts.record']({
        idempotencyKey: 'count-tea-2',
        countId: count.id,
        productId,
        countedQty: 1,
      }),
    )
    expect(late.code).toBe('CONFLICT')
    expect((await owner['counts.list']({})).items.map((c) => [c.name, c.posted])).toEqual([
      ['Tea shelf', true],
    ])
  })

  it('a recount of a product replaces its line; found units add rights', async () => {
    const { owner, productId } = await store()
    const count = await owner['counts.start']({
      idempotencyKey: 'count-start-2',
      name: 'All',
      scope: { everything: true },
    })
    await owner['counts.record']({
      idempotencyKey: 'count-line-a',
      countId: count.id,
      productId,
      countedQty: 90,
    })
    await owner['counts.record']({
      idempotencyKey: 'count-line-b',
      countId: count.id,
      productId,
      countedQty: 104,
    })
    const posted = await owner['counts.post']({ idempotencyKey: 'count-post-2', countId: count.id })
    expect(posted.lines[0]).toMatchObject({ countedQty: 104, varianceQty: 4 })
    expect((await owner['stock.get']({ productId })).here).toBe(104)
  })

  it('counts what was not counted for N days', async () => {
    let nowMs = Date.parse('2026-11-01T10:00:00Z')
    const { owner, productId } = await store(() => new Date(nowMs))
    const other = await owner['catalog.upsert']({ sku: 'MUG-1', name: 'Mug', priceMinor: 500 })
    const first = await owner['counts.start']({
      idempotencyKey: 'count-start-3',
      name: 'Tea',
      scope: { productIds: [productId] },
    })
    await owner['counts.record']({
      idempotencyKey: 'count-line-3',
      countId: first.id,
      productId,
      countedQty: 100,
    })
    nowMs += 10 * 86_400_000
    const stale = await owner['counts.start']({
      idempotencyKey: 'count-start-4',
      name: 'Stale',
      scope: { countedMoreThanDaysAgo: 30 },
    })
    expect(stale.lines.map((l) => l.productId)).toEqual([other.id])
  })

  it('a shortfall larger than the rights still held is recorded as not posted; value never below zero', async () => {
    const { node, owner, productId } = await store()
    const count = await owner['counts.start']({
      idempotencyKey: 'count-start-5',
      name: 'Tea',
      scope: { productIds: [productId] },
    })
    await owner['counts.record']({
      idempotencyKey: 'count-line-5',
      countId: count.id,
      productId,
      countedQty: 0,
    })
    // 60 sold after the count, from the 100 the count found missing: only 40 rights are left.
    await owner['sales.checkout']({
      idempotencyKey: 'sale-after-count',
      lines: [{ productId, qty: 60 }],
      payment: { method: 'card' },
    })
    const posted = await owner['counts.post']({ idempotencyKey: 'count-post-5', countId: count.id })
    expect(posted.unposted).toEqual([{ productId, qty: 60 }])
    const stock = await owner['stock.get']({ productId })
    expect(stock.here).toBe(0)
    expect(stock.value).toBe(0)
    expect(node.fold.alerts()).toEqual([])
  })
})
