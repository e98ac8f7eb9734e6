import { describe, expect, it } from 'vitest'
import { lookupCode, parseScan } from '../../renderer/src/pos/lookup-code.ts'
import { cleanupAfterEach, openSetUpStore } from '../support/index.ts'

const later = cleanupAfterEach()

describe('looking up a scanned or typed code', () => {
  it('reads "3*code" as three of that code', () => {
    expect(parseScan('3*4006381333931')).toEqual({ code: '4006381333931', qty: 3 })
    expect(parseScan(' 2 x TEA-1 ')).toEqual({ code: 'TEA-1', qty: 2 })
    expect(parseScan('0*TEA-1')).toEqual({ code: '0*TEA-1', qty: 1 })
    expect(parseScan('TEA-1')).toEqual({ code: 'TEA-1', qty: 1 })
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
})
