import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { writeProduct, readProduct } from '../../shared/core/schema.ts'
import { trimDecodedContent } from '../../store-node/doc/doc-memory.ts'

describe('trimDecodedContent', () => {
  it('right-sizes decoded values without changing the document', () => {
    const source = new Y.Doc()
    for (let i = 0; i < 50; i++)
      writeProduct(source, `p-${i}`, {
        sku: `S-${i}`,
        name: `Product ${i}`,
        priceMinor: 100 + i,
        taxRate: 700,
      })
    source.getArray('log:r1').push([{ seq: 1 }, { seq: 2 }])
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(source))
    const before = Y.encodeStateAsUpdate(doc)

    const trimmed = trimDecodedContent(doc)

    expect(trimmed).toBeGreaterThan(50 * 4) // every field of every product is one decoded value
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
    expect(readProduct(doc, 'p-7')).toMatchObject({ sku: 'S-7', name: 'Product 7', priceMinor: 107 })
    // Still a live document: edits after trimming merge as usual.
    writeProduct(doc, 'p-7', { sku: 'S-7', name: 'Renamed', priceMinor: 107, taxRate: 700 })
    Y.applyUpdate(source, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(source)))
    expect(readProduct(source, 'p-7')?.name).toBe('Renamed')
  })
})
