import { describe, expect, it } from 'vitest'
import { cleanupAfterEach, openSetUpStore, refusal } from '../support/index.ts'

const later = cleanupAfterEach()

// Issue 19: a short cart is refused before any tender is confirmed — and nothing this till does
// while the customer pays (a hold for someone else, a grant to another store) can take its units.
describe('holding a cart while it is paid for', () => {
  it('holds the units, keeps them from everything else, and gives them to the sale', async () => {
    const { cashier, productId } = await openSetUpStore('pay-hold', later)
    const held = await cashier['sales.holdForPayment']({
      idempotencyKey: 'pay-hold-cart-1',
      lines: [{ productId, qty: 95 }],
    })
    expect(held.holdIds).toHaveLength(1)
    // a hold takes the units from what this till may sell until it ends
    let stock = await cashier['stock.get']({ productId })
    expect([stock.value, stock.reserved]).toEqual([5, 95])

    // While the card terminal runs, nothing else at this till may take those units.
    const other = await refusal(
      cashier['reservations.create']({
        idempotencyKey: 'hold-for-other-1',
        productId,
        qty: 10,
        customer: 'Someone else',
        ttlMinutes: 60,
      }),
    )
    expect(other.code).toBe('OUT_OF_STOCK')

    const sale = {
      idempotencyKey: 'pay-hold-sale-1',
      lines: [{ productId, qty: 95 }],
      payment: { method: 'card' as const },
      holdIds: held.holdIds,
    }
    const sold = await cashier['sales.checkout'](sale)
    expect(await cashier['sales.checkout'](sale)).toEqual(sold) // a retry sells once
    stock = await cashier['stock.get']({ productId })
    expect([stock.value, stock.reserved]).toEqual([5, 0])
    expect((await cashier['reservations.list']({})).items).toEqual([])
  })

  it('refuses a short cart with the shortage, holding nothing', async () => {
    const { cashier, productId } = await openSetUpStore('pay-hold-short', later)
    const short = await refusal(
      cashier['sales.holdForPayment']({
        idempotencyKey: 'pay-hold-short1',
        lines: [{ productId, qty: 101 }],
      }),
    )
    expect(short.code).toBe('OUT_OF_STOCK')
    expect(short.details).toMatchObject({ lines: [{ productId, requested: 101, rightsHere: 100 }] })
    const stock = await cashier['stock.get']({ productId })
    expect([stock.value, stock.reserved]).toEqual([100, 0])
  })

  it('sells a cart whose hold was given back meanwhile when the units are still there', async () => {
    const { cashier, productId } = await openSetUpStore('pay-hold-gone', later)
    const held = await cashier['sales.holdForPayment']({
      idempotencyKey: 'pay-hold-gone-1',
      lines: [{ productId, qty: 3 }],
    })
    const [holdId] = held.holdIds
    await cashier['reservations.release']({ holdId: holdId ?? '' }) // the dialog was closed
    const sold = await cashier['sales.checkout']({
      idempotencyKey: 'pay-hold-gone-sale',
      lines: [{ productId, qty: 3 }],
      payment: { method: 'cash' },
      holdIds: held.holdIds,
    })
    expect(sold.lines).toMatchObject([{ productId, qty: 3 }])
    const stock = await cashier['stock.get']({ productId })
    expect([stock.value, stock.reserved]).toEqual([97, 0])
  })
})

describe('discounts asked about before the tender', () => {
  it('refuses a discount beyond the cashier limit until a manager PIN approves it, holding nothing', async () => {
    const { cashier, productId } = await openSetUpStore('pay-hold-disc', later)
    const lines = [{ productId, qty: 2, discount: { percentBp: 5_000, reason: 'damaged box' } }]
    const asked = await refusal(cashier['sales.holdForPayment']({ idempotencyKey: 'pay-hold-disc-1', lines }))
    expect(asked.code).toBe('APPROVAL_REQUIRED')
    expect(asked.details).toMatchObject({ reason: 'discount' })
    expect((await cashier['stock.get']({ productId })).reserved).toBe(0)

    const approval = { username: 'owner', pin: '1234' }
    const held = await cashier['sales.holdForPayment']({ idempotencyKey: 'pay-hold-disc-2', lines, approval })
    const sold = await cashier['sales.checkout']({
      idempotencyKey: 'pay-hold-disc-sale',
      lines,
      approval,
      payment: { method: 'card' },
      holdIds: held.holdIds,
    })
    expect(sold.lines[0]?.discount).toMatchObject({ percentBp: 5_000, reason: 'damaged box' })
    expect((await cashier['stock.get']({ productId })).reserved).toBe(0)
  })
})
