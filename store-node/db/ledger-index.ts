import type { Statement } from 'better-sqlite3'
import type { AllotEvent } from '../../shared/core/events.ts'
import { withoutFsync, type Database } from '../../shared/node/sqlite.ts'
import { ledgerLinesOf } from './ledger-lines.ts'
import { ReportDays } from './report-days.ts'

/**
 * The ledger's read indexes: events by id, by type and time, and one row per product movement.
 *
 * A sale's transaction writes only its ledger row; the rows it adds here are written after the
 * answer, in batches, so the commit a cashier waits for touches as few pages as a bare append.
 * The index never shows a half-indexed state: every reader calls `catchUp()` first, which indexes
 * every ledger row past the cursor in one transaction, and the cursor is written in that same
 * transaction, so a crash at any point leaves rows either indexed or still past the cursor.
 */
export class LedgerIndex {
  /** Sales and money added up per store-local day, written with the movement lines. */
  readonly reportDays: ReportDays
  private readonly db: Database
  private readonly readCursor: Statement<[]>
  private readonly writeCursor: Statement<[number]>
  private readonly rowsAfter: Statement<[number]>
  private readonly lastPos: Statement<[]>
  private readonly insertById: Statement<[number, number]>
  private readonly insertByTypeAt: Statement<[number, number]>
  private readonly insertLine: Statement
  private readonly indexAll: (from: number, most?: number) => number
  /** Ledger rows may exist past the cursor (true at start: a crash may have left some). */
  private behind = true

  constructor(db: Database) {
    this.db = db
    this.reportDays = new ReportDays(db)
    this.readCursor = db.prepare('SELECT pos FROM ledger_index_cursor WHERE one = 1')
    this.writeCursor = db.prepare('UPDATE ledger_index_cursor SET pos = ? WHERE one = 1')
    this.lastPos = db.prepare('SELECT COALESCE(MAX(pos), 0) AS pos FROM ledger')
    this.rowsAfter = db.prepare(
      `SELECT pos, replica_id AS replicaId, body FROM ledger WHERE pos > ? ORDER BY pos LIMIT ${BATCH}`,
    )
    // By id and by type and time straight from the ledger rows, in one statement each.
    this.insertById = db.prepare(
      'INSERT OR IGNORE INTO ledger_by_id (id, pos) SELECT id, pos FROM ledger WHERE pos > ? AND pos <= ?',
    )
    this.insertByTypeAt = db.prepare(
      'INSERT OR IGNORE INTO ledger_by_type_at (type, at, pos) SELECT type, at, pos FROM ledger WHERE pos > ? AND pos <= ?',
    )
    this.insertLine = db.prepare(
      // the product's category as the catalog has it now (the line keeps it if the product moves)
      `INSERT OR IGNORE INTO ledger_lines
         (event_id, line, replica_id, seq, type, at, by, product_id, delta, amount_minor, reason, category)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, COALESCE((SELECT category FROM catalog WHERE id = ?), ''))`,
    )
    const indexAll = db.transaction((from: number, most = Number.POSITIVE_INFINITY) => {
      const to = Math.min((this.lastPos.get() as { pos: number }).pos, from + most)
      if (to <= from) return 0
      this.reportDays.discard()
      this.insertById.run(from, to)
      this.insertByTypeAt.run(from, to)
      // Movement lines need the event's meaning (ledgerLinesOf). Read a batch, then write:
      // SQLite cannot write while a read on the same connection is open.
      for (let last = from; last < to;) {
        const rows = this.rowsAfter.all(last) as LedgerRow[]
        for (const row of rows) if (row.pos <= to) this.insertLinesOf(row)
        last = rows.length < BATCH ? to : rows[rows.length - 1]!.pos
      }
      this.reportDays.flush()
      this.writeCursor.run(to)
      return to - from
    })
    this.indexAll = (from, most) => indexAll(from, most)
  }

  /** The ledger gained a row (called in the transaction that wrote it). */
  noteAppended(): void {
    this.behind = true
  }

  /** Indexes every ledger row past the cursor; returns how far the cursor moved. */
  catchUp(): number {
    if (!this.behind) return 0
    const { pos } = this.readCursor.get() as { pos: number }
    // Inside a caller's transaction the work may still roll back: check again next time.
    if (this.db.inTransaction) return this.indexAll(pos)
    // Derived rows: a power cut can only undo the batch (rows and cursor together), and it is
    // indexed again from the ledger rows, which their own commits fsynced.
    const moved = withoutFsync(this.db, () => this.indexAll(pos))
    this.behind = false
    return moved
  }

  /**
   * Indexes at most `most` more ledger rows, in their own transaction; true while some are left. A
   * start after an upgrade (a whole ledger to add up) runs these slices in the background, so no
   * call waits for all of it; a reader that comes first still indexes the rest itself.
   */
  catchUpSome(most: number): boolean {
    if (!this.behind || this.db.inTransaction) return false
    const { pos } = this.readCursor.get() as { pos: number }
    const moved = withoutFsync(this.db, () => this.indexAll(pos, most))
    if (moved < most) this.behind = false
    return moved === most
  }

  private insertLinesOf(row: LedgerRow): void {
    const e = JSON.parse(row.body) as AllotEvent
    this.reportDays.note(row.replicaId, e)
    for (const [index, line] of ledgerLinesOf(row.replicaId, e).entries()) {
      const owner = line.type === 'transfer-in' && e.type === 'transfer' ? e.to : row.replicaId
      this.insertLine.run(
        e.id,
        index,
        owner,
        e.seq,
        line.type,
        e.at,
        e.by,
        line.productId,
        line.delta,
        line.amountMinor,
        line.reason,
        line.productId,
      )
    }
  }
}

/** Ledger rows read per step of a catch-up (a start after a crash may find many). */
const BATCH = 1000

interface LedgerRow {
  pos: number
  replicaId: string
  body: string
}
