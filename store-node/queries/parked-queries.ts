import type { Statement } from 'better-sqlite3'
import type { ParkEvent, UnparkEvent } from '../../shared/core/events.ts'
import type { Database } from '../../shared/node/sqlite.ts'
import type { LedgerIndex } from '../db/ledger-index.ts'

const OF_TYPE = 'ledger_by_type_at t JOIN ledger l ON l.pos = t.pos'

/**
 * Parked carts read from the ledger: a `park` of any till that no `unpark` (of any till) names.
 * Every store sees the same list once its tills have synced.
 */
export class ParkedQueries {
  private readonly index: LedgerIndex
  private readonly open: Statement<[number]>
  private readonly unparkOf: Statement<[string]>

  constructor(db: Database, index: LedgerIndex) {
    this.index = index
    this.open = db.prepare(
      `SELECT l.replica_id AS replicaId, l.body FROM ${OF_TYPE} WHERE t.type = 'park'
         AND l.id NOT IN (SELECT l2.body ->> '$.parkId' FROM ledger_by_type_at t2 JOIN ledger l2 ON l2.pos = t2.pos
                          WHERE t2.type = 'unpark')
         ORDER BY t.at DESC, t.pos DESC LIMIT ?`,
    )
    this.unparkOf = db.prepare(
      `SELECT l.replica_id AS replicaId, l.body FROM ${OF_TYPE}
        WHERE t.type = 'unpark' AND l.body ->> '$.parkId' = ? ORDER BY t.pos LIMIT 1`,
    )
  }

  /** Carts still parked, newest first. */
  openCarts(limit: number): Array<{ replicaId: string; event: ParkEvent }> {
    this.index.catchUp()
    return (this.open.all(limit) as Array<{ replicaId: string; body: string }>).map((r) => ({
      replicaId: r.replicaId,
      event: JSON.parse(r.body) as ParkEvent,
    }))
  }

  /** How a cart left the parked list, if it did. */
  unparked(parkId: string): { replicaId: string; event: UnparkEvent } | undefined {
    this.index.catchUp()
    const row = this.unparkOf.get(parkId) as { replicaId: string; body: string } | undefined
    return row ? { replicaId: row.replicaId, event: JSON.parse(row.body) as UnparkEvent } : undefined
  }
}
