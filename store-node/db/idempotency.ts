import { createHash } from 'node:crypto'
import type { Statement } from 'better-sqlite3'
import type { Database } from '../../shared/node/sqlite.ts'
import { ApiError } from '../../shared/api/errors.ts'

/** What a key is bound to: the method and its validated input. */
export interface IdempotentRequest {
  method: string
  params: unknown
}

/** JSON with every object's keys sorted, so one request always gives one text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

export function requestHash(request: IdempotentRequest): string {
  return createHash('sha256')
    .update(`${request.method}\n${canonicalJson(request.params)}`)
    .digest('hex')
}

/**
 * Client key → the result the API returned, bound to a hash of the request it answered. Looked up
 * and written inside the same SQLite transaction as the operation, so a retry after a crash or a
 * lost answer returns the first result and never acts twice; the same key with another request
 * (another basket) is a CONFLICT, never the first sale.
 */
export class Idempotency {
  private readonly getStmt: Statement<[string]>
  private readonly putStmt: Statement<[string, string, string, string, string]>

  constructor(db: Database) {
    this.getStmt = db.prepare('SELECT method, result, request_hash FROM idempotency WHERE key = ?')
    this.putStmt = db.prepare(
      'INSERT INTO idempotency (key, method, result, at, request_hash) VALUES (?, ?, ?, ?, ?)',
    )
  }

  /** Call inside a durable write. */
  once<T>(key: string, request: IdempotentRequest, at: string, act: () => T): T {
    const hash = requestHash(request)
    const row = this.getStmt.get(key) as
      { method: string; result: string; request_hash: string | null } | undefined
    if (row) {
      if (row.method !== request.method) {
        throw new ApiError('CONFLICT', 'This idempotency key was already used for another operation', {
          method: row.method,
        })
      }
      // Rows written before requests were hashed (NULL) match any request, as they always did.
      if (row.request_hash !== null && row.request_hash !== hash) {
        throw new ApiError('CONFLICT', 'This idempotency key was already used for a different request', {
          method: row.method,
        })
      }
      return JSON.parse(row.result) as T
    }
    const result = act()
    this.putStmt.run(key, request.method, JSON.stringify(result), at, hash)
    return result
  }
}
