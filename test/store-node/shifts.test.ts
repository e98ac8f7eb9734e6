import { describe, expect, it } from 'vitest'
import { apiOf, openNodeAt, openSetUpStore, cleanupAfterEach, refusal } from '../support/index.ts'
import type { StoreNode } from '../../store-node/store-node.ts'

const later = cleanupAfterEach()

const store = () => openSetUpStore('shifts', later)

/** Rows in the till's ledger: a report must not add any. */
const ledgerRows = (node: StoreNode): number =>
  (node.db.prepare('SELECT COUNT(*) AS n FROM ledger').get() as { n: number }).n

describe('shifts and the cash drawer', () => {
  it('opens with a counted float, moves cash, and reports every tender exactly (X changes nothing)', async () => {
    const { node, cashier, productId } = await store()
    const opened = await cashier['shifts.open']({
      idempotencyKey: 'open-shift-1',
      denominations: { '2000': 2, '500': 3, '100': 5 },
    })
    expect(opened.floatMinor).toBe(6000)
    expect(opened.open).toBe(true)
    const again = await refusal(cashier['shifts.open']({ idempotencyKey: 'open-shift-2', floatMinor: 100 }))
    expect(again.code).toBe('CONFLICT')

    const cash = await cashier['sales.checkout']({
      idempotencyKey: 'sale-cash-1',
      lines: [{ productId, qty: 2 }],
      payment: { method: 'cash', tenderedMinor: 5000 },
    })
    const card = await cashier['sales.checkout']({
      idempotencyKey: 'sale-card-1',
      lines: [{ productId, qty: 1 }],
      payment: { method: 'card' },
    })
    const refund = await cashier['sales.refund']({
      idempotencyKey: 'refund-cash-1',
      saleId: cash.id,
      lines: [{ productId, qty: 1 }],
      toStock: true,
      reason: 'changed mind',
    })
    await cashier['shifts.moveCash']({
      idempotencyKey: 'pay-in-first',
      kind: 'pay-in',
      amountMinor: 1000,
      reason: 'change',
    })
    await cashier['shifts.moveCash']({
      idempotencyKey: 'pay-out-1',
      kind: 'pay-out',
      amountMinor: 250,
      reason: 'milk',
    })
    await cashier['shifts.moveCash']({
      idempotencyKey: 'no-sale-first',
      kind: 'no-sale',
      reason: 'change for a note',
    })
    const zero = await refusal(
      cashier['shifts.moveCash']({
        idempotencyKey: 'pay-out-2',
        kind: 'pay-out',
        amountMinor: 0,
        reason: 'x',
      }),
    )
    expect(zero.code).toBe('VALIDATION')

    const seqBefore = ledgerRows(node)
    const x = await cashier['shifts.report']({})
    expect(ledgerRows(node)).toBe(seqBefore)
    expect(x.sales).toEqual({
      count: 2,
      totalMinor: cash.totalMinor + card.totalMinor,
      taxMinor: cash.taxMinor + card.taxMinor,
    })
    expect(x.salesByTender).toEqual({
      cash: { count: 1, amountMinor: cash.totalMinor },
      card: { count: 1, amountMinor: card.totalMinor },
    })
    expect(x.refundsByTender).toEqual({ cash: { count: 1, amountMinor: refund.totalMinor } })
    expect(x.payIns).toEqual({ count: 1, amountMinor: 1000 })
    expect(x.payOuts).toEqual({ count: 1, amountMinor: 250 })
    expect(x.noSales).toBe(1)
    expect(x.expectedCashMinor).toBe(6000 + cash.totalMinor - refund.totalMinor + 1000 - 250)
  })

  it('closes blind: the cashier never sees the expected cash; beyond the limit a manager PIN approves', async () => {
    const { owner, cashier, productId } = await store()
    await owner['rules.update']({ blindClose: true, overShortLimitMinor: 100 })
    await cashier['shifts.open']({ idempotencyKey: 'open-shift-1', floatMinor: 10_000 })
    const sale = await cashier['sales.checkout']({
      idempotencyKey: 'sale-cash-1',
      lines: [{ productId, qty: 1 }],
      payment: { method: 'cash' },
    })
    const expected = 10_000 + sale.totalMinor
    expect((await cashier['shifts.report']({})).expectedCashMinor).toBeNull()
    expect((await owner['shifts.report']({})).expectedCashMinor).toBe(expected)

    // 5.00 short: beyond the 1.00 limit, and the refusal does not say by how much.
    const short = await refusal(
      cashier['shifts.close']({ idempotencyKey: 'close-shift-1', countedMinor: expected - 500 }),
    )
    expect(short.code).toBe('APPROVAL_REQUIRED')
    expect(short.details).toEqual({ reason: 'over-short', limitMinor: 100 })
    expect((await cashier['shifts.current']({})).shift?.open).toBe(true)

    const wrong = await refusal(
      cashier['shifts.close']({
        idempotencyKey: 'close-shift-2',
        countedMinor: expected - 500,
        approval: { username: 'owner', pin: '9999' },
      }),
    )
    expect(wrong.code).toBe('APPROVAL_REQUIRED')
    expect(wrong.details).toEqual({ reason: 'wrong-pin' })
    const notManager = await refusal(
      cashier['shifts.close']({
        idempotencyKey: 'close-shift-3',
        countedMinor: expected - 500,
        approval: { username: 'cashier', pin: '4321' },
      }),
    )
    expect(notManager.code).toBe('APPROVAL_REQUIRED')

    const request = {
      idempotencyKey: 'close-shift-4',
      countedMinor: expected - 500,
      approval: { username: 'owner', pin: '1234' },
    }
    const z = await cashier['shifts.close'](request)
    expect(z.open).toBe(false)
    expect(z.expectedCashMinor).toBe(expected)
    expect(z.close).toMatchObject({ countedMinor: expected - 500, overShortMinor: -500, blind: true })
    expect(z.approvedByName).toBeTruthy()
    // A retried close answers the same report and records nothing twice.
    expect(await cashier['shifts.close'](request)).toEqual(z)
    expect((await cashier['shifts.current']({})).shift).toBeNull()
    const list = await owner['shifts.list']({ scope: 'store' })
    expect(list.items.map((s) => s.shiftId)).toEqual([z.shiftId])
    const denied = await refusal(cashier['shifts.list']({}))
    expect(denied.code).toBe('FORBIDDEN')
  })

  it('the tender the payment dialog opens on is a till rule: cash unless a manager says card', async () => {
    const { owner, cashier } = await store()
    expect((await cashier['rules.get']({})).defaultTender).toBe('cash')
    expect((await refusal(cashier['rules.update']({ defaultTender: 'card' }))).code).toBe('FORBIDDEN')
    expect((await refusal(owner['rules.update']({ defaultTender: 'voucher' as 'card' }))).code).toBe(
      'VALIDATION',
    )
    await owner['rules.update']({ defaultTender: 'card' })
    expect((await cashier['rules.get']({})).defaultTender).toBe('card')
  })

  it('a close within the limit needs no PIN; a store that requires a shift refuses sales before one', async () => {
    const { owner, cashier, productId } = await store()
    await owner['rules.update']({ requireShift: true })
    const refused = await refusal(
      cashier['sales.checkout']({
        idempotencyKey: 'sale-before-shift',
        lines: [{ productId, qty: 1 }],
        payment: { method: 'cash' },
      }),
    )
    expect(refused.code).toBe('SHIFT_CLOSED')
    expect((await owner['sales.list']({})).total).toBe(0)
    const moveRefused = await refusal(
      cashier['shifts.moveCash']({
        idempotencyKey: 'pay-in-before',
        kind: 'pay-in',
        amountMinor: 10,
        reason: 'x',
      }),
    )
    expect(moveRefused.code).toBe('SHIFT_CLOSED')

    await cashier['shifts.open']({ idempotencyKey: 'open-shift-1', floatMinor: 5000 })
    await cashier['sales.checkout']({
      idempotencyKey: 'sale-in-shift',
      lines: [{ productId, qty: 1 }],
      payment: { method: 'card' },
    })
    const z = await cashier['shifts.close']({ idempotencyKey: 'close-shift-1', countedMinor: 5300 })
    expect(z.close?.overShortMinor).toBe(300)
    expect(z.close?.approvedBy).toBeUndefined()
    const mismatch = await refusal(
      cashier['shifts.open']({
        idempotencyKey: 'open-shift-2',
        floatMinor: 100,
        denominations: { '200': 1 },
      }),
    )
    expect(mismatch.code).toBe('VALIDATION')
  })

  it('splits a payment between card and cash (change only from cash) and refunds by the method chosen', async () => {
    const { cashier, productId } = await store()
    await cashier['shifts.open']({ idempotencyKey: 'open-shift-split', floatMinor: 1000 })
    const sale = await cashier['sales.checkout']({
      idempotencyKey: 'sale-split-1',
      lines: [{ productId, qty: 10 }],
      payment: { method: 'cash', tenderedMinor: 2000, parts: [{ method: 'card', amountMinor: 2000 }] },
    })
    const cashPart = sale.totalMinor - 2000
    expect(sale.payment).toMatchObject({ method: 'cash', parts: [{ method: 'card', amountMinor: 2000 }] })
    expect(sale.payment.changeMinor).toBe(2000 - cashPart)
    const cardChange = await refusal(
      cashier['sales.checkout']({
        idempotencyKey: 'sale-split-2',
        lines: [{ productId, qty: 1 }],
        payment: { method: 'card', tenderedMinor: 5000 },
      }),
    )
    expect(cardChange.code).toBe('VALIDATION')
    const refund = await cashier['sales.refund']({
      idempotencyKey: 'refund-split-1',
      saleId: sale.id,
      lines: [{ productId, qty: 1 }],
      toStock: true,
      reason: 'damaged',
      method: 'card',
    })
    const x = await cashier['shifts.report']({})
    expect(x.salesByTender).toEqual({
      card: { count: 1, amountMinor: 2000 },
      cash: { count: 1, amountMinor: cashPart },
    })
    expect(x.refundsByTender).toEqual({ card: { count: 1, amountMinor: refund.totalMinor } })
    expect(x.expectedCashMinor).toBe(1000 + cashPart)
  })

  it('an open shift and its figures survive a restart of the till', async () => {
    const { node, cashier, productId, dir } = await store()
    await cashier['shifts.open']({ idempotencyKey: 'open-shift-1', floatMinor: 2000 })
    await cashier['sales.checkout']({
      idempotencyKey: 'sale-in-shift-1',
      lines: [{ productId, qty: 3 }],
      payment: { method: 'cash' },
    })
    const before = await cashier['shifts.report']({})
    await node.close()
    const reopened = await openNodeAt(dir)
    later(() => reopened.close())
    const manager = apiOf(reopened, { userId: null })
    await manager['session.login']({ method: 'password', username: 'owner', password: 'owner-password' })
    expect((await manager['shifts.current']({})).shift).toEqual(before)
  })
})
