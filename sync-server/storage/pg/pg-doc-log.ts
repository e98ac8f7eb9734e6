// The organizations' Yjs update logs in PostgreSQL, shared by every relay instance. Each row has
// the organization's next sequence number, handed out under the organization's transaction-scoped
// advisory lock, so the log is one gap-free total order per organization and a reader that sees
// row N has seen every row before it. Compaction replaces rows 1..N by one snapshot row N under
// the same lock, and only when the compacting instance's doc holds exactly rows 1..N.
import * as Y from 'yjs'
import type { DocLog, DocLogStats } from '../relay-store.ts'
import type { SyncPg } from './sync-pg.ts'
import { applyAll } from '../../../shared/node/update-log.ts'

/** The NOTIFY channel: `doc <org> <seq>` after a commit, `device <id>` after a revocation. */
export const RELAY_CHANNEL = 'allot_relay'

/** Advisory lock class of the per-organization write lock. */
const ORG_LOCK_CLASS = 8788

export interface LogRow {
  seq: number
  update: Uint8Array
}

/** What the hub needs to keep docs of several instances in one order. */
export interface SharedLog {
  /** Serializes writers of one organization until the caller's transaction ends. */
  lockOrg(orgId: string): void
  /** The same for several organizations, taken in one global order (no deadlock between instances). */
  lockOrgs(orgIds: readonly string[]): void
  rowsAfter(orgId: string, seq: number): LogRow[]
  /** The last sequence number of each of these organizations (0 for none yet). */
  heads(orgIds: readonly string[]): Map<string, number>
}

export class PgDocLog implements DocLog, SharedLog {
  private readonly db: SyncPg

  constructor(db: SyncPg) {
    this.db = db
  }

  lockOrg(orgId: string): void {
    this.db.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ORG_LOCK_CLASS, orgId])
  }

  lockOrgs(orgIds: readonly string[]): void {
    if (orgIds.length === 1) return this.lockOrg(orgIds[0]!)
    const keys = this.db
      .query('SELECT DISTINCT hashtext(o) AS k FROM unnest($1::text[]) o ORDER BY k', [[...orgIds]])
      .map((r) => Number(r['k']))
    this.db.batch(
      keys.map((k) => ({ sql: 'SELECT pg_advisory_xact_lock($1, $2)', params: [ORG_LOCK_CLASS, k] })),
    )
  }

  append(orgId: string, update: Uint8Array): number {
    const row = this.db.one(
      `WITH h AS (
         INSERT INTO doc_heads AS d (org_id, head) VALUES ($1::text, 1)
         ON CONFLICT (org_id) DO UPDATE SET head = d.head + 1 RETURNING head),
       u AS (INSERT INTO doc_updates (org_id, seq, update) SELECT $1::text, head, $2 FROM h RETURNING seq)
       SELECT seq, pg_notify('${RELAY_CHANNEL}', 'doc ' || $1::text || ' ' || seq) FROM u`,
      [orgId, update],
    )
    return Number(row!['seq'])
  }

  rowsAfter(orgId: string, seq: number): LogRow[] {
    return this.db
      .query('SELECT seq, update FROM doc_updates WHERE org_id = $1 AND seq > $2 ORDER BY seq', [orgId, seq])
      .map((r) => ({ seq: Number(r['seq']), update: r['update'] as Uint8Array }))
  }

  heads(orgIds: readonly string[]): Map<string, number> {
    const rows = this.db.query('SELECT org_id, head FROM doc_heads WHERE org_id = ANY($1::text[])', [
      [...orgIds],
    ])
    return new Map(rows.map((r) => [String(r['org_id']), Number(r['head'])]))
  }

  load(orgId: string, doc: Y.Doc, origin?: unknown): DocLogStats {
    const rows = this.rowsAfter(orgId, 0)
    const bytes = applyAll(
      doc,
      rows.map((r) => r.update),
      origin,
    )
    return { rows: rows.length, bytes, head: rows.at(-1)?.seq ?? 0 }
  }

  /**
   * Merges rows 1..head into one snapshot row `head`, under the organization's lock. The snapshot
   * is built from exactly the rows it replaces (read in the same transaction), never from an
   * instance's live doc, so whatever an instance holds in memory, no committed row is lost.
   * Skipped while `seq` (the caller's doc) is behind the head: that instance compacts later.
   */
  compact(orgId: string, _doc: Y.Doc, seq = 0): void {
    this.db.transaction(() => {
      this.lockOrg(orgId)
      const head = this.heads([orgId]).get(orgId) ?? 0
      if (head !== seq || head === 0) return
      const rows = this.rowsAfter(orgId, 0)
      if (rows.length <= 1) return
      const merged = new Y.Doc({ gc: true })
      try {
        for (const row of rows) Y.applyUpdate(merged, row.update)
        const snapshot = Y.encodeStateAsUpdate(merged)
        this.db.batch([
          { sql: 'DELETE FROM doc_updates WHERE org_id = $1 AND seq <= $2', params: [orgId, head] },
          {
            sql: 'INSERT INTO doc_updates (org_id, seq, snapshot, update) VALUES ($1, $2, true, $3)',
            params: [orgId, head, snapshot],
          },
        ])
      } finally {
        merged.destroy()
      }
    })
  }

  stats(orgId: string): DocLogStats {
    const row = this.db.one(
      'SELECT COUNT(*)::bigint AS rows, COALESCE(SUM(octet_length(update)), 0)::bigint AS bytes, COALESCE(MAX(seq), 0)::bigint AS head FROM doc_updates WHERE org_id = $1',
      [orgId],
    )!
    return { rows: Number(row['rows']), bytes: Number(row['bytes']), head: Number(row['head']) }
  }
}
