import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../shared/node/sqlite.ts'
import { migrations } from '../../store-node/db/schema.ts'
import {
  apiOf,
  cleanupAfterEach,
  openNodeAt,
  openSetUpStore,
  refusal,
  setUpStore,
  tempDir,
} from '../support/index.ts'

const later = cleanupAfterEach()

describe('product categories', () => {
  it('filter the catalog, counts, the stock matrix and the sales report', async () => {
    const s = await openSetUpStore('categories', later)
    const { owner, cashier } = s
    await owner['catalog.upsert']({
      id: s.productId,
      sku: 'TEA-1',
      name: 'Green tea',
      priceMinor: 349,
      category: 'Tea',
    })
    const black = await owner['catalog.upsert']({
      sku: 'TEA-2',
      name: 'Black tea',
      priceMinor: 299,
      category: 'Tea',
    })
    const mug = await owner['catalog.upsert']({
      sku: 'MUG-1',
      name: 'Tea mug',
      priceMinor: 900,
      category: 'Kitchen',
    })
    const spoon = await owner['catalog.upsert']({ sku: 'SPN-1', name: 'Spoon', priceMinor: 100 })
    expect(spoon.category).toBe('')
    // an edit that does not name the category keeps it
    expect(
      (await owner['catalog.upsert']({ id: mug.id, sku: 'MUG-1', name: 'Tea mug', priceMinor: 950 }))
        .category,
    ).toBe('Kitchen')
    expect(
      (
        await refusal(
          owner['catalog.upsert']({ sku: 'X-1', name: 'X', priceMinor: 1, category: 'x'.repeat(101) }),
        )
      ).code,
    ).toBe('VALIDATION')

    expect((await cashier['catalog.categories']({})).categories).toEqual([
      { name: 'Kitchen', products: 1 },
      { name: 'Tea', products: 2 },
    ])
    const tea = await cashier['catalog.list']({ category: 'Tea' })
    expect({ total: tea.total, skus: tea.items.map((p) => p.sku) }).toEqual({
      total: 2,
      skus: ['TEA-2', 'TEA-1'],
    })
    // "tea" in the name, but only the Kitchen category
    expect(
      (await cashier['catalog.search']({ query: 'tea', category: 'Kitchen' })).items.map((p) => p.sku),
    ).toEqual(['MUG-1'])
    // the stock list too: paged by category, and with a search or "low only" filtered by it
    const teaStock = await cashier['stock.list']({ category: 'Tea' })
    expect({ total: teaStock.total, skus: teaStock.items.map((r) => r.product.sku).sort() }).toEqual({
      total: 2,
      skus: ['TEA-1', 'TEA-2'],
    })
    expect(
      (await cashier['stock.list']({ query: 'tea', category: 'Kitchen' })).items.map((r) => r.product.sku),
    ).toEqual(['MUG-1'])

    const count = await cashier['counts.start']({
      idempotencyKey: 'count-tea',
      name: 'Tea shelf',
      scope: { category: 'Tea' },
    })
    expect(count.lines.map((l) => l.productId).sort()).toEqual([s.productId, black.id].sort())

    const matrix = await owner['chain.stockMatrix']({ category: 'Kitchen' })
    expect(matrix.rows.map((r) => r.product.sku)).toEqual(['MUG-1'])

    await owner['stock.restock']({ productId: mug.id, qty: 5 })
    await cashier['sales.checkout']({
      idempotencyKey: 'sale-categories',
      lines: [
        { productId: s.productId, qty: 2 },
        { productId: mug.id, qty: 1 },
      ],
      payment: { method: 'card' },
    })
    await owner['stock.restock']({ productId: spoon.id, qty: 1 })
    await cashier['sales.checkout']({
      idempotencyKey: 'sale-spoon',
      lines: [{ productId: spoon.id, qty: 1 }],
      payment: { method: 'card' },
    })
    const report = await owner['reports.sales']({ from: '2000-01-01', to: '2100-01-01', groupBy: 'category' })
    expect(Object.fromEntries(report.rows.map((r) => [r.label, r.qty]))).toEqual({
      Tea: 2,
      Kitchen: 1,
      'No category': 1,
    })
    // every report grouping filtered to one category: only its products' lines
    const range = { from: '2000-01-01', to: '2100-01-01' }
    const teaOnly = { ...range, category: 'Tea' }
    const byProduct = await owner['reports.sales']({ ...teaOnly, groupBy: 'product' })
    expect(byProduct.rows.map((r) => [r.key, r.qty])).toEqual([[s.productId, 2]])
    const byDay = await owner['reports.sales']({ ...teaOnly, groupBy: 'day' })
    expect(byDay.rows.map((r) => r.qty)).toEqual([2])
    const byStore = await owner['reports.sales']({ ...teaOnly, groupBy: 'store' })
    expect(byStore.rows.map((r) => r.qty)).toEqual([2])
    const none = await owner['reports.sales']({ ...range, category: '', groupBy: 'product' })
    expect(none.rows.map((r) => r.key)).toEqual([spoon.id])
    expect((await owner['reports.sales']({ ...range, category: 'Garden', groupBy: 'product' })).rows).toEqual(
      [],
    )

    const csv = await owner['catalog.exportCsv']({})
    expect(csv.csv.split('\n')[0]).toMatch(/,category$/)
    expect(csv.csv).toMatch(/MUG-1,Tea mug,.*,Kitchen/)
    const imported = await owner['catalog.importCsv']({
      csv: 'sku,name,price,category\nCUP-1,Cup,4.50,Kitchen\nTEA-3,White tea,5.00,Tea\n',
    })
    expect(imported).toMatchObject({ imported: 2, errors: [] })
    expect((await cashier['catalog.categories']({})).categories).toEqual([
      { name: 'Kitchen', products: 2 },
      { name: 'Tea', products: 3 },
    ])
  })

  it('a database from before categories rebuilds its catalog mirror on first open', async () => {
    const dir = tempDir('categories-upgrade')
    later(() => dir.remove())
    let node = await openNodeAt(dir.path)
    const s = await setUpStore(node)
    await apiOf(node, s.owner)['catalog.upsert']({
      id: s.productId,
      sku: 'TEA-1',
      name: 'Green tea',
      priceMinor: 349,
      category: 'Tea',
    })
    await apiOf(node, s.cashier)['sales.checkout']({
      idempotencyKey: 'sale-before-upgrade',
      lines: [{ productId: s.productId, qty: 3 }],
      payment: { method: 'card' },
    })
    await node.close()
    // back to the schema before this migration (and the report totals after it): no category
    // column in the mirror, no days added up
    const db = openDatabase(join(dir.path, 'store.db'))
    db.exec(
      'DROP TABLE report_sales; DROP TABLE report_money; DROP TABLE report_costs; DROP TABLE report_categories; DROP INDEX catalog_by_category; ALTER TABLE catalog DROP COLUMN category; ALTER TABLE ledger_lines DROP COLUMN category',
    )
    db.pragma(`user_version = ${migrations.length - 2}`)
    db.close()
    node = await openNodeAt(dir.path)
    later(() => node.close())
    const owner = { userId: null }
    await apiOf(node, owner)['session.login']({
      method: 'password',
      username: 'owner',
      password: 'owner-password',
    })
    expect((await apiOf(node, owner)['catalog.list']({ category: 'Tea' })).items.map((p) => p.sku)).toEqual([
      'TEA-1',
    ])
    // the sale from before the upgrade is added up into the reports' days, under its category
    const today = new Date().toISOString().slice(0, 10)
    const byCategory = await apiOf(node, owner)['reports.sales']({
      from: today,
      to: today,
      groupBy: 'category',
    })
    expect(byCategory.rows).toMatchObject([{ key: 'Tea', qty: 3, count: 1 }])
  })
})
