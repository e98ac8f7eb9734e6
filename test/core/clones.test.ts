import fc from 'fast-check'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { DomainError, createDocFold, createReplicaOps } from '../../shared/core/index.ts'
import { makeReplica, orgUpdate, syncAll, testClock } from './harness.ts'
import type { Replica } from './harness.ts'

const init = orgUpdate({
  replicas: [
    { id: 'a', storeId: 's1' },
    { id: 'b', storeId: 's2' },
  ],
  products: [{ id: 'p1' }, { id: 'p2' }],
})
const by = 'u1'

/** A second live writer for `r`'s replicaId: a copy of its database (restored backup, cloned disk). */
function cloneOf(r: Replica, tag: string): Replica {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(r.doc))
  const fold = createDocFold(doc)
  let n = 0
  const clock = testClock()
  const ops = createReplicaOps(doc, fold, {
    replicaId: r.id,
    now: clock.now,
    newId: () => `${r.id}-${tag}-${++n}`,
  })
  return { id: r.id, doc, fold, ops, clock }
}

describe('clones: two live writers of one replicaId', () => {
  it('are flagged even when both copies checkpointed and deleted their events (prev ids disagree)', () => {
    const a = makeReplica('a', init)
    const b = makeReplica('b', init)
    a.ops.restock({ productId: 'p1', qty: 3, by })
    const a2 = cloneOf(a, 'clone')
    a.ops.restock({ productId: 'p1', qty: 1, by })
    a.ops.restock({ productId: 'p1', qty: 1, by })
    a.ops.checkpoint({ by, retentionMs: 0 }) // seq 4, prev = seq 3
    a2.ops.sell({ lines: [{ productId: 'p1', qty: 3 }], payment: { method: 'card' }, by })
    a2.ops.checkpoint({ by, retentionMs: 0 }) // seq 3
    syncAll([b.doc, a.doc, a2.doc])
    syncAll([a.doc, a2.doc, b.doc])
    for (const view of [a, a2, b])
      expect(view.fold.alerts()).toContainEqual(
        expect.objectContaining({ kind: 'clone', replicaId: 'a', seq: 3 }),
      )
  })

  it('are flagged (clone + negative rights), both sales counted, never merged into a plausible number', () => {
    const a = makeReplica('a', init)
    const b = makeReplica('b', init)
    a.ops.restock({ productId: 'p1', qty: 3, by })
    const a2 = cloneOf(a, 'clone')
    a.ops.sell({ lines: [{ productId: 'p1', qty: 3 }], payment: { method: 'card' }, by })
    a2.ops.sell({ lines: [{ productId: 'p1', qty: 2 }], payment: { method: 'card' }, by })
    syncAll([a.doc, a2.doc, b.doc])
    for (const view of [a, a2, b]) {
      const alerts = view.fold.alerts()
      expect(alerts).toContainEqual(expect.objectContaining({ kind: 'clone', replicaId: 'a', seq: 2 }))
      expect(alerts).toContainEqual({ kind: 'negative-rights', replicaId: 'a', productId: 'p1', rights: -2 })
      expect(view.fold.value('p1')).toBe(-2)
    }
  })

  it('property: whenever both copies write after the fork (within the retention window), every replica flags it', () => {
    const opArb = fc.record({
      kind: fc.constantFrom('restock', 'sell', 'transfer'),
      qty: fc.integer({ min: 1, max: 4 }),
    })
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.array(opArb, { maxLength: 5 }),
        fc.array(opArb, { maxLength: 5 }),
        fc.boolean(),
        (prefix, left, right, checkpoint) => {
          const a = makeReplica('a', init)
          const b = makeReplica('b', init)
          a.ops.restock({ productId: 'p1', qty: 4, by })
          for (let i = 0; i < prefix; i++) a.ops.restock({ productId: 'p2', qty: 1, by })
          const a2 = cloneOf(a, 'clone')
          const run = (r: Replica, ops: typeof left): number => {
            let written = 0
            for (const op of ops) {
              try {
                if (op.kind === 'restock') r.ops.restock({ productId: 'p1', qty: op.qty, by })
                else if (op.kind === 'sell')
                  r.ops.sell({ lines: [{ productId: 'p1', qty: op.qty }], payment: { method: 'card' }, by })
                else r.ops.transfer({ productId: 'p1', to: 'b', qty: op.qty, by })
                written++
              } catch (e) {
                if (!(e instanceof DomainError)) throw e
              }
            }
            if (checkpoint && written > 0) {
              r.ops.checkpoint({ by, retentionMs: 3600_000 })
              written++
            }
            return written
          }
          const wroteLeft = run(a, left)
          const wroteRight = run(a2, right)
          syncAll([a.doc, a2.doc, b.doc])
          for (const view of [a, a2, b]) {
            const alerts = view.fold.alerts()
            if (wroteLeft > 0 && wroteRight > 0)
              expect(alerts.some((x) => x.kind === 'clone' || x.kind === 'duplicate-seq')).toBe(true)
            else expect(alerts).toEqual([])
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})
