import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Session } from '../../store-node/api/dispatch.ts'
import { requestHash } from '../../store-node/db/idempotency.ts'
import { apiOf, openTestNode, setUpStore } from '../support/index.ts'

// A checkout retried with the same idempotency key but another basket used to return the first
// sale: a till (or a replayed request) could get a receipt for goods it never paid for, or lose a
// sale silently. The key is now bound to a hash of its request.

async function errorOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise
  } catch (error) {
    return error as { code: string; message: string }
  }
  throw new Error('expected the call to fail')
}

describe('idempotency keys are bound to their request', () => {
  let fixture: Awaited<ReturnType<typeof openTestNode>>
  let cashier: Session
  let tea: string

  beforeEach(async () => {
    fixture = await openTestNode()
    ;({ cashier, productId: tea } = await setUpStore(fixture.node, 20))
  })
  afterEach(() => fixture.close())

  const checkout = (lines: Array<{ productId: string; qty: number }>, key = 'till-1-000042') =>
    apiOf(fixture.node, cashier)['sales.checkout']({
      idempotencyKey: key,
      lines,
      payment: { method: 'card' },
    })
  const stock = async () => (await apiOf(fixture.node, cashier)['stock.get']({ productId: tea })).here
  const salesCount = async () => (await apiOf(fixture.node, cashier)['sales.list']({})).total

  it('refuses the same key with another basket as CONFLICT and changes nothing', async () => {
    const first = await checkout([{ productId: tea, qty: 1 }])
    const refused = await errorOf(checkout([{ productId: tea, qty: 5 }]))
    expect(refused).toMatchObject({
      code: 'CONFLICT',
      message: 'This idempotency key was already used for a different request',
    })
    expect(await stock()).toBe(19)
    expect(await salesCount()).toBe(1)

    // The same request again (keys in another order) is a retry: the first sale, nothing new.
    const again = await apiOf(fixture.node, cashier)['sales.checkout']({
      payment: { method: 'card' },
      lines: [{ qty: 1, productId: tea }],
      idempotencyKey: 'till-1-000042',
    })
    expect(again).toEqual(first)
    expect(await stock()).toBe(19)
  })

  it('binds refunds and holds too', async () => {
    const sale = await checkout([{ productId: tea, qty: 3 }], 'sale-for-refund')
    const refund = (qty: number) =>
      apiOf(fixture.node, cashier)['sales.refund']({
        idempotencyKey: 'refund-1',
        saleId: sale.id,
        lines: [{ productId: tea, qty }],
        toStock: true,
        reason: 'broken',
      })
    await refund(1)
    expect((await errorOf(refund(2))).code).toBe('CONFLICT')
    const hold = (customer: string) =>
      apiOf(fixture.node, cashier)['reservations.create']({
        idempotencyKey: 'hold-key-1',
        productId: tea,
        qty: 1,
        customer,
        ttlMinutes: 30,
      })
    await hold('Ann')
    expect((await errorOf(hold('Bob'))).code).toBe('CONFLICT')
    expect(await stock()).toBe(20 - 3 + 1 - 1)
  })

  it('lets a record written before requests were hashed match any retry, as it always did', async () => {
    const first = await checkout([{ productId: tea, qty: 1 }], 'legacy-key-1')
    fixture.node.db.prepare('UPDATE idempotency SET request_hash = NULL WHERE key = ?').run('legacy-key-1')
    expect(await checkout([{ productId: tea, qty: 2 }], 'legacy-key-1')).toEqual(first)
    expect(await stock()).toBe(19)
  })
})

describe('requestHash', () => {
  it('ignores key order and undefined fields, not values', () => {
    const a = requestHash({ method: 'sales.checkout', params: { a: 1, b: [{ x: 1, y: 2 }] } })
    expect(
      requestHash({ method: 'sales.checkout', params: { b: [{ y: 2, x: 1 }], a: 1, c: undefined } }),
    ).toBe(a)
    expect(requestHash({ method: 'sales.checkout', params: { a: 1, b: [{ x: 1, y: 3 }] } })).not.toBe(a)
    expect(requestHash({ method: 'sales.refund', params: { a: 1, b: [{ x: 1, y: 2 }] } })).not.toBe(a)
  })
})
