import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { getLog, refold } from '../../shared/core/index.ts'
import { LOG_RUN_BREAK_EVERY } from '../../shared/core/log-append.ts'
import { makeReplica, orgUpdate, syncAll } from './harness.ts'

const init = orgUpdate({
  replicas: [
    { id: 'a', storeId: 's1' },
    { id: 'b', storeId: 's2' },
  ],
  products: [{ id: 'p1' }],
})
const by = 'u1'

/** The longest run of values Yjs holds in one item of `log` (what a merge copies). */
function longestRun(log: Y.Array<unknown>): number {
  let longest = 0
  for (let item = log._start; item !== null; item = item.right)
    if (!item.deleted) longest = Math.max(longest, item.length)
  return longest
}

describe('replica log appends', () => {
  it('keep runs of merged items short, on the writer and on a peer, and read back unchanged', () => {
    const a = makeReplica('a', init)
    const b = makeReplica('b', init)
    a.ops.restock({ productId: 'p1', qty: 10_000, by })
    const sales = 5 * LOG_RUN_BREAK_EVERY + 7
    for (let i = 0; i < sales; i++)
      a.ops.sell({ lines: [{ productId: 'p1', qty: 1 }], payment: { method: 'card' }, by })
    syncAll([a.doc, b.doc])

    for (const doc of [a.doc, b.doc]) {
      const log = getLog(doc, 'a')
      expect(longestRun(log)).toBeLessThanOrEqual(LOG_RUN_BREAK_EVERY)
      const entries = log.toArray() as Array<{ seq: number }>
      expect(entries).toHaveLength(sales + 1)
      expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: sales + 1 }, (_, i) => i + 1))
      const fold = refold(doc)
      expect(fold.value('p1')).toBe(10_000 - sales)
      expect(fold.alerts()).toEqual([])
    }
    expect(b.fold.value('p1')).toBe(10_000 - sales)
    // A document reloaded from its encoding keeps the breaks (a restart, a peer's first sync).
    const reloaded = new Y.Doc()
    Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(a.doc))
    expect(longestRun(getLog(reloaded, 'a'))).toBeLessThanOrEqual(LOG_RUN_BREAK_EVERY)
  })

  it('costs a few bytes per break in the encoded document', () => {
    const a = makeReplica('a', init)
    a.ops.restock({ productId: 'p1', qty: 10_000, by })
    for (let i = 0; i < 10 * LOG_RUN_BREAK_EVERY; i++)
      a.ops.sell({ lines: [{ productId: 'p1', qty: 1 }], payment: { method: 'card' }, by })
    // The same values as one merged run: what the log encoded to before the breaks.
    const plain = new Y.Doc()
    Y.applyUpdate(plain, init)
    getLog(plain, 'a').push(getLog(a.doc, 'a').toArray())
    const log = (doc: Y.Doc) => Y.encodeStateAsUpdate(doc).byteLength
    const perBreak = (log(a.doc) - log(plain)) / 10
    expect(perBreak).toBeGreaterThan(0)
    expect(perBreak).toBeLessThan(32)
  })
})
