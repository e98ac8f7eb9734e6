import { describe, expect, it } from 'vitest'
import { scaleLabelFor } from '../../shared/core/barcodes.ts'
import { cleanupAfterEach, openSetUpStore, refusal } from '../support/index.ts'

const later = cleanupAfterEach()

/** The barcode a scale item is found by: 2 P IIIII 00000 C (value zeroed). */
const item = (prefix: string, code: string) => scaleLabelFor(`${prefix}${code}000000`, 0)

// Issue 21: price-embedded barcodes from label scales (prefix 2, weight or price) sell at the
// right quantity and price; products sold by weight count grams and are priced per kilogram.
describe('scale labels', () => {
  it('sells a weight label in grams at the price per kilogram and a price label at its printed price', async () => {
    const { owner, cashier, productId } = await openSetUpStore('scale-labels', later)
    // cheese: 12.99 a kilogram at 7 %, weighed labels (21); olives: 18.99 a kilogram, priced labels
    // (23); a cake slice sold by the piece with a priced label (24)
    const cheese = await owner['catalog.upsert']({
      sku: 'CHEESE',
      name: 'Gouda',
      priceMinor: 1299,
      taxRateBp: 700,
      barcode: item('21', '12345'),
      byWeight: true,
    })
    expect(cheese.byWeight).toBe(true)
    const olives = await owner['catalog.upsert']({
      sku: 'OLIVES',
      name: 'Olives',
      priceMinor: 1899,
      taxRateBp: 700,
      barcode: item('23', '00042'),
      byWeight: true,
    })
    const cake = await owner['catalog.upsert']({
      sku: 'CAKE',
      name: 'Cake slice',
      priceMinor: 300,
      taxRateBp: 700,
      barcode: item('24', '00007'),
    })
    for (const [id, qty] of [
      [cheese.id, 5000],
      [olives.id, 2000],
      [cake.id, 10],
    ] as const)
      await owner['stock.restock']({ productId: id, qty })

    const cheeseLabel = scaleLabelFor(cheese.barcode, 523) // 523 g
    const olivesLabel = scaleLabelFor(olives.barcode, 550) // 5.50 printed
    const cakeLabel = scaleLabelFor(cake.barcode, 349) // 3.49 printed
    // Pay holds what the labels say: 523 g of cheese
    const held = await cashier['sales.holdForPayment']({
      idempotencyKey: 'scale-hold-1',
      lines: [{ productId: cheese.id, qty: 1, label: cheeseLabel }],
    })
    expect((await cashier['stock.get']({ productId: cheese.id })).reserved).toBe(523)
    // and the hold is worth what those grams cost (6.79 + 7 %), not 523 kilograms
    const holds = (await cashier['reservations.list']({})).items
    expect(holds.find((h) => h.productId === cheese.id)).toMatchObject({ qty: 523, totalMinor: 727 })
    const sold = await cashier['sales.checkout']({
      idempotencyKey: 'scale-sale-1',
      lines: [
        { productId: cheese.id, qty: 1, label: cheeseLabel },
        { productId: olives.id, qty: 1, label: olivesLabel },
        { productId: cake.id, qty: 1, label: cakeLabel },
        { productId, qty: 1 },
      ],
      payment: { method: 'card' },
      holdIds: held.holdIds,
    })
    // 523 g × 12.99/kg = 6.79 (6.79377); olives exactly 5.50 for the 290 g it buys; cake 3.49
    const detail = await cashier['sales.get']({ saleId: sold.id })
    expect(detail.lines.map((l) => [l.qty, l.unitPriceMinor])).toEqual([
      [523, 1299],
      [290, 550],
      [1, 349],
      [1, 349],
    ])
    const net = 679 + 550 + 349 + 349
    expect(sold.totalMinor).toBe(net + Math.round((679 * 7) / 100) + 39 + 24 + 24)
    expect((await cashier['stock.get']({ productId: cheese.id })).value).toBe(5000 - 523)
    expect((await cashier['stock.get']({ productId: olives.id })).value).toBe(2000 - 290)
    expect((await cashier['stock.get']({ productId: cake.id })).value).toBe(9)
    const receipt = await cashier['sales.receipt']({ saleId: sold.id })
    expect(receipt.text).toMatch(/0\.523 kg x 12\.99\/kg\s+7\.27/)
    expect(receipt.text).toMatch(/0\.290 kg\s+5\.89/)
    // the cheese comes back: its slip and the sale's reprint say kilograms, not 523 pieces
    const back = await cashier['sales.refund']({
      idempotencyKey: 'scale-refund-1',
      saleId: sold.id,
      lines: [{ productId: cheese.id, qty: 523 }],
      toStock: true,
      reason: 'mould',
    })
    expect(back.totalMinor).toBe(727)
    expect((await cashier['sales.receipt']({ saleId: sold.id, refundId: back.id })).text).toMatch(
      /0\.523 kg x 12\.99\/kg\s+7\.27/,
    )
    expect((await cashier['sales.receipt']({ saleId: sold.id })).text).toMatch(/0\.523 kg Gouda\s+-7\.27/)
    expect((await cashier['stock.get']({ productId: cheese.id })).value).toBe(5000)

    // a typed weight of a product sold by weight is grams at the price per kilogram
    const typed = await cashier['sales.checkout']({
      idempotencyKey: 'scale-sale-2',
      lines: [{ productId: cheese.id, qty: 250 }],
      payment: { method: 'cash' },
    })
    expect(typed.totalMinor).toBe(325 + 23) // 250 g × 12.99 = 3.2475 → 3.25, 7 % = 0.2275 → 0.23

    // refused, and nothing recorded: a misread digit, another product's label, a weight label of
    // a product sold by the piece, an empty label, more than one package per label, more than in stock
    const sales = (await cashier['sales.list']({ limit: 50 })).total
    const refused = async (line: Record<string, unknown>, key: string) =>
      (
        await refusal(
          cashier['sales.checkout']({
            idempotencyKey: `scale-refused-${key}`,
            lines: [{ productId: cheese.id, qty: 1, ...line }] as never,
            payment: { method: 'card' },
          }),
        )
      ).code
    const misread = `${cheeseLabel.slice(0, 12)}${(Number(cheeseLabel.at(-1)) + 1) % 10}`
    expect(await refused({ label: misread }, 'misread')).toBe('VALIDATION')
    expect(await refused({ label: olivesLabel }, 'other')).toBe('VALIDATION')
    expect(
      await refused({ productId: cake.id, label: scaleLabelFor(item('21', '00007'), 100) }, 'kind'),
    ).toBe('VALIDATION')
    expect(await refused({ label: scaleLabelFor(cheese.barcode, 0) }, 'empty')).toBe('VALIDATION')
    expect(await refused({ qty: 2, label: cheeseLabel }, 'two')).toBe('VALIDATION')
    expect(await refused({ label: scaleLabelFor(cheese.barcode, 99_999) }, 'short')).toBe('OUT_OF_STOCK')
    expect((await cashier['sales.list']({ limit: 50 })).total).toBe(sales)

    // a parked cart keeps its packages as their labels
    const parked = await cashier['parked.park']({
      idempotencyKey: 'scale-park-1',
      name: 'Deli',
      lines: [{ productId: cheese.id, qty: 523, label: cheeseLabel }],
    })
    expect(parked.lines).toMatchObject([{ productId: cheese.id, qty: 523, label: cheeseLabel }])

    // an edit that leaves "by weight" out keeps it
    const edited = await owner['catalog.upsert']({
      id: cheese.id,
      sku: 'CHEESE',
      name: 'Gouda, young',
      priceMinor: 1299,
    })
    expect(edited.byWeight).toBe(true)
  })
})
