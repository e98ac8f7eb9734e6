import { describe, expect, it } from 'vitest'
import type { ProductWithStock } from '../../shared/api/views.ts'
import { scaleLabelFor } from '../../shared/core/barcodes.ts'
import {
  cartReducer,
  keyOf,
  maxLineQty,
  saleLinesOf,
  saleSignature,
  shortLines,
  type CartLine,
} from '../../renderer/src/pos/cart.ts'
import { cartTotals } from '../../renderer/src/pos/cart-totals.ts'
import { cleanupAfterEach, openSetUpStore } from '../support/index.ts'

const later = cleanupAfterEach()

describe('the cart', () => {
  it('merges a second scan into its line, newest on top; keeps quantities within bounds; totals as the store does', async () => {
    const { owner, productId } = await openSetUpStore('cart', later)
    const coffee = await owner['catalog.upsert']({
      sku: 'COF-1',
      name: 'Coffee',
      priceMinor: 1000,
      taxRateBp: 1900,
    })
    await owner['stock.restock']({ productId: coffee.id, qty: 3 })
    const tea: ProductWithStock = await owner['catalog.get']({ id: productId })
    const coffeeNow: ProductWithStock = await owner['catalog.get']({ id: coffee.id })

    let lines: CartLine[] = []
    lines = cartReducer(lines, { type: 'add', product: tea, qty: 1 })
    lines = cartReducer(lines, { type: 'add', product: coffeeNow, qty: 2 })
    lines = cartReducer(lines, { type: 'add', product: tea, qty: 2 })
    expect(lines.map((l) => [l.product.sku, l.qty])).toEqual([
      ['TEA-1', 3],
      ['COF-1', 2],
    ])
    expect(cartReducer(lines, { type: 'setQty', key: tea.id, qty: 5_000_000 })[0]!.qty).toBe(maxLineQty)
    expect(cartReducer(lines, { type: 'setQty', key: tea.id, qty: 0 }).map((l) => l.product.sku)).toEqual([
      'COF-1',
    ])
    expect(cartReducer(lines, { type: 'remove', key: coffee.id })).toHaveLength(1)
    expect(cartReducer(lines, { type: 'clear' })).toEqual([])

    // The preview total is the store's: the same lines checked out cost what the cart showed.
    const totals = cartTotals(lines)
    expect(totals.items).toBe(5)
    const sale = await owner['sales.checkout']({
      idempotencyKey: 'cart-preview-1',
      lines: lines.map((l) => ({ productId: l.product.id, qty: l.qty })),
      payment: { method: 'card' },
    })
    expect(totals.totalMinor).toBe(sale.totalMinor)

    // A pushed refresh updates the stock the lines were read with; a line now larger than stock is short.
    const coffeeAfter = await owner['catalog.get']({ id: coffee.id })
    lines = cartReducer(lines, { type: 'refresh', products: [coffeeAfter] })
    expect(lines[1]!.product.here).toBe(1)
    expect(shortLines(lines).map((l) => l.product.sku)).toEqual(['COF-1'])

    // With shelf prices that include tax, the preview follows the same rule as the sale.
    await owner['settings.update']({ pricesIncludeTax: true })
    const session = await owner['session.current']({})
    expect(session.pricesIncludeTax).toBe(true)
    const shelf = cartTotals(lines, session.pricesIncludeTax)
    expect(shelf.totalMinor).toBe(3 * 349 + 2 * 1000)
    const shelfSale = await owner['sales.checkout']({
      idempotencyKey: 'cart-preview-2',
      lines: [
        { productId: tea.id, qty: 3 },
        { productId: coffee.id, qty: 1 },
      ],
      payment: { method: 'card' },
    })
    expect(
      cartTotals(
        lines.map((l) => (l.product.id === coffee.id ? { ...l, qty: 1 } : l)),
        true,
      ),
    ).toMatchObject({
      totalMinor: shelfSale.totalMinor,
      taxMinor: shelfSale.taxMinor,
    })
  })

  it('shows with discounts, a price set and a basket discount exactly what the sale records', async () => {
    const { owner, productId } = await openSetUpStore('cart-disc', later)
    const coffee = await owner['catalog.upsert']({
      sku: 'COF-2',
      name: 'Coffee',
      priceMinor: 999,
      taxRateBp: 1900,
    })
    await owner['stock.restock']({ productId: coffee.id, qty: 10 })
    const tea = await owner['catalog.get']({ id: productId })
    const coffeeNow = await owner['catalog.get']({ id: coffee.id })
    for (const includeTax of [false, true]) {
      await owner['settings.update']({ pricesIncludeTax: includeTax })
      let lines: CartLine[] = []
      lines = cartReducer(lines, { type: 'add', product: tea, qty: 3 })
      lines = cartReducer(lines, { type: 'add', product: coffeeNow, qty: 2 })
      lines = cartReducer(lines, {
        type: 'price',
        key: tea.id,
        discount: { percentBp: 1250, reason: 'Damaged packaging' },
      })
      lines = cartReducer(lines, {
        type: 'price',
        key: coffee.id,
        override: { unitPriceMinor: 777, reason: 'Price match' },
        discount: { amountMinor: 33, reason: 'Loyal customer' },
      })
      const basket = { percentBp: 333, reason: 'Promotion' }
      const preview = cartTotals(lines, includeTax, basket)
      const sale = await owner['sales.checkout']({
        idempotencyKey: `cart-disc-${String(includeTax)}`,
        lines: saleLinesOf(lines),
        basketDiscount: basket,
        payment: { method: 'card' },
      })
      expect(preview).toMatchObject({ totalMinor: sale.totalMinor, taxMinor: sale.taxMinor })
      expect(preview.discountMinor).toBeGreaterThan(2 * (999 - 777))
    }
    // clearing a line's pricing leaves a plain line
    const plain = cartReducer(
      cartReducer([], { type: 'add', product: tea, qty: 1 }).map((l) => ({
        ...l,
        discount: { amountMinor: 5, reason: 'x' },
      })),
      { type: 'price', key: tea.id },
    )
    expect(plain[0]).toEqual({ product: tea, qty: 1 })
  })

  it('sells scale labels as packages of their own, priced as the store records them', async () => {
    const { owner } = await openSetUpStore('cart-labels', later)
    const item = scaleLabelFor('2112345000000', 0)
    const made = await owner['catalog.upsert']({
      sku: 'CHEESE',
      name: 'Gouda',
      priceMinor: 1299,
      taxRateBp: 700,
      barcode: item,
      byWeight: true,
    })
    await owner['stock.restock']({ productId: made.id, qty: 3000 })
    const cheese: ProductWithStock = await owner['catalog.get']({ id: made.id })
    const label = scaleLabelFor(item, 523)
    // two packages that weighed the same are two lines; their grams cannot be typed over
    let lines: CartLine[] = []
    lines = cartReducer(lines, { type: 'add', product: cheese, qty: 523, label })
    lines = cartReducer(lines, { type: 'add', product: cheese, qty: 523, label })
    lines = cartReducer(lines, { type: 'add', product: cheese, qty: 250 })
    expect(lines.map((l) => [l.qty, l.label])).toEqual([
      [250, undefined],
      [523, label],
      [523, label],
    ])
    expect(cartReducer(lines, { type: 'setQty', key: keyOf(lines[1]!), qty: 9 })[1]!.qty).toBe(523)
    expect(cartReducer(lines, { type: 'remove', key: keyOf(lines[1]!) }).map((l) => l.qty)).toEqual([
      250, 523,
    ])
    lines = cartReducer(lines, {
      type: 'price',
      key: keyOf(lines[2]!),
      discount: { amountMinor: 50, reason: 'Bruised' },
    })
    // weighed lines count as one item each, and the preview is what the sale records
    const preview = cartTotals(lines)
    expect(preview.items).toBe(3)
    expect(saleLinesOf(lines)[1]).toEqual({ productId: cheese.id, qty: 1, label })
    const sale = await owner['sales.checkout']({
      idempotencyKey: 'cart-labels-1',
      lines: saleLinesOf(lines),
      payment: { method: 'card' },
    })
    expect(preview).toMatchObject({ totalMinor: sale.totalMinor, taxMinor: sale.taxMinor })
    expect((await owner['stock.get']({ productId: cheese.id })).value).toBe(3000 - 250 - 523 - 523)
  })

  it('names a sale by its products and quantities, in any order', () => {
    const a = saleSignature([
      { productId: 'a', qty: 1 },
      { productId: 'b', qty: 2 },
    ])
    expect(a).toBe(
      saleSignature([
        { productId: 'b', qty: 2 },
        { productId: 'a', qty: 1 },
      ]),
    )
    expect(a).not.toBe(
      saleSignature([
        { productId: 'b', qty: 3 },
        { productId: 'a', qty: 1 },
      ]),
    )
  })
})
