import { describe, expect, it } from 'vitest'
import { balanceKey } from '../../shared/core/balances.ts'
import { DomainError } from '../../shared/core/index.ts'
import { makeReplica, orgUpdate, syncAll, testClock } from './harness.ts'

const INIT = orgUpdate({
  replicas: [
    { id: 'a', storeId: 's1' },
    { id: 'b', storeId: 's2' },
  ],
  products: [{ id: 'p1', priceMinor: 1000, taxRate: 0 }],
})
const by = 'u1'
const CARD = 'GC-1234'

function twoTills() {
  const clock = testClock()
  const a = makeReplica('a', INIT, clock)
  const b = makeReplica('b', INIT, clock)
  a.ops.restock({ productId: 'p1', qty: 10, by })
  b.ops.restock({ productId: 'p1', qty: 10, by })
  return { a, b }
}

function refusal(fn: () => unknown): DomainError {
  try {
    fn()
  } catch (e) {
    if (e instanceof DomainError) return e
    throw e
  }
  throw new Error('not refused')
}

describe('card balances are escrow counters', () => {
  it('pays with the balance the till holds, never more; another till asks for it like stock', () => {
    const { a, b } = twoTills()
    a.ops.issueCard({ cardId: CARD, kind: 'gift-card', amountMinor: 2500, payment: { method: 'cash' }, by })
    const sale = a.ops.sell({
      lines: [{ productId: 'p1', qty: 1 }],
      payment: { method: 'cash', cards: [{ cardId: CARD, amountMinor: 1000 }] },
      by,
    })
    expect(sale.payment).toMatchObject({
      tenderedMinor: 0,
      changeMinor: 0,
      cards: [{ cardId: CARD, amountMinor: 1000 }],
    })
    expect(a.fold.rights(balanceKey(CARD), 'a')).toBe(1500)
    syncAll([a.doc, b.doc])
    // B holds none of it: refused before anything is written, naming the card's shortage.
    const short = refusal(() =>
      b.ops.sell({
        lines: [{ productId: 'p1', qty: 1 }],
        payment: { method: 'cash', cards: [{ cardId: CARD, amountMinor: 1000 }] },
        by,
      }),
    )
    expect(short.code).toBe('OUT_OF_STOCK')
    expect(JSON.stringify(short.details)).toContain(balanceKey(CARD))
    b.ops.request({ productId: balanceKey(CARD), donor: 'a', qty: 1000, by })
    syncAll([a.doc, b.doc])
    // The donor hands over the whole amount asked (no floor, no half).
    const grants = a.ops.grantRequests({ by: 'system', floor: () => 5, policyOf: () => undefined })
    expect(grants.map((g) => g.qty)).toEqual([1000])
    syncAll([a.doc, b.doc])
    b.ops.sell({
      lines: [{ productId: 'p1', qty: 1 }],
      payment: { method: 'cash', cards: [{ cardId: CARD, amountMinor: 1000 }] },
      by,
    })
    syncAll([a.doc, b.doc])
    for (const r of [a, b]) expect(r.fold.value(balanceKey(CARD))).toBe(500)
  })

  it('a refund to store credit adds rights on the card at the refunding till; change comes only from cash', () => {
    const { a } = twoTills()
    const sale = a.ops.sell({ lines: [{ productId: 'p1', qty: 2 }], payment: { method: 'card' }, by })
    a.ops.refund({
      saleId: sale.id,
      lines: [{ productId: 'p1', qty: 1 }],
      toStock: true,
      toCard: 'SC-0001',
      by,
    })
    expect(a.fold.rights(balanceKey('SC-0001'), 'a')).toBe(1000)
    const change = refusal(() =>
      a.ops.sell({
        lines: [{ productId: 'p1', qty: 1 }],
        payment: { method: 'card', tenderedMinor: 2000 },
        by,
      }),
    )
    expect(change.code).toBe('VALIDATION')
    const tooMuch = refusal(() =>
      a.ops.sell({
        lines: [{ productId: 'p1', qty: 1 }],
        payment: { method: 'cash', cards: [{ cardId: 'SC-0001', amountMinor: 1001 }] },
        by,
      }),
    )
    expect(tooMuch.code).toBe('VALIDATION')
    // A card number is never a product: stock operations refuse it.
    expect(refusal(() => a.ops.restock({ productId: balanceKey('SC-0001'), qty: 5, by })).code).toBe(
      'NOT_FOUND',
    )
  })
})
