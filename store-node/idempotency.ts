import type { Statement } from 'better-sqlite3'
import type { Database } from '../shared/node/sqlite.ts'
import { ApiError } from '../shared/api/errors.ts'

/**
 * Client key → the result the API returned. Looked up and written inside the same SQLite
 * transaction as the operation, so a retry after a crash or a lost answer returns the first
 * result and never acts twice.
 */
export class Idempotency {
  private readonly getStmt: Statement<[string]>
  private readonly putStmt: Statement<[string, string, string, string]>

  constructor(db: Database) {
    this.getStmt = db.prepare('SELECT method, result FROM idempotency WHERE key = ?')
    this.putStmt = db.prepare('INSERT INTO idempotency (key, method, result, at) VALUES (?, ?, ?, ?)')
  }

  /** Call inside a durable write. */
  once<T>(key: string, method: string, at: string, act: () => T): T {
    const row = this.getStmt.get(key) as { method: string; result: string } | undefined
    if (row) {
      if (row.method !== method) {
        throw new ApiError('CONFLICT', 'This idempotency key was already used for another operation', {
          method: row.method,
        })
      }
      return JSON.parse(row.result) as T
    }
    const result = act()
    this.putStmt.run(key, method, JSON.stringify(result), at)
    return result
  }
}
