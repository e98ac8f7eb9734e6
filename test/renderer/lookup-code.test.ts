import { describe, expect, it } from 'vitest'
import { scaleLabelFor } from '../../shared/core/barcodes.ts'
import { lookupCode, parseScan } from '../../renderer/src/pos/lookup-code.ts'
import { cleanupAfterEach, openSetUpStore } from '../support/index.ts'

const later = cleanupAfterEach()

describe('looking up a scanned or typed code', () => {
  it('reads "3*code" as three of that code', () => {
    expect(parseScan('3*4006381333931')).toEqual({ code: '4006381333931', qty: 3, counted: true })
    expect(parseScan(' 2 x TEA-1 ')).toEqual({ code: 'TEA-1', qty: 2, counted: true })
    expect(parseScan('0*TEA-1')).toEqual({ code: '0*TEA-1', qty: 1, counted: false })
    expect(parseScan('TEA-1')).toEqual({ code: 'TEA-1', qty: 1, counted: false })
    // grams of a product sold by weight: up to five digits
    expect(parseScan('12500*GOUDA')).toEqual({ code: 'GOUDA', qty: 12_500, counted: true })
  })

  it('finds by barcode, then SKU, then a search with one match; says when archived or unknown', async () => {
    const { owner } = await openSetUpStore('lookup', later)
    const byBarcode = await lookupCode(owner, '2*4006381333931')
    expect(byBarcode.kind === 'found' && [byBarcode.product.sku, byBarcode.qty]).toEqual(['TEA-1', 2])
    const bySku = await lookupCode(owner, 'TEA-1')
    expect(bySku.kind === 'found' && bySku.product.name).toBe('Green tea')
    const bySearch = await lookupCode(owner, 'green')
    expect(bySearch.kind === 'found' && bySearch.product.sku).toBe('TEA-1')
    expect(await lookupCode(owner, 'no-such-code')).toEqual({ kind: 'none', code: 'no-such-code' })

    const old = await owner['catalog.upsert']({
      sku: 'OLD-1',
      name: 'Old soap',
      priceMinor: 100,
      taxRateBp: 0,
    })
    await owner['catalog.archive']({ id: old.id, archived: true })
    expect((await lookupCode(owner, 'OLD-1')).kind).toBe('archived')
  })
  it('reads a scale label: its product by the item code, its grams; a product by weight needs a weight', async () => {
    const { owner } = await openSetUpStore('lookup-labels', later)
    const item = scaleLabelFor('2112345000000', 0)
    await owner['catalog.upsert']({
      sku: 'GOUDA',
      name: 'Gouda',
      priceMinor: 1299,
      barcode: item,
      byWeight: true,
    })
    const label = scaleLabelFor(item, 523)
    const found = await lookupCode(owner, label)
    expect(found.kind === 'found' && [found.product.sku, found.qty, found.label]).toEqual([
      'GOUDA',
      523,
      label,
    ])
    // picked without a weight it is refused with what to do; typed grams sell
    const bare = await lookupCode(owner, 'GOUDA')
    expect(bare.kind === 'refused' && bare.message).toMatch(/sold by weight.*250\*GOUDA/)
    const typed = await lookupCode(owner, '250*GOUDA')
    expect(typed.kind === 'found' && [typed.qty, typed.label]).toEqual([250, undefined])
    // a label with a misread digit says so (it is not looked up as a barcode)
    const misread = `${label.slice(0, 12)}${(Number(label.at(-1)) + 1) % 10}`
    expect(await lookupCode(owner, misread)).toEqual({ kind: 'misread', code: misread })
    // a weight label of a product sold by the piece is refused, with why
    const piece = scaleLabelFor('2100007000000', 0)
    await owner['catalog.upsert']({ sku: 'CAKE', name: 'Cake slice', priceMinor: 300, barcode: piece })
    const wrong = await lookupCode(owner, scaleLabelFor(piece, 120))
    expect(wrong.kind === 'refused' && wrong.message).toBe('Cake slice is not sold by weight')
  })
})
