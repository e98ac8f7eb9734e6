import { describe, expect, it } from 'vitest'
import { cleanupAfterEach, openSetUpStore, refusal } from '../support/index.ts'

const later = cleanupAfterEach()

describe('selling a hold', () => {
  it('is a paid sale: in the sales list and the shift, the held units sold once, the hold closed', async () => {
    const { owner, cashier, productId } = await openSetUpStore('hold-sale', later)
    await cashier['shifts.open']({ idempotencyKey: 'open-shift-holds', floatMinor: 0 })
    const hold = await cashier['reservations.create']({
      idempotencyKey: 'hold-for-okafor',
      productId,
      qty: 2,
      customer: 'Mr Okafor',
      ttlMinutes: 60,
    })
    expect(hold.totalMinor).toBeGreaterThan(0)
    expect((await cashier['stock.get']({ productId })).value).toBe(98)
    const request = {
      idempotencyKey: 'sell-hold-okafor',
      holdId: hold.id,
      payment: { method: 'cash' as const },
    }
    const sold = await cashier['reservations.fulfil'](request)
    expect(sold.totalMinor).toBe(hold.totalMinor)
    expect(sold.lines).toMatchObject([{ productId, qty: 2 }])
    // A retry answers the same sale; the units are sold once.
    expect(await cashier['reservations.fulfil'](request)).toEqual(sold)
    const stock = await cashier['stock.get']({ productId })
    expect(stock.value).toBe(98)
    expect(stock.reserved).toBe(0)
    expect((await owner['sales.list']({})).items.map((s) => s.id)).toEqual([sold.id])
    expect((await cashier['shifts.report']({})).salesByTender.cash).toEqual({
      count: 1,
      amountMinor: sold.totalMinor,
    })
    expect((await cashier['reservations.list']({})).items).toEqual([])
    const again = await refusal(
      cashier['reservations.fulfil']({ ...request, idempotencyKey: 'sell-hold-okafor-2' }),
    )
    expect(again.code).toBe('CONFLICT') // already closed: it was sold
  })
})
