import { describe, expect, it } from 'vitest'
import { cleanupAfterEach, openSetUpStore } from '../support/index.ts'

const later = cleanupAfterEach()

// Issue 21: reports are in the store's time zone, added up per day (a year reads days, not sales).
describe('reports by the store-local day', () => {
  it('puts a sale on the day it was in the store, not in UTC, in every report and the dashboard', async () => {
    let clock = new Date('2026-03-09T20:00:00.000Z')
    const { owner, cashier, productId } = await openSetUpStore('report-days', later, () => clock)
    await owner['settings.update']({ timeZone: 'America/New_York' })
    const sell = (key: string, qty: number) =>
      cashier['sales.checkout']({
        idempotencyKey: key,
        lines: [{ productId, qty }],
        payment: { method: 'card' },
      })
    // 16:00 on the 9th in New York
    const first = await sell('report-days-1', 1)
    // 02:30 UTC on the 10th is still 22:30 on the 9th in New York (EDT, UTC−4 since the 8th)
    clock = new Date('2026-03-10T02:30:00.000Z')
    const second = await sell('report-days-2', 2)
    // 05:00 UTC on the 10th is 01:00 on the 10th there
    clock = new Date('2026-03-10T05:00:00.000Z')
    const third = await sell('report-days-3', 4)
    await cashier['sales.refund']({
      idempotencyKey: 'report-days-r',
      saleId: second.id,
      lines: [{ productId, qty: 1 }],
      toStock: true,
      reason: 'changed mind',
    })

    const byDay = await owner['reports.sales']({ from: '2026-03-01', to: '2026-03-31', groupBy: 'day' })
    const refunded = Math.round(second.totalMinor / 2)
    expect(byDay.rows).toEqual([
      {
        key: '2026-03-09',
        label: '2026-03-09',
        qty: 3,
        count: 2,
        revenueMinor: first.totalMinor + second.totalMinor,
      },
      { key: '2026-03-10', label: '2026-03-10', qty: 4, count: 1, revenueMinor: third.totalMinor - refunded },
    ])
    const ninth = await owner['reports.sales']({ from: '2026-03-09', to: '2026-03-09', groupBy: 'product' })
    expect(ninth.rows).toMatchObject([{ key: productId, qty: 3, count: 2 }])
    // a day holding a third of the sales is read by day, most of them in product order: the same figures
    const tenthByProduct = await owner['reports.sales']({
      from: '2026-03-10',
      to: '2026-03-10',
      groupBy: 'product',
    })
    expect(tenthByProduct.rows).toMatchObject([
      { key: productId, qty: 4, count: 1, revenueMinor: third.totalMinor - refunded },
    ])
    const byCategory = await owner['reports.sales']({
      from: '2026-03-01',
      to: '2026-03-31',
      groupBy: 'category',
    })
    expect(byCategory.rows).toMatchObject([
      {
        key: '',
        label: 'No category',
        qty: 7,
        count: 3,
        revenueMinor: first.totalMinor + second.totalMinor + third.totalMinor - refunded,
      },
    ])
    const money = await owner['reports.money']({ from: '2026-03-09', to: '2026-03-09' })
    expect(money.chain.sales).toMatchObject({ count: 2, totalMinor: first.totalMinor + second.totalMinor })
    expect(money.chain.refunds.count).toBe(0)
    const tenth = await owner['reports.money']({ from: '2026-03-10', to: '2026-03-10' })
    expect(tenth.chain.refunds).toEqual({ count: 1, totalMinor: refunded })
    expect(tenth.chain.refundsByTender).toEqual({ card: { count: 1, amountMinor: refunded } })
    const margin = await owner['reports.margin']({ from: '2026-03-09', to: '2026-03-09', groupBy: 'store' })
    expect(margin.rows.map((r) => r.qty)).toEqual([3])

    // the dashboard's today is the store's: at 01:00 on the 10th only the third sale and the refund
    const dash = await owner['chain.dashboard']({})
    expect(dash.today).toBe('2026-03-10')
    expect(dash.totals.today).toEqual({ count: 1, revenueMinor: third.totalMinor - refunded })
    expect(dash.totals.week).toEqual({
      count: 3,
      revenueMinor: first.totalMinor + second.totalMinor + third.totalMinor - refunded,
    })
  })
  it('adds up a whole ledger again in slices, each event exactly once, as after an upgrade', async () => {
    const { node, owner, cashier, productId } = await openSetUpStore('report-days-slices', later)
    for (let i = 0; i < 5; i++)
      await cashier['sales.checkout']({
        idempotencyKey: `report-slices-${i}`,
        lines: [{ productId, qty: 1 + i }],
        payment: { method: i % 2 ? 'cash' : 'card' },
      })
    const today = new Date().toISOString().slice(0, 10)
    const read = async () => ({
      money: (await owner['reports.money']({ from: today, to: today })).chain,
      product: (await owner['reports.sales']({ from: today, to: today, groupBy: 'product' })).rows,
      margin: await owner['reports.margin']({ from: today, to: today, groupBy: 'store' }),
    })
    const before = await read()
    expect(before.money.sales.count).toBe(5)
    // what the upgrade's migration leaves: no totals, the cursor at the start
    node.db.exec(
      'DELETE FROM report_sales; DELETE FROM report_money; DELETE FROM report_categories; DELETE FROM report_costs; UPDATE ledger_index_cursor SET pos = 0',
    )
    const index = node.store.ledger.index
    index.noteAppended()
    const rows = (node.db.prepare('SELECT COUNT(*) AS n FROM ledger').get() as { n: number }).n
    let slices = 1
    while (index.catchUpSome(2)) slices++
    expect(slices).toBe(Math.ceil((rows + 1) / 2))
    expect(await read()).toEqual(before)
  })
})
