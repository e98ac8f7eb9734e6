import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { DomainError, SCHEMA_VERSION, getLog, getMeta, writeReplica } from '../../shared/core/index.ts'
import { codeOf, makeReplica, orgUpdate, syncAll } from './harness.ts'

const setup = () => {
  const init = orgUpdate({
    replicas: [
      { id: 'a', storeId: 's1' },
      { id: 'b', storeId: 's2' },
      { id: 'c', storeId: 's3' },
    ],
    products: [{ id: 'p1' }, { id: 'p2' }, { id: 'p3', policy: 'local' }],
  })
  const a = makeReplica('a', init)
  const b = makeReplica('b', init)
  return { init, a, b }
}
const by = 'u1'

describe('operations: happy paths', () => {
  it('restock, sell, transfer, request and the escrow figures', () => {
    const { a, b } = setup()
    a.ops.restock({ productId: 'p1', qty: 10, by })
    const sale = a.ops.sell({
      lines: [{ productId: 'p1', qty: 3 }],
      payment: { method: 'cash', tenderedMinor: 1000 },
      by,
    })
    expect(sale.totals).toEqual({ subtotalMinor: 750, taxMinor: 150, totalMinor: 900 })
    expect(sale.payment.changeMinor).toBe(100)
    expect(sale.seq).toBe(2)
    a.ops.transfer({ productId: 'p1', to: 'b', qty: 4, by })
    expect(a.fold.rights('p1', 'a')).toBe(3)
    expect(a.fold.rights('p1', 'b')).toBe(4)
    expect(a.fold.value('p1')).toBe(7)
    syncAll([a.doc, b.doc])
    expect(b.fold.rights('p1', 'b')).toBe(4)
    expect(b.fold.figures()).toEqual(a.fold.figures())
    const req = b.ops.request({ productId: 'p1', donor: 'a', qty: 2, by })
    syncAll([a.doc, b.doc])
    expect(a.fold.outstandingRequests({ donor: 'a' }).map((r) => r.requestId)).toEqual([req.id])
    a.ops.transfer({ productId: 'p1', to: 'b', qty: 2, requestId: req.id, by })
    expect(a.fold.outstandingRequests()).toEqual([])
  })

  it('holds: reserve, release, fulfil; orders', () => {
    const { a } = setup()
    a.ops.restock({ productId: 'p1', qty: 5, by })
    const h = a.ops.reserve({ productId: 'p1', qty: 2, expiresAt: '2024-01-02T00:00:00.000Z', by })
    expect(a.fold.reserved('p1')).toBe(2)
    expect(a.fold.rights('p1', 'a')).toBe(3)
    a.ops.release({ holdId: h.id, by })
    expect(a.fold.rights('p1', 'a')).toBe(5)
    const h2 = a.ops.reserve({ productId: 'p1', qty: 1, expiresAt: '2024-01-02T00:00:00.000Z', by })
    a.ops.fulfil({ holdId: h2.id, by })
    expect(a.fold.value('p1')).toBe(4)
    expect(a.fold.reserved('p1')).toBe(0)
    const { order, holds } = a.ops.orderCreate({
      lines: [{ productId: 'p1', qty: 2 }],
      holdExpiresAt: '2024-02-01T00:00:00.000Z',
      by,
    })
    expect(holds).toHaveLength(1)
    expect(a.fold.reserved('p1')).toBe(2)
    a.ops.orderAdvance({ orderId: order.orderId, status: 'confirmed', by })
    const c = a.ops.orderCancel({ orderId: order.orderId, by })
    expect(c.releases).toHaveLength(1)
    expect(a.fold.rights('p1', 'a')).toBe(4)
    const o2 = a.ops.orderCreate({
      lines: [{ productId: 'p1', qty: 1 }],
      holdExpiresAt: '2024-02-01T00:00:00.000Z',
      by,
    })
    const shipped = a.ops.orderAdvance({ orderId: o2.order.orderId, status: 'shipped', by })
    expect(shipped.fulfils).toHaveLength(1)
    expect(a.fold.value('p1')).toBe(3)
    expect(a.fold.openOrders().map((o) => o.status)).toEqual(['shipped'])
  })

  it('releaseExpired releases only expired holds outside open orders', () => {
    const { a } = setup()
    a.ops.restock({ productId: 'p1', qty: 5, by })
    a.ops.reserve({ productId: 'p1', qty: 1, expiresAt: '2024-01-01T00:10:00.000Z', by })
    a.ops.reserve({ productId: 'p1', qty: 1, expiresAt: '2024-01-03T00:00:00.000Z', by })
    a.ops.orderCreate({ lines: [{ productId: 'p1', qty: 1 }], holdExpiresAt: '2024-01-01T00:10:00.000Z', by })
    a.clock.advance(3600_000)
    const released = a.ops.releaseExpired({ by })
    expect(released).toHaveLength(1)
    expect(released[0]?.reason).toBe('expired')
    expect(a.fold.reserved('p1')).toBe(2)
  })

  it('refund to stock adds rights; written off does not', () => {
    const { a } = setup()
    a.ops.restock({ productId: 'p1', qty: 5, by })
    const sale = a.ops.sell({
      lines: [
        { productId: 'p1', qty: 2 },
        { productId: 'p1', qty: 1 },
      ],
      payment: { method: 'card' },
      by,
    })
    const r = a.ops.refund({ saleId: sale.id, lines: [{ productId: 'p1', qty: 1 }], toStock: true, by })
    expect(r.amountMinor).toBe(300)
    expect(a.fold.rights('p1', 'a')).toBe(3)
    a.ops.refund({ saleId: sale.id, lines: [{ productId: 'p1', qty: 1 }], toStock: false, by })
    expect(a.fold.rights('p1', 'a')).toBe(3)
  })

  it('retire moves every right to the successor, then refuses writes', () => {
    const { a, b } = setup()
    a.ops.restock({ productId: 'p1', qty: 5, by })
    a.ops.restock({ productId: 'p2', qty: 2, by })
    const r = a.ops.retire({ successor: 'b', by })
    expect(r.transfers.map((t) => [t.productId, t.qty])).toEqual([
      ['p1', 5],
      ['p2', 2],
    ])
    expect(a.fold.rights('p1', 'b')).toBe(5)
    expect(a.fold.logInfo('a').retiredTo).toBe('b')
    expect(codeOf(() => a.ops.restock({ productId: 'p1', qty: 1, by }))).toBe('READ_ONLY')
    syncAll([a.doc, b.doc])
    expect(codeOf(() => b.ops.transfer({ productId: 'p1', to: 'a', qty: 1, by }))).toBe('CONFLICT')
  })
})

describe('operations: every refusal has its code', () => {
  it('VALIDATION', () => {
    const { a } = setup()
    a.ops.restock({ productId: 'p1', qty: 5, by })
    for (const qty of [0, -1, 1.5, Number.NaN, Infinity])
      expect(codeOf(() => a.ops.restock({ productId: 'p1', qty, by }))).toBe('VALIDATION')
    expect(
      codeOf(() => a.ops.sell({ lines: [{ productId: 'p1', qty: 0 }], payment: { method: 'cash' }, by })),
    ).toBe('VALIDATION')
    expect(codeOf(() => a.ops.sell({ lines: [], payment: { method: 'cash' }, by }))).toBe('VALIDATION')
    expect(
      codeOf(() =>
        a.ops.sell({
          lines: [{ productId: 'p1', qty: 1 }],
          payment: { method: 'cash', tenderedMinor: 1 },
          by,
        }),
      ),
    ).toBe('VALIDATION')
    expect(codeOf(() => a.ops.adjust({ productId: 'p1', delta: 2, reason: '', by }))).toBe('VALIDATION')
    expect(codeOf(() => a.ops.adjust({ productId: 'p1', delta: 0, reason: 'count', by }))).toBe('VALIDATION')
    expect(codeOf(() => a.ops.transfer({ productId: 'p1', to: 'b', qty: 2.5, by }))).toBe('VALIDATION')
    expect(codeOf(() => a.ops.reserve({ productId: 'p1', qty: 1, expiresAt: 'tomorrow', by }))).toBe(
      'VALIDATION',
    )
    expect(codeOf(() => a.ops.restock({ productId: 'p1', qty: 1, by: '' }))).toBe('VALIDATION')
    expect(codeOf(() => a.ops.request({ productId: 'p1', donor: 'b', qty: -3, by }))).toBe('VALIDATION')
    // Nothing refused was written.
    expect(getLog(a.doc, 'a').length).toBe(1)
  })

  it('OUT_OF_STOCK lists every short line, writes nothing', () => {
    const { a, b } = setup()
    a.ops.restock({ productId: 'p1', qty: 2, by })
    b.ops.restock({ productId: 'p2', qty: 7, by })
    syncAll([a.doc, b.doc])
    a.ops.restock({ productId: 'p2', qty: 1, by })
    let err: DomainError | undefined
    try {
      a.ops.sell({
        lines: [
          { productId: 'p1', qty: 1 },
          { productId: 'p2', qty: 3 },
          { productId: 'p1', qty: 2 },
        ],
        payment: { method: 'cash' },
        by,
      })
    } catch (e) {
      err = e as DomainError
    }
    expect(err?.code).toBe('OUT_OF_STOCK')
    expect(err?.details).toEqual({
      lines: [
        { productId: 'p1', requested: 3, rightsHere: 2, chainValue: 2, holders: [] },
        {
          productId: 'p2',
          requested: 3,
          rightsHere: 1,
          chainValue: 8,
          holders: [{ replicaId: 'b', rights: 7 }],
        },
      ],
    })
    expect(a.fold.logInfo('a').lastSeq).toBe(2)
    expect(codeOf(() => a.ops.adjust({ productId: 'p1', delta: -3, reason: 'damaged', by }))).toBe(
      'OUT_OF_STOCK',
    )
    expect(codeOf(() => a.ops.transfer({ productId: 'p1', to: 'b', qty: 3, by }))).toBe('OUT_OF_STOCK')
    expect(
      codeOf(() => a.ops.reserve({ productId: 'p1', qty: 3, expiresAt: '2024-01-02T00:00:00Z', by })),
    ).toBe('OUT_OF_STOCK')
    expect(
      codeOf(() =>
        a.ops.orderCreate({
          lines: [{ productId: 'p1', qty: 3 }],
          holdExpiresAt: '2024-01-02T00:00:00Z',
          by,
        }),
      ),
    ).toBe('OUT_OF_STOCK')
    expect(codeOf(() => a.ops.adjust({ productId: 'p1', delta: -2, reason: 'damaged', by }))).toBe('none')
  })

  it('NOT_FOUND', () => {
    const { a } = setup()
    a.ops.restock({ productId: 'p1', qty: 2, by })
    expect(codeOf(() => a.ops.restock({ productId: 'nope', qty: 1, by }))).toBe('NOT_FOUND')
    expect(
      codeOf(() => a.ops.sell({ lines: [{ productId: 'nope', qty: 1 }], payment: { method: 'cash' }, by })),
    ).toBe('NOT_FOUND')
    expect(codeOf(() => a.ops.transfer({ productId: 'p1', to: 'zzz', qty: 1, by }))).toBe('NOT_FOUND')
    expect(codeOf(() => a.ops.transfer({ productId: 'p1', to: 'b', qty: 1, requestId: 'nope', by }))).toBe(
      'NOT_FOUND',
    )
    expect(codeOf(() => a.ops.request({ productId: 'p1', donor: 'zzz', qty: 1, by }))).toBe('NOT_FOUND')
    expect(codeOf(() => a.ops.cancelRequest({ requestId: 'nope', by }))).toBe('NOT_FOUND')
    expect(codeOf(() => a.ops.release({ holdId: 'nope', by }))).toBe('NOT_FOUND')
    expect(codeOf(() => a.ops.fulfil({ holdId: 'nope', by }))).toBe('NOT_FOUND')
    expect(
      codeOf(() => a.ops.refund({ saleId: 'nope', lines: [{ productId: 'p1', qty: 1 }], toStock: true, by })),
    ).toBe('NOT_FOUND')
    expect(codeOf(() => a.ops.orderAdvance({ orderId: 'nope', status: 'confirmed', by }))).toBe('NOT_FOUND')
    expect(codeOf(() => a.ops.orderCancel({ orderId: 'nope', by }))).toBe('NOT_FOUND')
    expect(codeOf(() => a.ops.retire({ successor: 'zzz', by }))).toBe('NOT_FOUND')
  })

  it('CONFLICT', () => {
    const { init, a, b } = setup()
    a.ops.restock({ productId: 'p1', qty: 9, by })
    expect(codeOf(() => a.ops.transfer({ productId: 'p1', to: 'a', qty: 1, by }))).toBe('CONFLICT')
    expect(codeOf(() => a.ops.request({ productId: 'p1', donor: 'a', qty: 1, by }))).toBe('CONFLICT')
    // retiring and retired replicas receive nothing
    writeReplica(a.doc, 'c', { storeId: 's3', storeName: 'Store s3', status: 'retiring' })
    expect(codeOf(() => a.ops.transfer({ productId: 'p1', to: 'c', qty: 1, by }))).toBe('CONFLICT')
    const c = makeReplica('c', init)
    c.ops.retire({ successor: 'b', by })
    syncAll([a.doc, c.doc])
    expect(codeOf(() => a.ops.transfer({ productId: 'p1', to: 'c', qty: 1, by }))).toBe('CONFLICT')
    expect(codeOf(() => a.ops.request({ productId: 'p1', donor: 'c', qty: 1, by }))).toBe('CONFLICT')
    // holds
    const h = a.ops.reserve({ productId: 'p1', qty: 1, expiresAt: '2024-01-02T00:00:00Z', by })
    a.ops.release({ holdId: h.id, by })
    expect(codeOf(() => a.ops.release({ holdId: h.id, by }))).toBe('CONFLICT')
    expect(codeOf(() => a.ops.fulfil({ holdId: h.id, by }))).toBe('CONFLICT')
    // refund more than sold
    const sale = a.ops.sell({ lines: [{ productId: 'p1', qty: 2 }], payment: { method: 'card' }, by })
    expect(
      codeOf(() =>
        a.ops.refund({ saleId: sale.id, lines: [{ productId: 'p1', qty: 3 }], toStock: true, by }),
      ),
    ).toBe('CONFLICT')
    a.ops.refund({ saleId: sale.id, lines: [{ productId: 'p1', qty: 2 }], toStock: true, by })
    expect(
      codeOf(() =>
        a.ops.refund({ saleId: sale.id, lines: [{ productId: 'p1', qty: 1 }], toStock: true, by }),
      ),
    ).toBe('CONFLICT')
    expect(
      codeOf(() =>
        a.ops.refund({ saleId: sale.id, lines: [{ productId: 'p2', qty: 1 }], toStock: true, by }),
      ),
    ).toBe('CONFLICT')
    // order transitions
    const { order } = a.ops.orderCreate({
      lines: [{ productId: 'p1', qty: 1 }],
      holdExpiresAt: '2024-01-09T00:00:00Z',
      by,
    })
    a.ops.orderAdvance({ orderId: order.orderId, status: 'processing', by })
    expect(codeOf(() => a.ops.orderAdvance({ orderId: order.orderId, status: 'confirmed', by }))).toBe(
      'CONFLICT',
    )
    expect(codeOf(() => a.ops.retire({ successor: 'b', by }))).toBe('CONFLICT') // open order
    a.ops.orderAdvance({ orderId: order.orderId, status: 'shipped', by })
    expect(codeOf(() => a.ops.orderCancel({ orderId: order.orderId, by }))).toBe('CONFLICT')
    // another replica's hold, request and order
    syncAll([a.doc, b.doc])
    expect(codeOf(() => b.ops.orderAdvance({ orderId: order.orderId, status: 'delivered', by }))).toBe(
      'CONFLICT',
    )
    const h2 = a.ops.reserve({ productId: 'p1', qty: 1, expiresAt: '2024-01-02T00:00:00Z', by })
    const rq = a.ops.request({ productId: 'p2', donor: 'b', qty: 1, by })
    syncAll([a.doc, b.doc])
    expect(codeOf(() => b.ops.release({ holdId: h2.id, by }))).toBe('CONFLICT')
    expect(codeOf(() => b.ops.cancelRequest({ requestId: rq.id, by }))).toBe('NOT_FOUND')
    a.ops.cancelRequest({ requestId: rq.id, by })
    expect(codeOf(() => a.ops.cancelRequest({ requestId: rq.id, by }))).toBe('CONFLICT')
  })

  it('READ_ONLY: newer schema, retired replica', () => {
    const { a, b } = setup()
    a.ops.restock({ productId: 'p1', qty: 1, by })
    getMeta(b.doc).set('schemaVersion', SCHEMA_VERSION + 1)
    syncAll([a.doc, b.doc])
    expect(a.ops.readOnlyReason()).toMatch(/newer/)
    expect(codeOf(() => a.ops.restock({ productId: 'p1', qty: 1, by }))).toBe('READ_ONLY')
    expect(
      codeOf(() => a.ops.sell({ lines: [{ productId: 'p1', qty: 1 }], payment: { method: 'cash' }, by })),
    ).toBe('READ_ONLY')
    expect(a.fold.alerts()).toContainEqual({
      kind: 'schema-newer',
      version: SCHEMA_VERSION + 1,
      supported: SCHEMA_VERSION,
    })
    const { a: a2 } = setup()
    a2.ops.retire({ successor: 'b', by })
    expect(codeOf(() => a2.ops.request({ productId: 'p1', donor: 'b', qty: 1, by }))).toBe('READ_ONLY')
  })

  it('ops run in one transaction with a recognisable origin', () => {
    const { a } = setup()
    const origins: unknown[] = []
    a.doc.on('update', (_u: Uint8Array, origin: unknown) => origins.push(origin))
    a.ops.restock({ productId: 'p1', qty: 3, by })
    a.ops.orderCreate({
      lines: [
        { productId: 'p1', qty: 1 },
        { productId: 'p1', qty: 1 },
      ],
      holdExpiresAt: '2024-01-09T00:00:00Z',
      by,
    })
    expect(origins).toEqual([Symbol.for('allot.core.ops'), Symbol.for('allot.core.ops')])
    expect(Y.encodeStateVector(a.doc).length).toBeGreaterThan(0)
  })
})
