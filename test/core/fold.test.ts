import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createDocFold, getLog, getMeta, refold, SCHEMA_VERSION } from '../../shared/core/index.ts'
import { makeReplica, orgUpdate, syncAll } from './harness.ts'

const init = orgUpdate({
  replicas: [
    { id: 'a', storeId: 's1' },
    { id: 'b', storeId: 's2' },
    { id: 'v', storeId: 's3' },
  ],
  products: [{ id: 'p1' }, { id: 'p2' }],
})
const by = 'u1'
const at = '2024-01-01T00:00:00.000Z'
const restock = (seq: number, qty = 1, id = `r${seq}`) => ({
  type: 'restock',
  seq,
  id,
  at,
  by,
  productId: 'p1',
  qty,
})

describe('fold: integrity alerts', () => {
  it('skips a malformed remote event with an alert, never throws, and keeps folding the log', () => {
    const doc = new Y.Doc()
    const fold = createDocFold(doc)
    getLog(doc, 'x').push([
      restock(1),
      { type: 'sale', seq: 2, id: 'bad', at, by, lines: 'nope' },
      restock(3, 2),
      42,
      null,
    ])
    expect(fold.value('p1')).toBe(3)
    const kinds = fold.alerts().map((a) => a.kind)
    expect(kinds.filter((k) => k === 'malformed')).toHaveLength(3)
    expect(fold.alerts()).toContainEqual(
      expect.objectContaining({ kind: 'malformed', replicaId: 'x', seq: 2 }),
    )
    expect(fold.logInfo('x')).toMatchObject({ lastSeq: 3, frontier: 3, gaps: [] })
    expect(refold(doc).figures()).toEqual(fold.figures())
  })

  it('reports missing seqs as gaps and waits for them', () => {
    const doc = new Y.Doc()
    const fold = createDocFold(doc)
    getLog(doc, 'x').push([restock(1), restock(3, 5), restock(6)])
    expect(fold.value('p1')).toBe(1)
    expect(fold.logInfo('x')).toMatchObject({
      lastSeq: 6,
      frontier: 1,
      pending: 2,
      gaps: [
        { from: 2, to: 2 },
        { from: 4, to: 5 },
      ],
    })
    expect(fold.alerts()).toEqual([
      { kind: 'gap', replicaId: 'x', from: 2, to: 2 },
      { kind: 'gap', replicaId: 'x', from: 4, to: 5 },
    ])
    getLog(doc, 'x').push([restock(2), restock(4), restock(5)])
    expect(fold.value('p1')).toBe(10)
    expect(fold.alerts()).toEqual([])
  })

  it('flags a duplicated event and counts it once', () => {
    const doc = new Y.Doc()
    const fold = createDocFold(doc)
    getLog(doc, 'x').push([restock(1, 4), restock(1, 4)])
    expect(fold.value('p1')).toBe(4)
    expect(fold.alerts()).toEqual([{ kind: 'duplicate-seq', replicaId: 'x', seq: 1, id: 'r1' }])
  })

  it('flags negative rights', () => {
    const doc = new Y.Doc()
    const fold = createDocFold(doc)
    getLog(doc, 'x').push([
      restock(1, 1),
      { type: 'adjust', seq: 2, id: 'j', at, by, productId: 'p1', delta: -3, reason: 'count' },
    ])
    expect(fold.alerts()).toEqual([{ kind: 'negative-rights', replicaId: 'x', productId: 'p1', rights: -2 }])
  })

  it('flags a newer schema version and the ops refuse to write', () => {
    const a = makeReplica('a', init)
    getMeta(a.doc).set('schemaVersion', SCHEMA_VERSION + 1)
    expect(a.fold.readOnlySchema).toBe(true)
    expect(a.fold.alerts()).toEqual([
      { kind: 'schema-newer', version: SCHEMA_VERSION + 1, supported: SCHEMA_VERSION },
    ])
    expect(() => a.ops.restock({ productId: 'p1', qty: 1, by })).toThrow(
      expect.objectContaining({ code: 'READ_ONLY' }),
    )
  })

  it('notices log roots that arrive from remote updates', () => {
    const a = makeReplica('a', init)
    const doc = new Y.Doc()
    const fold = createDocFold(doc)
    a.ops.restock({ productId: 'p1', qty: 7, by })
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(a.doc))
    expect(fold.value('p1')).toBe(7)
    expect(fold.logInfo('a').lastSeq).toBe(1)
  })
})

describe('fold: causal deps', () => {
  it('does not count rights spent before the transfer that paid for them arrives', () => {
    const [a, b, v] = [makeReplica('a', init), makeReplica('b', init), makeReplica('v', init)]
    a.ops.restock({ productId: 'p1', qty: 5, by })
    a.ops.transfer({ productId: 'p1', to: 'b', qty: 5, by })
    syncAll([a.doc, b.doc])
    const sale = b.ops.sell({ lines: [{ productId: 'p1', qty: 4 }], payment: { method: 'card' }, by })
    expect(sale.deps).toEqual({ a: 2 })
    // v hears b before a.
    Y.applyUpdate(v.doc, Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc)))
    expect(v.fold.value('p1')).toBe(0)
    expect(v.fold.logInfo('b')).toMatchObject({ frontier: 0, pending: 1, gaps: [] })
    expect(v.fold.alerts()).toEqual([])
    Y.applyUpdate(v.doc, Y.encodeStateAsUpdate(a.doc))
    expect(v.fold.value('p1')).toBe(1)
    expect(v.fold.rights('p1', 'b')).toBe(1)
    // Only new deps are declared: b's next event carries none.
    expect(b.ops.restock({ productId: 'p2', qty: 1, by }).deps).toBeUndefined()
  })
})

describe('fold: checkpoints and retention', () => {
  it('a deletion that arrives before its checkpoint changes nothing; covered seqs count as present', () => {
    const a = makeReplica('a', init)
    const v = makeReplica('v', init)
    a.ops.restock({ productId: 'p1', qty: 5, by })
    a.ops.sell({ lines: [{ productId: 'p1', qty: 2 }], payment: { method: 'card' }, by })
    Y.applyUpdate(v.doc, Y.encodeStateAsUpdate(a.doc))
    const sv = Y.encodeStateVector(v.doc)
    a.ops.restock({ productId: 'p2', qty: 1, by }) // v will miss this one for a while
    const missed = Y.encodeStateAsUpdate(a.doc, sv)
    a.clock.advance(3600_000)
    const updates: Uint8Array[] = []
    a.doc.on('update', (u: Uint8Array) => updates.push(u))
    const { deleted } = a.ops.checkpoint({ by, retentionMs: 0 })
    expect(deleted).toBe(3)
    expect(getLog(a.doc, 'a').length).toBe(1)
    // The checkpoint's update: its struct waits for `missed`, its deletion applies at once.
    Y.applyUpdate(v.doc, updates[0] as Uint8Array)
    expect(getLog(v.doc, 'a').length).toBe(0)
    expect(v.fold.value('p1')).toBe(3)
    Y.applyUpdate(v.doc, missed)
    expect(v.fold.figures()).toEqual(a.fold.figures())
    expect(v.fold.logInfo('a')).toMatchObject({ lastSeq: 4, checkpointSeq: 4, gaps: [] })
    expect(refold(v.doc).figures()).toEqual(a.fold.figures())
    expect(refold(v.doc).alerts()).toEqual([])
  })

  it('keeps events younger than the retention window', () => {
    const a = makeReplica('a', init)
    a.ops.restock({ productId: 'p1', qty: 5, by })
    a.clock.advance(10 * 60_000)
    a.ops.restock({ productId: 'p1', qty: 1, by })
    const { deleted, event } = a.ops.checkpoint({ by, retentionMs: 5 * 60_000 })
    expect(deleted).toBe(1)
    expect(event.totals).toEqual({ p1: { inc: 6, dec: 0, out: {} } })
    expect(
      getLog(a.doc, 'a')
        .toArray()
        .map((e) => (e as { seq: number }).seq),
    ).toEqual([2, 3])
    expect(refold(a.doc).figures()).toEqual(a.fold.figures())
  })

  it('a newer checkpoint inside the window replaces the older ones; others fold the same', () => {
    const a = makeReplica('a', init)
    const b = makeReplica('b', init)
    const v = makeReplica('v', init)
    a.ops.restock({ productId: 'p1', qty: 10, by })
    b.ops.restock({ productId: 'p1', qty: 4, by })
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc))
    a.ops.transfer({ productId: 'p1', qty: 3, to: 'b', by })
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc))
    b.ops.sell({ lines: [{ productId: 'p1', qty: 5 }], payment: { method: 'card' }, by }) // uses a's rights
    Y.applyUpdate(v.doc, Y.encodeStateAsUpdate(a.doc))
    const seen = Y.encodeStateVector(v.doc)
    a.ops.checkpoint({ by, retentionMs: 3600_000 })
    Y.applyUpdate(v.doc, Y.encodeStateAsUpdate(a.doc, seen)) // v folds the first checkpoint
    a.ops.sell({ lines: [{ productId: 'p1', qty: 1 }], payment: { method: 'card' }, by })
    const second = a.ops.checkpoint({ by, retentionMs: 3600_000 }) // everything is inside the hour
    a.ops.sell({ lines: [{ productId: 'p1', qty: 1 }], payment: { method: 'card' }, by })
    const types = getLog(a.doc, 'a')
      .toArray()
      .map((e) => (e as { type: string }).type)
    expect(types.filter((t) => t === 'checkpoint')).toHaveLength(1)
    expect(types).toEqual(['restock', 'transfer', 'sale', 'checkpoint', 'sale'])
    expect(second.event.seq).toBe(5)
    // A store that saw the first checkpoint, and one that never did, agree with a's own fold.
    for (const other of [b, v]) {
      Y.applyUpdate(other.doc, Y.encodeStateAsUpdate(a.doc))
      Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(other.doc))
    }
    const fresh = makeReplica('w', init)
    Y.applyUpdate(fresh.doc, Y.encodeStateAsUpdate(a.doc))
    for (const r of [b, v, fresh]) {
      expect(r.fold.figures()).toEqual(a.fold.figures())
      expect(r.fold.alerts()).toEqual([])
    }
    expect(refold(a.doc).figures()).toEqual(a.fold.figures())
    expect(refold(a.doc).alerts()).toEqual([])
  })

  it('carries open holds, requests and orders across a checkpoint; drops closed ones', () => {
    const a = makeReplica('a', init)
    const b = makeReplica('b', init)
    a.ops.restock({ productId: 'p1', qty: 9, by })
    const h = a.ops.reserve({ productId: 'p1', qty: 2, expiresAt: '2024-02-01T00:00:00.000Z', by })
    const closed = a.ops.reserve({ productId: 'p1', qty: 1, expiresAt: '2024-02-01T00:00:00.000Z', by })
    a.ops.release({ holdId: closed.id, by })
    const { order } = a.ops.orderCreate({
      lines: [{ productId: 'p1', qty: 1 }],
      holdExpiresAt: '2024-02-01T00:00:00.000Z',
      by,
    })
    const req = a.ops.request({ productId: 'p2', donor: 'b', qty: 3, by })
    const before = a.fold.figures()
    const { event } = a.ops.checkpoint({ by, retentionMs: 0 })
    expect(event.holds.map((x) => x.holdId).sort()).toEqual(
      [
        h.id,
        ...a.fold
          .openHolds()
          .map((x) => x.holdId)
          .filter((id) => id !== h.id),
      ].sort(),
    )
    expect(event.orders.map((o) => o.orderId)).toEqual([order.orderId])
    expect(event.requests.map((r) => r.requestId)).toEqual([req.id])
    expect(a.fold.figures()).toEqual(before)
    syncAll([a.doc, b.doc])
    expect(b.fold.figures()).toEqual(before)
    expect(refold(b.doc).figures()).toEqual(before)
    // Actions on state that now lives only in the checkpoint still work.
    a.ops.release({ holdId: h.id, by })
    a.ops.orderCancel({ orderId: order.orderId, by })
    expect(a.fold.reserved('p1')).toBe(0)
  })
})
