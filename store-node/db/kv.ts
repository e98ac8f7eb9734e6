import type { Statement } from 'better-sqlite3'
import type { Database } from '../../shared/node/sqlite.ts'

/** Small JSON values: the replica's identity, device credential, settings. */
export class KeyValue {
  private readonly getStmt: Statement<[string]>
  private readonly setStmt: Statement<[string, string]>
  private readonly delStmt: Statement<[string]>

  constructor(db: Database) {
    this.getStmt = db.prepare('SELECT value FROM kv WHERE key = ?')
    this.setStmt = db.prepare(
      'INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    )
    this.delStmt = db.prepare('DELETE FROM kv WHERE key = ?')
  }

  get<T>(key: string): T | undefined {
    const row = this.getStmt.get(key) as { value: string } | undefined
    return row ? (JSON.parse(row.value) as T) : undefined
  }

  set(key: string, value: unknown): void {
    this.setStmt.run(key, JSON.stringify(value))
  }

  delete(key: string): void {
    this.delStmt.run(key)
  }
}
