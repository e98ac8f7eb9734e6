import type { Statement } from 'better-sqlite3'
import type { Database } from '../../shared/node/sqlite.ts'
import type { LedgerIndex } from '../db/ledger-index.ts'
import type { MovementRow } from '../../shared/api/views.ts'

export interface SaleRow {
  id: string
  replicaId: string
  at: string
  totalMinor: number
  items: number
  /** The sale's position on its till's log (its receipt number's sequence). */
  seq: number
  /** The sale event as recorded (JSON). */
  body: string
}

/** What a sales search matches: a receipt, a customer's name, a total. */
export interface SaleMatch {
  receipt?: { seq: number; replicaIds?: string[] | undefined } | undefined
  customer?: string | undefined
  amountMinor?: number | undefined
}

/** A sales search: every one of `all` (typed fields) and at least one of `any` (the search box). */
export interface SaleSearch {
  all?: SaleMatch | undefined
  any?: SaleMatch | undefined
}

/** The ledger rows of one type, in time order, through its index. */
const OF_TYPE = 'ledger_by_type_at t JOIN ledger l ON l.pos = t.pos'

/**
 * Read models over the ledger: sales history, refunds, reports, movements. Each read of an index
 * table catches the index up first (see LedgerIndex), so every recorded event is visible.
 */
export class LedgerQueries {
  private readonly db: Database
  private readonly index: LedgerIndex

  /** Prepared once per SQL text: some of these run every few seconds (the rebalancer's sales speed). */
  private readonly statements = new Map<string, Statement>()

  constructor(db: Database, index: LedgerIndex) {
    this.db = db
    this.index = index
  }

  private sql(text: string): Statement {
    let statement = this.statements.get(text)
    if (!statement) {
      statement = this.db.prepare(text)
      this.statements.set(text, statement)
    }
    return statement
  }

  /** A statement over the index tables, run after the index has caught up. */
  private indexed(text: string): Statement {
    this.index.catchUp()
    return this.sql(text)
  }

  list(filter: {
    offset: number
    limit: number
    from?: string | undefined
    to?: string | undefined
    replicaId?: string | undefined
    search?: SaleSearch | undefined
  }): {
    rows: SaleRow[]
    total: number
  } {
    const where = ["t.type = 'sale'"]
    const params: Record<string, unknown> = { offset: filter.offset, limit: filter.limit }
    if (filter.from) {
      where.push('t.at >= @from')
      params.from = filter.from
    }
    if (filter.to) {
      where.push('t.at < @to')
      params.to = filter.to.length === 10 ? `${filter.to}T99` : filter.to
    }
    if (filter.replicaId) {
      where.push('l.replica_id = @replicaId')
      params.replicaId = filter.replicaId
    }
    const all = this.matchClauses(filter.search?.all, params, 'all')
    const any = this.matchClauses(filter.search?.any, params, 'any')
    where.push(...all)
    if (any.length > 0) where.push(`(${any.join(' OR ')})`)
    const matches = [...all, ...any]
    const clause = where.join(' AND ')
    const rows = this.indexed(
      `SELECT l.id, l.replica_id AS replicaId, t.at, json_extract(l.body, '$.totals.totalMinor') AS totalMinor,
                (SELECT COALESCE(SUM(value ->> '$.qty'), 0) FROM json_each(l.body, '$.lines')) AS items,
                l.seq, l.body
         FROM ${OF_TYPE} WHERE ${clause} ORDER BY t.at DESC, l.id LIMIT @limit OFFSET @offset`,
    ).all(params) as SaleRow[]
    // Counting needs the ledger row only to filter by store or by what the sale holds.
    const counted = filter.replicaId || matches.length > 0 ? OF_TYPE : 'ledger_by_type_at t'
    const { n } = this.sql(`SELECT COUNT(*) AS n FROM ${counted} WHERE ${clause}`).get(params) as {
      n: number
    }
    return { rows, total: n }
  }

  /** SQL conditions (on `l`, the ledger row) for a sales search; parameters go into `params`. */
  private matchClauses(
    match: SaleMatch | undefined,
    params: Record<string, unknown>,
    prefix: string,
  ): string[] {
    if (!match) return []
    const clauses: string[] = []
    if (match.receipt) {
      params[`${prefix}Seq`] = match.receipt.seq
      params[`${prefix}Tills`] = JSON.stringify(match.receipt.replicaIds ?? [])
      clauses.push(
        match.receipt.replicaIds
          ? `(l.seq = @${prefix}Seq AND l.replica_id IN (SELECT value FROM json_each(@${prefix}Tills)))`
          : `l.seq = @${prefix}Seq`,
      )
    }
    if (match.customer !== undefined) {
      // LIKE's own wildcards in what was typed match themselves
      params[`${prefix}Customer`] = `%${match.customer.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      clauses.push(`lower(l.body ->> '$.customer.name') LIKE @${prefix}Customer ESCAPE '\\'`)
    }
    if (match.amountMinor !== undefined) {
      params[`${prefix}Amount`] = match.amountMinor
      clauses.push(`l.body ->> '$.totals.totalMinor' = @${prefix}Amount`)
    }
    return clauses
  }

  /** The refunds this store has seen against a sale, oldest first. */
  refundsOf(saleId: string): Array<{ replicaId: string; body: string }> {
    return this.indexed(
      `SELECT l.replica_id AS replicaId, l.body FROM ${OF_TYPE}
         WHERE t.type = 'refund' AND l.body ->> '$.saleId' = ? ORDER BY t.at, l.seq`,
    ).all(saleId) as Array<{ replicaId: string; body: string }>
  }

  /** Units refunded per product against a sale, from every refund this store has seen. */
  refunded(saleId: string): Record<string, number> {
    const rows = this.indexed(
      `SELECT x.value ->> '$.productId' AS productId, SUM(x.value ->> '$.qty') AS qty
         FROM ${OF_TYPE}, json_each(l.body, '$.lines') AS x
         WHERE t.type = 'refund' AND l.body ->> '$.saleId' = ? GROUP BY productId`,
    ).all(saleId) as { productId: string; qty: number }[]
    return Object.fromEntries(rows.map((r) => [r.productId, r.qty]))
  }

  /** When the newest event of a till that reached this one happened (its last sign of life). */
  lastEventAt(replicaId: string): string | undefined {
    const row = this.sql('SELECT at FROM ledger WHERE replica_id = ? ORDER BY seq DESC LIMIT 1').get(
      replicaId,
    ) as { at: string } | undefined
    return row?.at
  }

  movements(productId: string, limit: number) {
    return this.indexed(
      `SELECT event_id AS eventId, replica_id AS replicaId, seq, at, type, delta, reason, by
         FROM ledger_lines WHERE product_id = ? ORDER BY at DESC, seq DESC LIMIT ?`,
    ).all(productId, limit) as Omit<MovementRow, 'storeName'>[]
  }

  /** Request events made by or addressed to `replicaId`, newest first (bodies parsed). */
  requestsFor(replicaId: string, limit: number): Array<{ replicaId: string; body: string }> {
    return this.indexed(
      `SELECT l.replica_id AS replicaId, l.body FROM ${OF_TYPE}
         WHERE t.type = 'request' AND (l.replica_id = @me OR l.body ->> '$.donor' = @me)
         ORDER BY t.at DESC, l.seq DESC LIMIT @limit`,
    ).all({ me: replicaId, limit }) as Array<{ replicaId: string; body: string }>
  }

  /** Units transferred per request id (transfers that answer a request), and cancelled requests. */
  requestOutcomes(requestIds: string[]): { granted: Map<string, number>; cancelled: Set<string> } {
    const granted = new Map<string, number>()
    const cancelled = new Set<string>()
    if (requestIds.length === 0) return { granted, cancelled }
    const ids = JSON.stringify(requestIds)
    for (const r of this.indexed(
      `SELECT l.body ->> '$.requestId' AS requestId, SUM(l.body ->> '$.qty') AS qty FROM ${OF_TYPE}
         WHERE t.type = 'transfer' AND l.body ->> '$.requestId' IN (SELECT value FROM json_each(?)) GROUP BY requestId`,
    ).all(ids) as Array<{ requestId: string; qty: number }>)
      granted.set(r.requestId, r.qty)
    for (const r of this.sql(
      `SELECT l.body ->> '$.requestId' AS requestId FROM ${OF_TYPE} WHERE t.type = 'request-cancel' AND l.body ->> '$.requestId' IN (SELECT value FROM json_each(?))`,
    ).all(ids) as Array<{ requestId: string }>)
      cancelled.add(r.requestId)
    return { granted, cancelled }
  }

  /** Manual transfers (not answering a request) sent by or to `replicaId`, newest first. */
  manualTransfersFor(replicaId: string, limit: number): Array<{ replicaId: string; body: string }> {
    return this.indexed(
      `SELECT l.replica_id AS replicaId, l.body FROM ${OF_TYPE}
         WHERE t.type = 'transfer' AND l.body ->> '$.requestId' IS NULL AND (l.replica_id = @me OR l.body ->> '$.to' = @me)
         ORDER BY t.at DESC, l.seq DESC LIMIT @limit`,
    ).all({ me: replicaId, limit }) as Array<{ replicaId: string; body: string }>
  }

  /** Adjustments whose note names `shipment:<transferId>` (damaged or lost on arrival). */
  shipmentAdjustments(
    transferIds: string[],
  ): Array<{ transferId: string; delta: number; reason: string; at: string }> {
    if (transferIds.length === 0) return []
    return this.indexed(
      `SELECT substr(l.body ->> '$.note', 10) AS transferId, l.body ->> '$.delta' AS delta, l.body ->> '$.reason' AS reason, t.at FROM ${OF_TYPE}
         WHERE t.type = 'adjust' AND l.body ->> '$.note' IN (SELECT 'shipment:' || value FROM json_each(?))`,
    ).all(JSON.stringify(transferIds)) as Array<{
      transferId: string
      delta: number
      reason: string
      at: string
    }>
  }

  /** The events recorded last (type, author, seq, time only: no bodies), for diagnostics. */
  recentEvents(limit: number): Array<{ replicaId: string; seq: number; type: string; at: string }> {
    return this.sql(
      'SELECT replica_id AS replicaId, seq, type, at FROM ledger ORDER BY pos DESC LIMIT ?',
    ).all(limit) as Array<{ replicaId: string; seq: number; type: string; at: string }>
  }

  /** Event counts per type, for diagnostics. */
  countsByType(): Record<string, number> {
    const rows = this.indexed(
      'SELECT type, COUNT(*) AS n FROM ledger_by_type_at GROUP BY type',
    ).all() as Array<{
      type: string
      n: number
    }>
    return Object.fromEntries(rows.map((r) => [r.type, r.n]))
  }

  /** Units sold per product since `since` (drives the low-water mark of rebalancing). */
  soldSince(replicaId: string, since: string): Map<string, number> {
    const rows = this.indexed(
      `SELECT product_id AS productId, -SUM(delta) AS qty FROM ledger_lines WHERE type = 'sale' AND replica_id = ? AND at >= ? GROUP BY product_id`,
    ).all(replicaId, since) as { productId: string; qty: number }[]
    return new Map(rows.map((r) => [r.productId, r.qty]))
  }
}
