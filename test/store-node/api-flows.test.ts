import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Session } from '../../store-node/api/dispatch.ts'
import type { StoreNode } from '../../store-node/store-node.ts'
import { apiOf, openTestNode, setUpStore } from '../support/index.ts'

let fixture: Awaited<ReturnType<typeof openTestNode>>
let node: StoreNode
let owner: Session
let cashier: Session
let tea: string

beforeEach(async () => {
  fixture = await openTestNode()
  node = fixture.node
  ;({ owner, cashier, productId: tea } = await setUpStore(node, 10))
})
afterEach(() => fixture.close())

const errorOf = async (p: Promise<unknown>) =>
  p.then(
    () => ({ code: 'none' }) as { code: string; details?: unknown },
    (e: { code: string; details?: unknown }) => e,
  )

describe('checkout', () => {
  it('sells multi-line, prices from the catalog, integer money, and change for cash', async () => {
    const cake = await apiOf(node, owner)['catalog.upsert']({
      sku: 'CAKE',
      name: 'Cake',
      priceMinor: 1250,
      taxRateBp: 1900,
    })
    await apiOf(node, owner)['stock.restock']({ productId: cake.id, qty: 2 })
    const sale = await apiOf(node, cashier)['sales.checkout']({
      idempotencyKey: 'flow-sale-1',
      lines: [
        { productId: tea, qty: 3 },
        { productId: cake.id, qty: 1 },
      ],
      payment: { method: 'cash', tenderedMinor: 5000 },
    })
    // 3 × 3.49 = 10.47 + 7 % (0.73) ; 12.50 + 19 % (2.38)
    expect(sale.subtotalMinor).toBe(1047 + 1250)
    expect(sale.taxMinor).toBe(73 + 238)
    expect(sale.totalMinor).toBe(1047 + 73 + 1250 + 238)
    expect(sale.payment.changeMinor).toBe(5000 - sale.totalMinor)
    for (const v of [sale.subtotalMinor, sale.taxMinor, sale.totalMinor])
      expect(Number.isInteger(v)).toBe(true)
    const stock = await apiOf(node, cashier)['stock.get']({ productId: tea })
    expect(stock.value).toBe(7)
    const receipt = await apiOf(node, cashier)['sales.receipt']({ saleId: sale.id })
    expect(receipt.text).toContain('TOTAL')
    expect(receipt.text).toContain('Green tea')
  })

  it('is all-or-nothing: a short line refuses the whole sale and names every short line', async () => {
    const cake = await apiOf(node, owner)['catalog.upsert']({
      sku: 'CAKE',
      name: 'Cake',
      priceMinor: 1250,
    })
    const before = node.store.log.stats('org').rows
    const err = await errorOf(
      apiOf(node, cashier)['sales.checkout']({
        idempotencyKey: 'flow-sale-2',
        lines: [
          { productId: tea, qty: 11 },
          { productId: cake.id, qty: 1 },
        ],
        payment: { method: 'card' },
      }),
    )
    expect(err.code).toBe('OUT_OF_STOCK')
    const lines = (
      err.details as { lines: Array<{ productId: string; rightsHere: number; chainValue: number }> }
    ).lines
    expect(lines.map((l) => l.productId).sort()).toEqual([tea, cake.id].sort())
    expect(lines.find((l) => l.productId === tea)).toMatchObject({ rightsHere: 10, chainValue: 10 })
    expect(node.store.log.stats('org').rows).toBe(before)
    expect((await apiOf(node, cashier)['stock.get']({ productId: tea })).value).toBe(10)
  })

  it('returns the first result for a repeated idempotency key and never sells twice', async () => {
    const input = {
      idempotencyKey: 'flow-sale-3',
      lines: [{ productId: tea, qty: 2 }],
      payment: { method: 'card' as const },
    }
    const first = await apiOf(node, cashier)['sales.checkout'](input)
    const again = await apiOf(node, cashier)['sales.checkout'](input)
    expect(again).toEqual(first)
    expect((await apiOf(node, cashier)['sales.list']({})).total).toBe(1)
    const reused = await errorOf(
      apiOf(node, cashier)['reservations.create']({
        idempotencyKey: 'flow-sale-3',
        productId: tea,
        qty: 1,
        customer: 'Ann',
        ttlMinutes: 5,
      }),
    )
    expect(reused.code).toBe('CONFLICT')
  })

  it('refunds back to stock, never more than sold', async () => {
    const sale = await apiOf(node, cashier)['sales.checkout']({
      idempotencyKey: 'flow-sale-4',
      lines: [{ productId: tea, qty: 2 }],
      payment: { method: 'card' },
    })
    await apiOf(node, cashier)['sales.refund']({
      idempotencyKey: 'flow-ref-1',
      saleId: sale.id,
      lines: [{ productId: tea, qty: 1 }],
      toStock: true,
      reason: 'dented',
    })
    expect((await apiOf(node, cashier)['stock.get']({ productId: tea })).value).toBe(9)
    expect((await apiOf(node, cashier)['sales.get']({ saleId: sale.id })).refundedQty).toEqual({
      [tea]: 1,
    })
    const tooMuch = await errorOf(
      apiOf(node, cashier)['sales.refund']({
        idempotencyKey: 'flow-ref-2',
        saleId: sale.id,
        lines: [{ productId: tea, qty: 2 }],
        toStock: true,
        reason: 'x',
      }),
    )
    expect(tooMuch.code).toBe('CONFLICT')
  })
})

describe('stock, holds and orders', () => {
  it('adjusts with a reason, holds consume rights, release gives them back', async () => {
    await apiOf(node, owner)['stock.adjust']({ productId: tea, delta: -2, reason: 'damaged' })
    const hold = await apiOf(node, cashier)['reservations.create']({
      idempotencyKey: 'flow-hold-1',
      productId: tea,
      qty: 3,
      customer: 'Ann',
      ttlMinutes: 60,
    })
    let stock = await apiOf(node, cashier)['stock.get']({ productId: tea })
    expect(stock).toMatchObject({ value: 5, reserved: 3, here: 5 })
    await apiOf(node, cashier)['reservations.release']({ holdId: hold.id })
    stock = await apiOf(node, cashier)['stock.get']({ productId: tea })
    expect(stock).toMatchObject({ value: 8, reserved: 0 })
    const moves = await apiOf(node, owner)['reports.movements']({ productId: tea })
    expect(moves.rows.map((r) => r.reason)).toEqual(expect.arrayContaining(['restock', 'damaged', 'hold']))
  })

  it('runs an order through its statuses and cancels another, releasing its holds', async () => {
    const order = await apiOf(node, owner)['orders.create']({
      idempotencyKey: 'flow-order-1',
      customer: 'Bob',
      lines: [{ productId: tea, qty: 2 }],
    })
    expect(order.status).toBe('pending')
    for (const status of ['confirmed', 'processing', 'shipped', 'delivered'] as const) {
      expect((await apiOf(node, owner)['orders.advance']({ orderId: order.id, status })).status).toBe(status)
    }
    const other = await apiOf(node, owner)['orders.create']({
      idempotencyKey: 'flow-order-2',
      customer: 'Cy',
      lines: [{ productId: tea, qty: 3 }],
    })
    expect((await apiOf(node, owner)['stock.get']({ productId: tea })).reserved).toBe(3)
    await apiOf(node, owner)['orders.cancel']({ orderId: other.id })
    expect((await apiOf(node, owner)['stock.get']({ productId: tea })).reserved).toBe(0)
    expect((await apiOf(node, owner)['stock.get']({ productId: tea })).value).toBe(8)
  })
})

describe('catalog', () => {
  it('imports CSV line by line: bad lines are reported and never half-applied, progress is pushed', async () => {
    const progress: unknown[] = []
    node.subscribe((event, data) => {
      if (event === 'catalog.importProgress') progress.push(data)
    })
    const csv = [
      'sku,name,barcode,price,taxRate,reorderPoint',
      'B-1,Bread,111,2.50,7,5',
      'B-2,,112,1.00,7,0',
      'B-3,Butter,113,1.999,7,0',
      'B-4,Milk,114,0.99,7,x',
      'TEA-1,Green tea (loose),4006381333931,3.59,7,2',
    ].join('\n')
    const report = await apiOf(node, owner)['catalog.importCsv']({ csv })
    expect(report.imported).toBe(1)
    expect(report.updated).toBe(1)
    expect(report.errors.map((e) => e.line)).toEqual([3, 4, 5])
    expect(progress.length).toBeGreaterThan(0)
    const bread = await apiOf(node, cashier)['catalog.get']({ barcode: '111' })
    expect(bread).toMatchObject({ name: 'Bread', priceMinor: 250, taxRateBp: 700, reorderPoint: 5 })
    expect((await apiOf(node, cashier)['catalog.get']({ sku: 'TEA-1' })).priceMinor).toBe(359)
    expect(await errorOf(apiOf(node, cashier)['catalog.get']({ sku: 'B-2' }))).toMatchObject({
      code: 'NOT_FOUND',
    })
    const exported = await apiOf(node, owner)['catalog.exportCsv']({})
    expect(exported.count).toBe(2)
    expect(exported.csv).toContain('B-1,Bread,111,2.50,7.00')
  })

  it('finds products by prefix of any word, by barcode and by SKU', async () => {
    await apiOf(node, owner)['catalog.upsert']({
      sku: 'EARL-1',
      name: 'Earl Grey tea',
      barcode: '555',
      priceMinor: 399,
    })
    const byWord = await apiOf(node, cashier)['catalog.search']({
      query: 'te',
    })
    expect(byWord.items.map((p) => p.sku).sort()).toEqual(['EARL-1', 'TEA-1'])
    expect((await apiOf(node, cashier)['catalog.search']({ query: '555' })).items[0]?.sku).toBe('EARL-1')
    expect(
      (await apiOf(node, cashier)['catalog.search']({ query: 'gre' })).items.map((p) => p.sku).sort(),
    ).toEqual(['EARL-1', 'TEA-1'])
    const sku = await errorOf(
      apiOf(node, owner)['catalog.upsert']({ sku: 'EARL-1', name: 'Dup', priceMinor: 1 }),
    )
    expect(sku.code).toBe('CONFLICT')
  })
})

describe('users and sessions', () => {
  it('never returns hashes, disables users, and locks a username after five wrong PINs', async () => {
    const users = await apiOf(node, owner)['users.list']({})
    expect(JSON.stringify(users)).not.toMatch(/scrypt|Hash/)
    const session: Session = { userId: null }
    for (let i = 0; i < 5; i++) {
      expect(
        await errorOf(
          apiOf(node, session)['session.login']({ method: 'pin', username: 'cashier', pin: '0000' }),
        ),
      ).toMatchObject({ code: 'UNAUTHENTICATED' })
    }
    expect(
      await errorOf(
        apiOf(node, session)['session.login']({ method: 'pin', username: 'cashier', pin: '4321' }),
      ),
    ).toMatchObject({ code: 'UNAUTHENTICATED' })
    const cashierId = users.items.find((u) => u.username === 'cashier')!.id
    await apiOf(node, owner)['users.disable']({ id: cashierId })
    // The cashier's open session stops working at once.
    expect(await errorOf(apiOf(node, cashier)['stock.get']({ productId: tea }))).toMatchObject({
      code: 'UNAUTHENTICATED',
    })
    const manager = await apiOf(node, owner)['users.create']({
      username: 'mgr',
      displayName: 'Man Ager',
      role: 'manager',
      password: 'manager-pass',
    })
    const asManager: Session = { userId: null }
    await apiOf(node, asManager)['session.login']({
      method: 'password',
      username: 'mgr',
      password: 'manager-pass',
    })
    expect(
      await errorOf(
        apiOf(node, asManager)['users.create']({
          username: 'boss2',
          displayName: 'B',
          role: 'owner',
          password: 'password-9',
        }),
      ),
    ).toMatchObject({ code: 'FORBIDDEN' })
    expect(manager.role).toBe('manager')
  })
})

describe('reports', () => {
  it('sums sales by product and by store in integer minor units', async () => {
    await apiOf(node, cashier)['sales.checkout']({
      idempotencyKey: 'rep-sale-1',
      lines: [{ productId: tea, qty: 2 }],
      payment: { method: 'card' },
    })
    const byProduct = await apiOf(node, owner)['reports.sales']({
      from: '2000-01-01',
      to: '2100-01-01',
      groupBy: 'product',
    })
    expect(byProduct.rows).toEqual([
      expect.objectContaining({ label: 'Green tea', qty: 2, count: 1, revenueMinor: 698 + 49 }),
    ])
    const byStore = await apiOf(node, owner)['reports.sales']({
      from: '2000-01-01',
      to: '2100-01-01',
      groupBy: 'store',
    })
    expect(byStore.rows[0]?.label).toBe('Main street')
  })
})
