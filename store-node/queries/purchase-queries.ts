import type { Statement } from 'better-sqlite3'
import type { AllotEvent } from '../../shared/core/events.ts'
import type { Database } from '../../shared/node/sqlite.ts'
import type { LedgerIndex } from '../db/ledger-index.ts'

const OF_TYPE = 'ledger_by_type_at t JOIN ledger l ON l.pos = t.pos'

export type PoEvent = Extract<AllotEvent, { type: 'po-create' | 'po-lines' | 'po-state' | 'po-receipt' }>

/** Purchase orders, read from the ledger. */
export class PurchaseQueries {
  private readonly index: LedgerIndex
  private readonly events: Statement<[]>

  constructor(db: Database, index: LedgerIndex) {
    this.index = index
    this.events = db.prepare(
      `SELECT l.replica_id AS replicaId, l.body FROM ${OF_TYPE}
        WHERE t.type IN ('po-create', 'po-lines', 'po-state', 'po-receipt') ORDER BY t.at, t.pos`,
    )
  }

  /** Every purchase-order event of the chain, oldest first, with the till that wrote it. */
  poEvents(): Array<{ replicaId: string; event: PoEvent }> {
    this.index.catchUp()
    return (this.events.all() as Array<{ replicaId: string; body: string }>).map((r) => ({
      replicaId: r.replicaId,
      event: JSON.parse(r.body) as PoEvent,
    }))
  }
}
