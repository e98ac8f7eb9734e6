import type { Statement } from 'better-sqlite3'
import type { AllotEvent, ShiftOpenEvent } from '../../shared/core/events.ts'
import type { Database } from '../../shared/node/sqlite.ts'
import type { LedgerIndex } from '../db/ledger-index.ts'

export interface ShiftEventRow<E extends AllotEvent = AllotEvent> {
  replicaId: string
  event: E
}

/**
 * Shifts read from the ledger: a shift is its `shift-open` and the till's own events after it, so
 * the figures come from the same rows every store holds once synced (no separate shift table that
 * a restore or a crash could leave behind).
 */
export class ShiftQueries {
  private readonly index: LedgerIndex
  private readonly opensOf: Statement<[string, number, number]>
  private readonly opensAll: Statement<[number, number]>
  private readonly shiftEventsAfter: Statement<[string, number]>
  private readonly between: Statement<[string, number, number]>
  private readonly openById: Statement<[string]>

  constructor(db: Database, index: LedgerIndex) {
    this.index = index
    const opens = `SELECT l.replica_id AS replicaId, l.body FROM ledger_by_type_at t JOIN ledger l ON l.pos = t.pos
      WHERE t.type = 'shift-open'`
    this.opensOf = db.prepare(`${opens} AND l.replica_id = ? ORDER BY l.seq DESC LIMIT ? OFFSET ?`)
    this.opensAll = db.prepare(`${opens} ORDER BY t.at DESC, t.pos DESC LIMIT ? OFFSET ?`)
    this.openById = db.prepare(`${opens} AND l.id = ? LIMIT 1`)
    // The next shift record of the same till after an opening: its close, or the next opening.
    this.shiftEventsAfter = db.prepare(
      `SELECT l.body FROM ledger_by_type_at t JOIN ledger l ON l.pos = t.pos
        WHERE t.type IN ('shift-open', 'shift-close') AND l.replica_id = ? AND l.seq > ?
        ORDER BY l.seq LIMIT 1`,
    )
    this.between = db.prepare(
      'SELECT body FROM ledger WHERE replica_id = ? AND seq > ? AND seq <= ? ORDER BY seq',
    )
  }

  /** The newest shift openings, of one till or of every till seen here. */
  openings(replicaId: string | undefined, limit: number, offset = 0): ShiftEventRow<ShiftOpenEvent>[] {
    this.index.catchUp()
    const rows = (
      replicaId === undefined ? this.opensAll.all(limit, offset) : this.opensOf.all(replicaId, limit, offset)
    ) as Array<{ replicaId: string; body: string }>
    return rows.map((r) => ({ replicaId: r.replicaId, event: JSON.parse(r.body) as ShiftOpenEvent }))
  }

  opening(shiftId: string): ShiftEventRow<ShiftOpenEvent> | undefined {
    this.index.catchUp()
    const row = this.openById.get(shiftId) as { replicaId: string; body: string } | undefined
    return row ? { replicaId: row.replicaId, event: JSON.parse(row.body) as ShiftOpenEvent } : undefined
  }

  /** The till's events after the opening up to the shift's end (its close, or the next opening). */
  eventsOf(replicaId: string, open: ShiftOpenEvent): AllotEvent[] {
    this.index.catchUp()
    const next = this.shiftEventsAfter.get(replicaId, open.seq) as { body: string } | undefined
    const last = next ? (JSON.parse(next.body) as AllotEvent).seq : Number.MAX_SAFE_INTEGER
    return (this.between.all(replicaId, open.seq, last) as Array<{ body: string }>).map(
      (r) => JSON.parse(r.body) as AllotEvent,
    )
  }

  /** True when the shift ended: its close (or, after a crash between two records, a newer opening) follows. */
  hasEnded(replicaId: string, open: ShiftOpenEvent): boolean {
    this.index.catchUp()
    const next = this.shiftEventsAfter.get(replicaId, open.seq) as { body: string } | undefined
    return next !== undefined
  }
}
