// A large diff sent in pieces says exactly what it said in one: applied in order, every piece
// integrates at once (nothing parked), and the result equals the whole update applied at once.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { splitUpdate } from '../../shared/core/split-update.ts'

function sessionsOfOneStore(): Y.Doc {
  // three app sessions (three client ids) of one till, each continuing the previous one's data
  const doc = new Y.Doc()
  for (const [i, client] of [101, 202, 303].entries()) {
    doc.clientID = client
    doc.transact(() => {
      const log = doc.getArray('log:r1')
      for (let n = 0; n < 700; n++) log.push([{ seq: i * 700 + n + 1, id: `e-${client}-${n}` }])
      for (let p = 0; p < 150; p++) {
        const product = new Y.Map<unknown>()
        doc.getMap('products').set(`p-${client}-${p}`, product)
        product.set('name', `Product ${p}`)
        product.set('priceMinor', p * 10)
      }
      if (i > 0) log.delete(0, 50)
      doc.getMap('replicas').set('r1', { storeId: 's1', status: 'active', session: i })
    })
  }
  return doc
}

describe('splitUpdate', () => {
  it('cuts a diff into pieces under the caps that integrate in order, each without parking', () => {
    const source = sessionsOfOneStore()
    const whole = Y.encodeStateAsUpdate(source)
    const pieces = splitUpdate(whole, { maxStructs: 60, maxClients: 2, maxValues: 1_000_000, maxBytes: 1e9 })
    expect(pieces.length).toBeGreaterThan(3)
    const target = new Y.Doc()
    for (const piece of pieces) {
      const decoded = Y.decodeUpdate(piece)
      expect(decoded.structs.length).toBeLessThanOrEqual(60)
      expect(new Set(decoded.structs.map((s) => s.id.client)).size).toBeLessThanOrEqual(2)
      Y.applyUpdate(target, piece)
      expect(target.store.pendingStructs).toBeNull()
      expect(target.store.pendingDs).toBeNull()
    }
    const reference = new Y.Doc()
    Y.applyUpdate(reference, whole)
    expect(target.toJSON()).toEqual(reference.toJSON())
    expect(Y.encodeStateVector(target)).toEqual(Y.encodeStateVector(reference))
    expect(target.getArray('log:r1').length).toBe(2100 - 100)
  })

  it('cuts one long run of values into items that continue each other, under the value and byte caps', () => {
    const source = new Y.Doc()
    source
      .getArray('log:r1')
      .push(Array.from({ length: 5_000 }, (_, i) => ({ seq: i + 1, note: 'x'.repeat(40) })))
    source.getArray('log:r1').delete(10, 5)
    const whole = Y.encodeStateAsUpdate(source)
    expect(Y.decodeUpdate(whole).structs.length).toBeLessThan(5)
    const pieces = splitUpdate(whole, {
      maxStructs: 10_000,
      maxClients: 10,
      maxValues: 600,
      maxBytes: 20_000,
    })
    expect(pieces.length).toBeGreaterThan(8)
    const target = new Y.Doc()
    for (const piece of pieces) {
      const values = Y.decodeUpdate(piece).structs.reduce(
        (n, s) => n + (s instanceof Y.Item && s.content instanceof Y.ContentAny ? s.length : 0),
        0,
      )
      expect(values).toBeLessThanOrEqual(600)
      expect(piece.byteLength).toBeLessThan(40_000)
      Y.applyUpdate(target, piece)
      expect(target.store.pendingStructs).toBeNull()
    }
    expect(target.getArray('log:r1').toJSON()).toEqual(source.getArray('log:r1').toJSON())
  })

  it('returns a small update unchanged', () => {
    const doc = new Y.Doc()
    doc.getArray('log:r1').push([{ seq: 1 }])
    const update = Y.encodeStateAsUpdate(doc)
    expect(splitUpdate(update)).toEqual([update])
  })
})
