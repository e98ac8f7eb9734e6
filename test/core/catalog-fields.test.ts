import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getProducts, readProduct, writeProduct } from '../../shared/core/schema.ts'

const keysOf = (doc: Y.Doc, id: string) => [...(getProducts(doc).get(id) as Y.Map<unknown>).keys()].sort()

describe('catalog fields in the document', () => {
  it('leaves defaults out of a new product and reads them back', () => {
    const doc = new Y.Doc()
    writeProduct(doc, 'p1', {
      sku: 'A',
      name: 'Apple',
      priceMinor: 120,
      taxRate: 700,
      barcode: '',
      unit: 'pcs',
      reorderPoint: 0,
      policy: 'pool',
      archived: false,
    })
    expect(keysOf(doc, 'p1')).toEqual(['name', 'priceMinor', 'sku', 'taxRate'])
    expect(readProduct(doc, 'p1')).toEqual({
      sku: 'A',
      name: 'Apple',
      priceMinor: 120,
      taxRate: 700,
      barcode: '',
      unit: 'pcs',
      reorderPoint: 0,
      policy: 'pool',
      archived: false,
      category: '',
      supplierId: '',
      supplierSku: '',
      costMinor: 0,
      byWeight: false,
    })
  })

  it('writes only changed fields, so a concurrent edit of another field survives', () => {
    const a = new Y.Doc()
    a.clientID = 2 // higher client id: A would win a tie on any key both wrote
    writeProduct(a, 'p1', { sku: 'A', name: 'Apple', priceMinor: 120, taxRate: 700, unit: 'kg' })
    const b = new Y.Doc()
    b.clientID = 1
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    // Store A saves the whole form having changed the price; store B renamed it meanwhile.
    writeProduct(a, 'p1', { sku: 'A', name: 'Apple', priceMinor: 150, taxRate: 700, unit: 'kg' })
    writeProduct(b, 'p1', { name: 'Green apple' })
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    for (const doc of [a, b])
      expect(readProduct(doc, 'p1')).toMatchObject({ name: 'Green apple', priceMinor: 150 })
    // Setting a field back to its default on an existing product is written (it differs).
    writeProduct(a, 'p1', { unit: 'pcs' })
    expect(keysOf(a, 'p1')).toContain('unit')
    expect(readProduct(a, 'p1')?.unit).toBe('pcs')
  })
})
