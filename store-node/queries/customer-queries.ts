import type { Statement } from 'better-sqlite3'
import type { Database } from '../../shared/node/sqlite.ts'
import type { SaleRow } from './ledger-queries.ts'

/** A customer's purchases from the ledger, newest first, through a partial index. */
export class CustomerQueries {
  private readonly page: Statement<[string, number, number]>
  private readonly count: Statement<[string]>

  constructor(db: Database) {
    const where = `type = 'sale' AND body ->> '$.customer.customerId' IS NOT NULL
      AND body ->> '$.customer.customerId' = ?`
    this.page = db.prepare(
      `SELECT id, replica_id AS replicaId, at, body ->> '$.totals.totalMinor' AS totalMinor,
              (SELECT COALESCE(SUM(value ->> '$.qty'), 0) FROM json_each(body, '$.lines')) AS items,
              seq, body
         FROM ledger WHERE ${where} ORDER BY pos DESC LIMIT ? OFFSET ?`,
    )
    this.count = db.prepare(`SELECT COUNT(*) AS n FROM ledger WHERE ${where}`)
  }

  purchases(customerId: string, offset: number, limit: number): { rows: SaleRow[]; total: number } {
    return {
      rows: this.page.all(customerId, limit, offset) as SaleRow[],
      total: (this.count.get(customerId) as { n: number }).n,
    }
  }
}
