import type { Statement } from 'better-sqlite3'
import type { AllotEvent } from '../shared/core/events.ts'
import { lineGrossMinor } from '../shared/core/money.ts'
import type { Database } from '../shared/node/sqlite.ts'

/** One product movement derived from an event (what reports and the movements ledger read). */
export interface LedgerLine {
  productId: string
  /** Change of the chain's quantity (or of rights, for transfers) in units. */
  delta: number
  amountMinor: number
  reason: string
  /** Distinguishes the two rows of a transfer. */
  type: string
}

/** The product movements an event stands for. Pure, so reports and tests agree on meaning. */
export function ledgerLinesOf(replicaId: string, e: AllotEvent): LedgerLine[] {
  switch (e.type) {
    case 'restock':
      return [{ productId: e.productId, delta: e.qty, amountMinor: 0, reason: 'restock', type: e.type }]
    case 'adjust':
      return [{ productId: e.productId, delta: e.delta, amountMinor: 0, reason: e.reason, type: e.type }]
    case 'sale':
      return e.lines.map((l) => ({
        productId: l.productId,
        delta: -l.qty,
        amountMinor: lineGrossMinor(l.qty, l.unitPriceMinor, l.taxRate),
        reason: 'sale',
        type: e.type,
      }))
    case 'refund':
      return e.lines.map((l) => ({
        productId: l.productId,
        delta: e.toStock ? l.qty : 0,
        amountMinor: -l.amountMinor,
        reason: e.toStock ? 'refund' : 'refund (written off)',
        type: e.type,
      }))
    case 'transfer':
      return [
        {
          productId: e.productId,
          delta: -e.qty,
          amountMinor: 0,
          reason: `rights to ${e.to}`,
          type: 'transfer-out',
        },
        {
          productId: e.productId,
          delta: e.qty,
          amountMinor: 0,
          reason: `rights from ${replicaId}`,
          type: 'transfer-in',
        },
      ]
    case 'reserve':
      return [{ productId: e.productId, delta: -e.qty, amountMinor: 0, reason: 'hold', type: e.type }]
    case 'release':
      return [
        {
          productId: e.productId,
          delta: e.qty,
          amountMinor: 0,
          reason: `hold released (${e.reason})`,
          type: e.type,
        },
      ]
    case 'fulfil':
      return [{ productId: e.productId, delta: 0, amountMinor: 0, reason: 'hold fulfilled', type: e.type }]
    default:
      return []
  }
}

/**
 * Every event this store has seen, its own and other stores', kept in SQLite for reports, receipts
 * and history beyond the document's retention window. Inserts are idempotent (replica, seq, id).
 */
export class Ledger {
  private readonly insertEvent: Statement
  private readonly insertLine: Statement
  private readonly byId: Statement<[string, string]>
  private readonly maxOwnSeq: Statement<[string]>

  constructor(db: Database) {
    this.insertEvent = db.prepare(
      'INSERT OR IGNORE INTO ledger (replica_id, seq, id, type, at, by, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    this.insertLine = db.prepare(
      `INSERT INTO ledger_lines (event_id, line, replica_id, seq, type, at, by, product_id, delta, amount_minor, reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    this.byId = db.prepare(
      'SELECT replica_id AS replicaId, body FROM ledger WHERE id = ? AND type = ? LIMIT 1',
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
    if (changes === 0) return // seen before: its lines are already here
    const lines = ledgerLinesOf(replicaId, e)
    for (const [index, line] of lines.entries()) {
      const owner = line.type === 'transfer-in' && e.type === 'transfer' ? e.to : replicaId
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
      )
    }
  }

  event<T extends AllotEvent['type']>(
    id: string,
    type: T,
  ): { replicaId: string; event: Extract<AllotEvent, { type: T }> } | undefined {
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
