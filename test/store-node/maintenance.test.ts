import * as Y from 'yjs'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir, apiOf, openNodeAt, setUpStore } from '../support/index.ts'

const dirs: Array<{ remove: () => void }> = []
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove()
})

describe('maintenance', () => {
  it('compacts the update log through the live document and reloads the same state', async () => {
    const dir = tempDir('compact')
    dirs.push(dir)
    let node = await openNodeAt(dir.path)
    const { owner, productId } = await setUpStore(node, 0)
    for (let i = 0; i < 40; i++) await apiOf(node, owner)['stock.restock']({ productId, qty: 1 })
    const before = Y.encodeStateVector(node.store.doc)
    const rowsBefore = node.store.log.stats('org').rows
    node.store.compact()
    expect(node.store.log.stats('org').rows).toBe(1)
    expect(rowsBefore).toBeGreaterThan(40)
    await apiOf(node, owner)['stock.restock']({ productId, qty: 2 })
    await node.close()

    node = await openNodeAt(dir.path)
    expect(Y.encodeStateVector(node.store.doc).length).toBeGreaterThanOrEqual(before.length)
    expect(node.fold.value(productId)).toBe(42)
    await node.close()
  })

  it('checkpoints a standalone store: old events leave the document, figures and history stay', async () => {
    const dir = tempDir('checkpoint')
    dirs.push(dir)
    let clock = new Date('2026-01-01T10:00:00Z')
    let node = await openNodeAt(dir.path, () => clock)
    const { owner, cashier, productId } = await setUpStore(node, 50)
    for (let i = 0; i < 10; i++) {
      await apiOf(node, cashier)['sales.checkout']({
        idempotencyKey: `cp-sale-${i}`,
        lines: [{ productId, qty: 1 }],
        payment: { method: 'card' },
      })
    }
    const logLength = () => node.store.doc.getArray(`log:${node.replicaId}`).length
    const eventsBefore = logLength()
    clock = new Date('2026-03-01T10:00:00Z') // 59 days later: everything is past a 30-day retention
    const deleted = node.upkeep.checkpointIfSafe()
    expect(deleted).toBe(eventsBefore)
    expect(logLength()).toBe(1) // just the checkpoint
    expect((await apiOf(node, owner)['stock.get']({ productId })).value).toBe(40)
    expect((await apiOf(node, owner)['sales.list']({})).total).toBe(10)
    await node.close()

    // After a restart the fold over checkpoint + tail gives the same figures, and selling goes on.
    node = await openNodeAt(dir.path, () => clock)
    const session = { userId: null }
    await apiOf(node, session)['session.login']({ method: 'pin', username: 'cashier', pin: '4321' })
    expect((await apiOf(node, session)['stock.get']({ productId })).value).toBe(40)
    await apiOf(node, session)['sales.checkout']({
      idempotencyKey: 'cp-sale-after',
      lines: [{ productId, qty: 1 }],
      payment: { method: 'card' },
    })
    expect(node.fold.value(productId)).toBe(39)
    expect(node.fold.alerts()).toEqual([])
    await node.close()
  })

  it('keeps at most the newest N own events in the document however busy the till is', async () => {
    const dir = tempDir('checkpoint-cap')
    dirs.push(dir)
    let clock = new Date('2026-01-01T10:00:00Z')
    const node = await openNodeAt(dir.path, () => clock)
    const { owner, cashier, productId } = await setUpStore(node, 100)
    for (let i = 0; i < 30; i++) {
      clock = new Date(clock.getTime() + 1000) // one sale a second: all well inside 30 days
      await apiOf(node, cashier)['sales.checkout']({
        idempotencyKey: `cap-sale-${i}`,
        lines: [{ productId, qty: 1 }],
        payment: { method: 'card' },
      })
    }
    const log = () => node.store.doc.getArray(`log:${node.replicaId}`)
    const newest = log().get(log().length - 1)
    expect(node.upkeep.checkpointIfLarge(40)).toBeUndefined() // under the cap (with its margin): nothing
    expect(node.upkeep.checkpointIfLarge(10)).toBeGreaterThan(0)
    // The newest ten survive (plus the checkpoint that covers the rest); nothing older.
    expect(log().length).toBeLessThanOrEqual(12)
    expect(log().toArray()).toContainEqual(newest)
    expect((await apiOf(node, owner)['stock.get']({ productId })).value).toBe(70)
    expect((await apiOf(node, owner)['sales.list']({})).total).toBe(30)
    expect(node.fold.alerts()).toEqual([])
    await node.close()
  })
})
