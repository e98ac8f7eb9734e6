// Append-only log of Yjs updates per document, stored in a caller-supplied SQLite database.
// Both the relay and the StoreNode persist their Y.Docs this way: every update is appended
// (cheap, durable), and from time to time the rows of a document are replaced by one update
// encoded from the live doc (compaction), which keeps load time bounded.
import * as Y from 'yjs'
import type { Statement } from 'better-sqlite3'
import type { Database } from './sqlite.ts'

export interface UpdateLogStats {
  rows: number
  bytes: number
}

const TABLE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/

export class YUpdateLog {
  readonly table: string
  private readonly db: Database
  private readonly insertRow: Statement<unknown[]>
  private readonly selectRows: Statement<unknown[]>
  private readonly deleteRows: Statement<unknown[]>
  private readonly statsQuery: Statement<unknown[]>

  constructor(db: Database, table = 'y_updates') {
    // The table name is interpolated into SQL, so only plain identifiers are accepted.
    if (!TABLE_NAME_PATTERN.test(table)) throw new Error(`invalid update-log table name: ${table}`)
    this.db = db
    this.table = table
    // No index on `doc`: callers keep one document per table (the log is compacted, so loading
    // scans few rows), and an index is one more b-tree page written and fsynced per append.
    db.exec(
      `CREATE TABLE IF NOT EXISTS ${table} (id INTEGER PRIMARY KEY, doc TEXT NOT NULL, "update" BLOB NOT NULL);` +
        `DROP INDEX IF EXISTS ${table}_doc;`,
    )
    this.insertRow = db.prepare(`INSERT INTO ${table} (doc, "update") VALUES (?, ?)`)
    this.selectRows = db.prepare(`SELECT "update" AS u FROM ${table} WHERE doc = ? ORDER BY id`)
    this.deleteRows = db.prepare(`DELETE FROM ${table} WHERE doc = ?`)
    this.statsQuery = db.prepare(
      `SELECT COUNT(*) AS rows, COALESCE(SUM(LENGTH("update")), 0) AS bytes FROM ${table} WHERE doc = ?`,
    )
  }

  /** Plain synchronous INSERT; wrap several appends in your own db.transaction to batch them. */
  append(docName: string, update: Uint8Array): void {
    this.insertRow.run(docName, toBuffer(update))
  }

  /** Applies every stored row, in order, inside one transaction on `doc`. */
  load(docName: string, doc: Y.Doc, origin?: unknown): UpdateLogStats {
    const rows = this.selectRows.all(docName) as Array<{ u: Buffer }>
    return {
      rows: rows.length,
      bytes: applyAll(
        doc,
        rows.map((r) => r.u),
        origin,
      ),
    }
  }

  /**
   * Replaces all rows of `docName` by the state of the live doc, in one SQLite transaction.
   * The caller guarantees `doc` already contains every stored row (it was loaded from this log
   * and every later append was also applied to it).
   */
  compact(docName: string, doc: Y.Doc): void {
    // encodeStateAsUpdate includes what Yjs has parked (updates whose dependencies have not
    // arrived), so compaction never drops a stored update (test/relay/update-log.test.ts).
    const snapshot = Y.encodeStateAsUpdate(doc)
    this.db.transaction(() => {
      this.deleteRows.run(docName)
      this.insertRow.run(docName, toBuffer(snapshot))
    })()
  }

  stats(docName: string): UpdateLogStats {
    const row = this.statsQuery.get(docName) as { rows: number; bytes: number }
    return { rows: row.rows, bytes: row.bytes }
  }
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

/** Applies stored updates in order in one transaction on `doc`; returns their bytes. */
export function applyAll(doc: Y.Doc, updates: readonly Uint8Array[], origin?: unknown): number {
  let bytes = 0
  doc.transact(() => {
    for (const update of updates) {
      bytes += update.byteLength
      Y.applyUpdate(doc, update, origin)
    }
  }, origin)
  return bytes
}
