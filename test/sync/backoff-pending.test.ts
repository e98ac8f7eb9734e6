// Pure parts of the sync client: jittered backoff and the pending-event count.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DEFAULT_BACKOFF, backoffDelay } from '../../store-node/sync/backoff.ts'
import { advanceStateVector, pendingOwnEvents } from '../../store-node/sync/pending-events.ts'

describe('backoffDelay', () => {
  it('stays within [half, full] of the capped exponential delay', () => {
    fc.assert(
      fc.property(fc.nat(64), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, r) => {
        const full = Math.min(DEFAULT_BACKOFF.maxMs, DEFAULT_BACKOFF.initialMs * 2 ** Math.min(attempt, 30))
        const d = backoffDelay(attempt, DEFAULT_BACKOFF, () => r)
        return d >= Math.floor(full / 2) && d <= Math.ceil(full)
      }),
    )
  })
})

describe('pendingOwnEvents', () => {
  it('counts own events not covered by the relay state vector', () => {
    const doc = new Y.Doc()
    const log = doc.getArray('log:me')
    log.push([
      { seq: 1, at: 't1', type: 'sale' },
      { seq: 2, at: 't2', type: 'refund' },
    ])
    doc.getArray('log:other').push([{ seq: 1 }])
    expect(pendingOwnEvents(doc, 'me', null)).toEqual({
      count: 2,
      byType: { sale: 1, refund: 1 },
      oldestAt: 't1',
    })
    const relay = new Map<number, number>()
    // the relay echoed the first update: both events are acknowledged
    advanceStateVector(relay, Y.encodeStateAsUpdate(doc))
    expect(pendingOwnEvents(doc, 'me', relay)).toEqual({ count: 0, byType: {} })
    log.push([{ seq: 3, at: 't3', type: 'checkpoint' }])
    // a checkpoint is pending but not something staff count
    expect(pendingOwnEvents(doc, 'me', relay)).toEqual({ count: 1, byType: {}, oldestAt: 't3' })
    // deleted (checkpointed) events are not pending
    log.delete(2, 1)
    expect(pendingOwnEvents(doc, 'me', relay).count).toBe(0)
  })

  it('counts the unacknowledged tail of a merged run', () => {
    const doc = new Y.Doc()
    const log = doc.getArray('log:me')
    for (const seq of [1, 2, 3, 4]) log.push([{ seq, at: `t${seq}` }])
    expect(log._start?.length).toBe(4) // Yjs merged the four appends into one item
    const relay = new Map([[doc.clientID, 2]]) // the relay holds clocks 0 and 1
    expect(pendingOwnEvents(doc, 'me', relay)).toEqual({ count: 2, byType: {}, oldestAt: 't3' })
    relay.set(doc.clientID, 4)
    expect(pendingOwnEvents(doc, 'me', relay)).toEqual({ count: 0, byType: {} })
    relay.set(doc.clientID, 0)
    expect(pendingOwnEvents(doc, 'me', relay)).toEqual({ count: 4, byType: {}, oldestAt: 't1' })
  })
})
