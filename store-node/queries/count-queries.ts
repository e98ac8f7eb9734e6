import type { Statement } from 'better-sqlite3'
import type { CountLineEvent, CountPostEvent, CountStartEvent } from '../../shared/core/events.ts'
import type { Database } from '../../shared/node/sqlite.ts'
import type { LedgerIndex } from '../db/ledger-index.ts'

const OF_TYPE = 'ledger_by_type_at t JOIN ledger l ON l.pos = t.pos'

/** Stock counts read from the ledger: a count's start, its lines (the last per product wins), its post. */
export class CountQueries {
  private readonly index: LedgerIndex
  private readonly lines: Statement<[string]>
  private readonly post: Statement<[string]>
  private readonly starts: Statement<[number]>
  private readonly lastCounted: Statement<[string]>

  constructor(db: Database, index: LedgerIndex) {
    this.index = index
    this.lines = db.prepare(
      `SELECT body FROM ledger WHERE type = 'count-line' AND body ->> '$.countId' = ? ORDER BY pos`,
    )
    this.post = db.prepare(
      `SELECT l.body FROM ${OF_TYPE} WHERE t.type = 'count-post' AND l.body ->> '$.countId' = ? LIMIT 1`,
    )
    this.starts = db.prepare(
      `SELECT l.replica_id AS replicaId, l.body FROM ${OF_TYPE} WHERE t.type = 'count-start'
        ORDER BY t.at DESC, t.pos DESC LIMIT ?`,
    )
    this.lastCounted = db.prepare(
      `SELECT l.body ->> '$.productId' AS productId, MAX(t.at) AS at FROM ${OF_TYPE}
        WHERE t.type = 'count-line' AND l.replica_id = ? GROUP BY 1`,
    )
  }

  /** Each product's latest line of the count, in the order first counted. */
  linesOf(countId: string): Map<string, CountLineEvent> {
    const out = new Map<string, CountLineEvent>()
    for (const row of this.lines.all(countId) as Array<{ body: string }>) {
      const e = JSON.parse(row.body) as CountLineEvent
      out.set(e.productId, e)
    }
    return out
  }

  postOf(countId: string): CountPostEvent | undefined {
    this.index.catchUp()
    const row = this.post.get(countId) as { body: string } | undefined
    return row ? (JSON.parse(row.body) as CountPostEvent) : undefined
  }

  recentStarts(limit: number): Array<{ replicaId: string; event: CountStartEvent }> {
    this.index.catchUp()
    return (this.starts.all(limit) as Array<{ replicaId: string; body: string }>).map((r) => ({
      replicaId: r.replicaId,
      event: JSON.parse(r.body) as CountStartEvent,
    }))
  }

  /** When this till last counted each product it ever counted. */
  lastCountedAt(replicaId: string): Map<string, string> {
    this.index.catchUp()
    const rows = this.lastCounted.all(replicaId) as Array<{ productId: string; at: string }>
    return new Map(rows.map((r) => [r.productId, r.at]))
  }
}
