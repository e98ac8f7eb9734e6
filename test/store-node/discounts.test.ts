import { describe, expect, it } from 'vitest'
import { cleanupAfterEach, openSetUpStore, refusal } from '../support/index.ts'

// Discounts, price overrides and the two tax modes at one real store node (Green tea: 3.49, 7 %).
const later = cleanupAfterEach()
const ownerPin = { username: 'owner', pin: '1234' }

describe('discounts and price overrides at the till', () => {
  it('takes line and basket discounts off before tax, to the minor unit, and records why', async () => {
    const s = await openSetUpStore('discounts', later)
    await s.cashier['shifts.open']({ idempotencyKey: 'key-test-shift', floatMinor: 0 })
    const mug = await s.owner['catalog.upsert']({
      sku: 'MUG-1',
      name: 'Mug',
      priceMinor: 1000,
      taxRateBp: 1900,
    })
    await s.owner['stock.restock']({ productId: mug.id, qty: 10 })
    const sale = await s.cashier['sales.checkout']({
      idempotencyKey: 'key-test-disc-1',
      lines: [
        // 3 × 3.49 = 10.47, 10 % off = 1.047 → 1.05 (half up)
        { productId: s.productId, qty: 3, discount: { percentBp: 1000, reason: 'loyal customer' } },
        { productId: mug.id, qty: 1 },
      ],
      // basket: 0.50 shared between 9.42 and 10.00 by the largest remainder
      basketDiscount: { amountMinor: 50, reason: 'round down' },
      payment: { method: 'card' },
    })
    const [tea, cup] = sale.lines
    expect(tea).toMatchObject({ discount: { amountMinor: 105, percentBp: 1000, reason: 'loyal customer' } })
    expect((tea?.basketShareMinor ?? 0) + (cup?.basketShareMinor ?? 0)).toBe(50)
    expect(tea?.basketShareMinor).toBe(24) // 50 × 942 / 1942 = 24.25
    expect(cup?.basketShareMinor).toBe(26)
    // tax per line on what is left: 918 × 7 % = 64.26 → 64; 974 × 19 % = 185.06 → 185
    expect(sale).toMatchObject({
      subtotalMinor: 918 + 974,
      taxMinor: 64 + 185,
      totalMinor: 918 + 974 + 64 + 185,
    })
    expect(tea?.totalMinor).toBe(918 + 64)
    expect(cup?.totalMinor).toBe(974 + 185)
    expect(sale.discountsMinor).toBe(155)
    expect(sale.basketDiscount).toEqual({ amountMinor: 50, reason: 'round down' })

    // the receipt adds up read top to bottom: full prices with tax, less the discounts, is the TOTAL
    const slipText = (await s.cashier['sales.receipt']({ saleId: sale.id })).text
    const amountOn = (label: RegExp) => {
      const line = slipText.split('\n').find((l) => label.test(l)) ?? ''
      return Math.round(Number(line.trim().split(/\s+/).at(-1)) * 100)
    }
    const full = amountOn(/^\s+3 x 3\.49/) + amountOn(/^\s+1 x 10\.00/)
    const off = -amountOn(/Discount 10 %/) - amountOn(/Discount \(round down\)/)
    expect(full).toBe(Math.round(1047 * 1.07) + 1190)
    expect(full - off).toBe(sale.totalMinor)
    expect(amountOn(/^TOTAL/)).toBe(sale.totalMinor)

    // the same key again: the same sale, not a second one
    const again = await s.cashier['sales.checkout']({
      idempotencyKey: 'key-test-disc-1',
      lines: [
        { productId: s.productId, qty: 3, discount: { percentBp: 1000, reason: 'loyal customer' } },
        { productId: mug.id, qty: 1 },
      ],
      basketDiscount: { amountMinor: 50, reason: 'round down' },
      payment: { method: 'card' },
    })
    expect(again.id).toBe(sale.id)
    expect((await s.owner['sales.list']({})).total).toBe(1)

    // refunds give back what was paid after discounts; all of it, exactly the total
    const first = await s.cashier['sales.refund']({
      idempotencyKey: 'key-test-disc-r1',
      saleId: sale.id,
      lines: [{ productId: s.productId, qty: 1 }],
      toStock: true,
      reason: 'changed mind',
    })
    const rest = await s.cashier['sales.refund']({
      idempotencyKey: 'key-test-disc-r2',
      saleId: sale.id,
      lines: [
        { productId: s.productId, qty: 2 },
        { productId: mug.id, qty: 1 },
      ],
      toStock: true,
      reason: 'changed mind',
    })
    expect(first.totalMinor).toBe(327) // 982 / 3 = 327.33
    expect(first.totalMinor + rest.totalMinor).toBe(sale.totalMinor)

    // the shift's figures list discounts by reason
    const x = await s.owner['shifts.report']({})
    expect(x.discounts).toEqual({
      count: 1,
      amountMinor: 155,
      byReason: { 'loyal customer': 105, 'round down': 50 },
    })

    // the receipt shows them
    const receipt = await s.cashier['sales.receipt']({ saleId: sale.id })
    expect(receipt.text).toContain('Discount 10 % (loyal customer)')
    expect(receipt.text).toContain('Discount (round down)')
  })

  it("needs a manager's PIN beyond the cashier's limit, asked before any money is taken", async () => {
    const s = await openSetUpStore('discount-limit', later)
    const big = {
      lines: [{ productId: s.productId, qty: 10, discount: { percentBp: 1500, reason: 'damaged box' } }],
      payment: { method: 'cash' as const },
    }
    const refused = await refusal(s.cashier['sales.checkout']({ idempotencyKey: 'key-test-lim-1', ...big }))
    expect(refused).toMatchObject({
      code: 'APPROVAL_REQUIRED',
      details: { reason: 'discount', shareBp: 1501, limitBp: 1000 },
    })
    expect((await s.owner['sales.list']({})).total).toBe(0)
    const wrong = await refusal(
      s.cashier['sales.checkout']({
        idempotencyKey: 'key-test-lim-2',
        ...big,
        approval: { username: 'owner', pin: '0000' },
      }),
    )
    expect(wrong).toMatchObject({ code: 'APPROVAL_REQUIRED', details: { reason: 'wrong-pin' } })
    // a cashier's own PIN is no manager's approval
    const self = await refusal(
      s.cashier['sales.checkout']({
        idempotencyKey: 'key-test-lim-3',
        ...big,
        approval: { username: 'cashier', pin: '4321' },
      }),
    )
    expect(self.code).toBe('APPROVAL_REQUIRED')
    expect((await s.owner['sales.list']({})).total).toBe(0)

    const sale = await s.cashier['sales.checkout']({
      idempotencyKey: 'key-test-lim-4',
      ...big,
      approval: ownerPin,
    })
    expect(sale.discountApprovedByName).toBeTruthy()
    // exactly at the limit: a typed 10 % needs nobody, even where it rounds up
    const atLimit = await s.cashier['sales.checkout']({
      idempotencyKey: 'key-test-lim-5',
      lines: [{ productId: s.productId, qty: 3, discount: { percentBp: 1000, reason: 'staff' } }],
      payment: { method: 'cash' },
    })
    expect(atLimit.lines[0]?.discount?.amountMinor).toBe(105)
    // a manager raises the cashier's limit
    await s.owner['rules.update']({ cashierDiscountLimitBp: 2000 })
    await s.cashier['sales.checkout']({ idempotencyKey: 'key-test-lim-6', ...big })
    expect((await refusal(s.cashier['rules.update']({ cashierDiscountLimitBp: 10_000 }))).code).toBe(
      'FORBIDDEN',
    )
  })

  it('overrides a price with a reason; a lower price counts against the limit', async () => {
    const s = await openSetUpStore('override', later)
    const noReason = await refusal(
      s.cashier['sales.checkout']({
        idempotencyKey: 'key-test-ovr-0',
        lines: [{ productId: s.productId, qty: 1, unitPriceMinor: 300 }],
        payment: { method: 'card' },
      }),
    )
    expect(noReason.code).toBe('VALIDATION')
    const sale = await s.cashier['sales.checkout']({
      idempotencyKey: 'key-test-ovr-1',
      lines: [{ productId: s.productId, qty: 2, unitPriceMinor: 320, overrideReason: 'price match' }],
      payment: { method: 'card' },
    })
    expect(sale.lines[0]).toMatchObject({
      unitPriceMinor: 320,
      listPriceMinor: 349,
      overrideReason: 'price match',
    })
    expect(sale.discountsMinor).toBe(58)
    const tooLow = await refusal(
      s.cashier['sales.checkout']({
        idempotencyKey: 'key-test-ovr-2',
        lines: [{ productId: s.productId, qty: 1, unitPriceMinor: 100, overrideReason: 'price match' }],
        payment: { method: 'card' },
      }),
    )
    expect(tooLow.code).toBe('APPROVAL_REQUIRED')
    const tooMuch = await refusal(
      s.cashier['sales.checkout']({
        idempotencyKey: 'key-test-ovr-3',
        lines: [{ productId: s.productId, qty: 1, discount: { amountMinor: 400, reason: 'x' } }],
        payment: { method: 'card' },
        approval: ownerPin,
      }),
    )
    expect(tooMuch, JSON.stringify(tooMuch)).toMatchObject({ code: 'VALIDATION' })
  })

  it('prices that include tax (EU shelf prices): the tax is inside the price, per rate on the receipt', async () => {
    const s = await openSetUpStore('tax-inclusive', later)
    expect((await refusal(s.cashier['settings.update']({ pricesIncludeTax: true }))).code).toBe('FORBIDDEN')
    await s.owner['settings.update']({ pricesIncludeTax: true })
    expect((await s.owner['settings.get']({})).pricesIncludeTax).toBe(true)
    const bread = await s.owner['catalog.upsert']({
      sku: 'BRD-1',
      name: 'Bread',
      priceMinor: 214,
      taxRateBp: 700,
    })
    const wine = await s.owner['catalog.upsert']({
      sku: 'WIN-1',
      name: 'Wine',
      priceMinor: 1190,
      taxRateBp: 1900,
    })
    await s.owner['stock.restock']({ productId: bread.id, qty: 5 })
    await s.owner['stock.restock']({ productId: wine.id, qty: 5 })
    const sale = await s.cashier['sales.checkout']({
      idempotencyKey: 'key-test-incl-1',
      lines: [
        { productId: bread.id, qty: 1 },
        { productId: wine.id, qty: 1 },
      ],
      payment: { method: 'cash', tenderedMinor: 1500 },
    })
    // 2.14 = 2.00 + 0.14 (7 %); 11.90 = 10.00 + 1.90 (19 %): the shelf prices are what is paid
    expect(sale).toMatchObject({
      pricesIncludeTax: true,
      totalMinor: 1404,
      subtotalMinor: 1200,
      taxMinor: 204,
    })
    expect(sale.payment.changeMinor).toBe(96)
    const receipt = await s.cashier['sales.receipt']({ saleId: sale.id })
    expect(receipt.text).toMatch(/Tax 7\s?% on 2\.00\s+0\.14/)
    expect(receipt.text).toMatch(/Tax 19\s?% on 10\.00\s+1\.90/)
    // a full refund gives back the shelf prices exactly
    const refund = await s.cashier['sales.refund']({
      idempotencyKey: 'key-test-incl-r',
      saleId: sale.id,
      lines: [
        { productId: bread.id, qty: 1 },
        { productId: wine.id, qty: 1 },
      ],
      toStock: true,
      reason: 'wrong order',
    })
    expect(refund.totalMinor).toBe(1404)
  })
})

describe('returns without a receipt', () => {
  it("are a manager's action: a cashier needs a manager's PIN; stock and drawer follow", async () => {
    const s = await openSetUpStore('return-no-receipt', later)
    await s.cashier['shifts.open']({ idempotencyKey: 'key-test-return-shift', floatMinor: 5000 })
    const before = (await s.cashier['catalog.get']({ id: s.productId })).here
    const ask = {
      lines: [{ productId: s.productId, qty: 2 }],
      toStock: true,
      reason: 'gift, no receipt',
    }
    const refused = await refusal(s.cashier['sales.return']({ idempotencyKey: 'key-test-ret-1', ...ask }))
    expect(refused).toMatchObject({
      code: 'APPROVAL_REQUIRED',
      details: { reason: 'return-without-receipt' },
    })
    expect((await s.cashier['catalog.get']({ id: s.productId })).here).toBe(before)

    const back = await s.cashier['sales.return']({
      idempotencyKey: 'key-test-ret-2',
      ...ask,
      approval: ownerPin,
    })
    // 2 × 3.49 + 7 % = 7.47: the catalog price now, tax included
    expect(back).toMatchObject({ totalMinor: 747, toStock: true })
    expect(back.saleId).toBeUndefined()
    expect(back.receiptNo).toMatch(/^MAIN-T1-/)
    expect((await s.cashier['catalog.get']({ id: s.productId })).here).toBe(before + 2)
    // the same key again: one return
    await s.cashier['sales.return']({ idempotencyKey: 'key-test-ret-2', ...ask, approval: ownerPin })
    expect((await s.cashier['catalog.get']({ id: s.productId })).here).toBe(before + 2)
    // its own receipt: no sale to point at, the tax taken out at the product's rate
    const slip = await s.cashier['sales.receipt']({ refundId: back.id })
    expect(slip.saleId).toBeUndefined()
    expect(slip.receiptNo).toBe(back.receiptNo)
    expect(slip.text).toContain('REFUND')
    expect(slip.text).toMatch(/Tax 7%.*0\.49/)
    expect(slip.text).not.toContain('For sale')
    expect((await refusal(s.cashier['sales.receipt']({}))).code).toBe('VALIDATION')

    // a manager does it alone, at an amount they state, as store credit
    const credit = await s.owner['sales.return']({
      idempotencyKey: 'key-test-ret-3',
      lines: [{ productId: s.productId, qty: 1, amountMinor: 200 }],
      toStock: false,
      reason: 'worn',
      storeCredit: {},
    })
    expect(credit.storeCreditCardId).toMatch(/^SC-/)

    const x = await s.owner['shifts.report']({})
    expect(x.refunds).toMatchObject({ count: 2, totalMinor: 947 })
    expect(x.refundsByTender).toMatchObject({
      cash: { count: 1, amountMinor: 747 },
      'store-credit': { amountMinor: 200 },
    })
    expect(x.expectedCashMinor).toBe(5000 - 747)
  })
})
