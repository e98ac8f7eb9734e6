/**
 * Checkpoints and retention (DESIGN.md §3 "Bounded size"). A replica appends a checkpoint holding
 * its cumulative counters and the open state it owns, then deletes its own old events in the same
 * transaction. A fold of checkpoint + tail equals the fold of the full history; ops.checkpoint()
 * does the appending and deleting.
 */
import type { CheckpointEvent, CheckpointTotals } from './events.ts'
import type { FoldState } from './fold-state.ts'

/** The checkpoint's payload (everything but the common fields, type and upTo). */
export type CheckpointBody = Pick<CheckpointEvent, 'totals' | 'holds' | 'requests' | 'answered' | 'orders'>

/**
 * What `replicaId` must carry forward: its counters per product, its open holds, its outstanding
 * requests, its open orders, and the ids of requests it answered that someone still lists as live
 * (so they do not become outstanding again). Answered, cancelled and closed items are dropped: they
 * appear in no figure, and the full history stays in each store's ledger.
 */
export function buildCheckpointBody(fold: FoldState, replicaId: string): CheckpointBody {
  const c = fold.contribution(replicaId)
  const body: CheckpointBody = { totals: {}, holds: [], requests: [], answered: [], orders: [] }
  if (!c) return body
  for (const productId of [...c.totals.keys()].sort()) {
    const t = c.totals.get(productId)
    if (!t) continue
    const out: Record<string, number> = {}
    for (const [to, n] of [...t.out].sort(([a], [b]) => (a < b ? -1 : 1))) if (n) out[to] = n
    const totals: CheckpointTotals = { inc: t.inc, dec: t.dec, out }
    body.totals[productId] = totals
  }
  for (const { replicaId: _r, ...h } of fold.openHolds({ replicaId })) body.holds.push(h)
  for (const { replicaId: _r, ...r } of fold.outstandingRequests({ replicaId })) body.requests.push(r)
  const live = new Set<string>()
  for (const otherId of fold.replicaIds()) {
    const other = fold.contribution(otherId)
    if (other) for (const r of other.liveRequests()) live.add(r.requestId)
  }
  body.answered = [...c.answered].filter((id) => live.has(id)).sort()
  for (const o of [...c.openOrders()].sort((a, b) => (a.orderId < b.orderId ? -1 : 1))) {
    const { replicaId: _r, ...rest } = o
    body.orders.push(rest)
  }
  return body
}

/**
 * How many entries at the start of the replica's own log may be deleted: events before the
 * checkpoint (seq < checkpointSeq) whose wall clock is before `cutoffMs`. Only a prefix, so the
 * log stays ordered and the deletion is one range; stops at the first entry that must stay.
 */
export function prunablePrefix(entries: readonly unknown[], checkpointSeq: number, cutoffMs: number): number {
  let n = 0
  for (const raw of entries) {
    if (!raw || typeof raw !== 'object') break
    const { seq, at } = raw as { seq?: unknown; at?: unknown }
    if (typeof seq !== 'number' || seq >= checkpointSeq || typeof at !== 'string') break
    const t = Date.parse(at)
    if (!Number.isFinite(t) || t >= cutoffMs) break
    n++
  }
  return n
}

/**
 * Positions (highest first, ready to delete one by one) of earlier checkpoints that a checkpoint
 * at `checkpointSeq` supersedes: it covers everything they cover, and each lists the totals of
 * every product the replica ever moved, so on a large catalog keeping one per schedule tick for
 * the whole retention window would fill the document with copies (50k products: ~2 MB each).
 */
export function supersededCheckpoints(entries: readonly unknown[], checkpointSeq: number): number[] {
  const positions: number[] = []
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i] as { type?: unknown; seq?: unknown } | null
    if (e && e.type === 'checkpoint' && typeof e.seq === 'number' && e.seq < checkpointSeq) positions.push(i)
  }
  return positions
}
