import type { Statement } from 'better-sqlite3'
import type { AllotEvent } from '../../shared/core/events.ts'
import type { Database } from '../../shared/node/sqlite.ts'
import { LedgerIndex } from './ledger-index.ts'

/**
 * Every event this store has seen, its own and other stores', kept in SQLite for reports, receipts
 * and history beyond the document's retention window. Inserts are idempotent (replica, seq, id).
 * The transaction that persists an event writes its ledger row; `index` adds the read indexes.
 */
export class Ledger {
  readonly index: LedgerIndex
  private readonly insertEvent: Statement
  private readonly byId: Statement<[string, string]>
  private readonly maxOwnSeq: Statement<[string]>

  constructor(db: Database) {
    this.index = new LedgerIndex(db)
    this.insertEvent = db.prepare(
      'INSERT OR IGNORE INTO ledger (replica_id, seq, id, type, at, by, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    this.byId = db.prepare(
      `SELECT l.replica_id AS replicaId, l.body FROM ledger_by_id i JOIN ledger l ON l.pos = i.pos
         WHERE i.id = ? AND l.type = ? LIMIT 1`,
    )
    this.maxOwnSeq = db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM ledger WHERE replica_id = ?')
  }

  /** Call inside the transaction that persists the document update carrying these events. */
  record(replicaId: string, e: AllotEvent): void {
    if (e.type === 'checkpoint') return // a summary, not history: the events it covers are already here
    const changes = this.insertEvent.run(
      replicaId,
      e.seq,
      e.id,
      e.type,
      e.at,
      e.by,
      JSON.stringify(e),
    ).changes
    if (changes > 0) this.index.noteAppended()
  }

  event<T extends AllotEvent['type']>(
    id: string,
    type: T,
  ): { replicaId: string; event: Extract<AllotEvent, { type: T }> } | undefined {
    this.index.catchUp()
    const row = this.byId.get(id, type) as { replicaId: string; body: string } | undefined
    return row
      ? { replicaId: row.replicaId, event: JSON.parse(row.body) as Extract<AllotEvent, { type: T }> }
      : undefined
  }

  /** Highest seq of a replica's events recorded here (the stale-restore guard compares it). */
  lastSeqOf(replicaId: string): number {
    return (this.maxOwnSeq.get(replicaId) as { seq: number }).seq
  }
}
