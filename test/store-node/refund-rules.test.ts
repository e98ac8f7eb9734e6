import { describe, expect, it } from 'vitest'
import { openSetUpStore, cleanupAfterEach, refusal } from '../support/index.ts'
import type { SaleEvent } from '../../shared/core/events.ts'
import { defaultTillRules } from '../../store-node/settings/till-rules.ts'
import { refundRulesCrossed } from '../../store-node/approvals/refund-rules.ts'

const later = cleanupAfterEach()

describe('refund rules: a manager PIN before money goes back', () => {
  it('asks for a PIN above the amount and after the days allowed; records who approved', async () => {
    let nowMs = Date.parse('2026-12-01T10:00:00Z')
    const s = await openSetUpStore('refund-rules', later, () => new Date(nowMs))
    const { node, owner, cashier } = s
    await owner['rules.update']({ refundApprovalAboveMinor: 500, refundApprovalAfterDays: 2 })
    const sale = await cashier['sales.checkout']({
      idempotencyKey: 'sale-for-refunds',
      lines: [{ productId: s.productId, qty: 5 }],
      payment: { method: 'cash' },
    })
    const oneLine = { productId: s.productId, qty: 1 }
    // One unit (3.73) is within the limit; three are not.
    await cashier['sales.refund']({
      idempotencyKey: 'refund-small-1',
      saleId: sale.id,
      lines: [oneLine],
      toStock: true,
      reason: 'broken',
    })
    const big = {
      idempotencyKey: 'refund-big-1',
      saleId: sale.id,
      lines: [{ ...oneLine, qty: 3 }],
      toStock: true,
      reason: 'broken',
    }
    const refused = await refusal(cashier['sales.refund'](big))
    expect(refused.code).toBe('APPROVAL_REQUIRED')
    expect(refused.details).toEqual({ reason: 'refund', rules: ['above-amount'] })
    expect((await cashier['sales.get']({ saleId: sale.id })).refundedQty).toEqual({ [s.productId]: 1 })
    const wrongPin = await refusal(
      cashier['sales.refund']({ ...big, approval: { username: 'owner', pin: '0000' } }),
    )
    expect(wrongPin.details).toEqual({ reason: 'wrong-pin' })
    const approved = await cashier['sales.refund']({ ...big, approval: { username: 'owner', pin: '1234' } })
    const recorded = node.store.ledger.event(approved.id, 'refund')?.event
    expect(recorded?.approvedBy).toBe((await owner['session.current']({})).user?.id)

    nowMs += 3 * 86_400_000
    const late = await refusal(
      cashier['sales.refund']({
        idempotencyKey: 'refund-late-1',
        saleId: sale.id,
        lines: [oneLine],
        toStock: true,
        reason: 'late',
      }),
    )
    expect(late.details).toEqual({ reason: 'refund', rules: ['older-than'] })
  })

  it("another store's sale needs a PIN when the rule is on", () => {
    const sale = {
      replicaId: 'till-b',
      event: {
        type: 'sale',
        seq: 1,
        id: 's',
        at: '2026-12-01T10:00:00Z',
        by: 'u',
        lines: [{ productId: 'p', qty: 1, unitPriceMinor: 100, taxRate: 0 }],
        totals: { subtotalMinor: 100, taxMinor: 0, totalMinor: 100 },
        payment: { method: 'cash', tenderedMinor: 100, changeMinor: 0 },
      } satisfies SaleEvent,
    }
    const check = (otherStoreRefundNeedsApproval: boolean, storeOfSale: string) =>
      refundRulesCrossed({
        rules: { ...defaultTillRules, otherStoreRefundNeedsApproval },
        sale,
        lines: [{ productId: 'p', qty: 1 }],
        myStoreId: 'store-a',
        storeOf: () => storeOfSale,
        nowMs: Date.parse('2026-12-01T11:00:00Z'),
      })
    expect(check(true, 'store-b')).toEqual(['other-store'])
    expect(check(true, 'store-a')).toEqual([])
    expect(check(false, 'store-b')).toEqual([])
  })
})
