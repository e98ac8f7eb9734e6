// Copies a stopped SQLite relay (`DATA/relay.db`) into an empty PostgreSQL database, in one
// PostgreSQL transaction: every record as is (device tokens, codes and integration keys keep
// working), each organization's update log merged into one snapshot row, and the event feed with
// its positions, so a feed cursor saved against the SQLite relay resumes on PostgreSQL.
import * as Y from 'yjs'
import { openDatabase } from '../../../shared/node/sqlite.ts'
import { PG_MIGRATIONS, applyPgMigrations } from './pg-migrations.ts'
import { SyncPg } from './sync-pg.ts'

export interface CopyReport {
  orgs: number
  enrollmentCodes: number
  devices: number
  clientIds: number
  archive: number
  feedLog: number
  integrationKeys: number
  /** Per organization: update-log rows merged into its one snapshot row. */
  logRows: Record<string, number>
}

type CountKey = Exclude<keyof CopyReport, 'logRows'>

/** Tables copied column for column, in dependency order, and where the report counts them. */
const TABLES: ReadonlyArray<{ name: string; columns: readonly string[]; key?: CountKey }> = [
  { name: 'orgs', columns: ['id', 'name', 'doc_org_id', 'created_at'], key: 'orgs' },
  {
    name: 'enrollment_codes',
    columns: [
      'code_hash',
      'org_id',
      'store_name',
      'replica_id',
      'created_at',
      'expires_at',
      'used_at',
      'used_by_device',
      'store_code',
      'head_office',
    ],
    key: 'enrollmentCodes',
  },
  {
    name: 'devices',
    columns: [
      'id',
      'org_id',
      'replica_id',
      'token_hash',
      'store_name',
      'created_at',
      'last_seen_at',
      'revoked_at',
      'store_id',
      'head_office',
      'store_code',
    ],
    key: 'devices',
  },
  { name: 'client_ids', columns: ['org_id', 'client_id', 'device_id', 'first_seen_at'], key: 'clientIds' },
  {
    name: 'archive',
    columns: ['org_id', 'replica_id', 'seq', 'event_id', 'type', 'at', 'body', 'received_at'],
    key: 'archive',
  },
  { name: 'feed_log', columns: ['pos', 'org_id', 'replica_id', 'seq', 'event_id', 'type'], key: 'feedLog' },
  {
    name: 'feed_replica_state',
    columns: ['org_id', 'replica_id', 'last_seq', 'last_event_at', 'last_received_at'],
  },
  {
    name: 'integration_keys',
    columns: ['id', 'org_id', 'name', 'key_hash', 'created_at', 'last_used_at', 'revoked_at'],
    key: 'integrationKeys',
  },
]
const BOOLEAN_COLUMNS = new Set(['head_office'])
const BATCH = 500

export class TargetNotEmptyError extends Error {}

export function copySqliteRelay(sqliteFile: string, databaseUrl: string, now: number): CopyReport {
  const source = openDatabase(sqliteFile, { readonly: true })
  const target = new SyncPg({ url: databaseUrl, statementTimeoutMs: 600_000 })
  try {
    applyPgMigrations(target, PG_MIGRATIONS, now)
    const report: CopyReport = {
      orgs: 0,
      enrollmentCodes: 0,
      devices: 0,
      clientIds: 0,
      archive: 0,
      feedLog: 0,
      integrationKeys: 0,
      logRows: {},
    }
    // one read transaction on the source: a consistent copy even if something else reads it
    source.prepare('BEGIN').run()
    target.transaction(() => {
      const existing = target.one('SELECT COUNT(*)::int AS n FROM orgs')
      if (Number(existing?.['n']) > 0)
        throw new TargetNotEmptyError(
          'the PostgreSQL database already holds organizations; copy into an empty one',
        )
      for (const table of TABLES) {
        const rows = source
          .prepare(`SELECT ${table.columns.join(', ')} FROM ${table.name}`)
          .raw()
          .all() as unknown[][]
        for (let i = 0; i < rows.length; i += BATCH) {
          const chunk = rows.slice(i, i + BATCH)
          const params: unknown[] = []
          const tuples = chunk.map((row) => {
            const marks = row.map((value, c) => {
              params.push(BOOLEAN_COLUMNS.has(table.columns[c]!) ? value === 1 : value)
              return `$${params.length}`
            })
            return `(${marks.join(', ')})`
          })
          target.run(
            `INSERT INTO ${table.name} (${table.columns.join(', ')}) VALUES ${tuples.join(', ')}`,
            params,
          )
        }
        if (table.key) report[table.key] = rows.length
      }
      // new feed positions continue after the copied ones
      target.query(
        "SELECT setval(pg_get_serial_sequence('feed_log', 'pos'), GREATEST((SELECT MAX(pos) FROM feed_log), 1))",
      )
      // each organization's update log becomes one snapshot row, sequence 1
      const docs = source.prepare('SELECT DISTINCT doc FROM y_updates').pluck().all() as string[]
      const rowsOf = source.prepare('SELECT "update" FROM y_updates WHERE doc = ? ORDER BY id').pluck()
      for (const orgId of docs) {
        const doc = new Y.Doc({ gc: true })
        const updates = rowsOf.all(orgId) as Buffer[]
        doc.transact(() => {
          for (const u of updates) Y.applyUpdate(doc, u)
        })
        // what an older relay stored parked stays parked in the snapshot, as in its SQLite log
        const snapshot = Y.encodeStateAsUpdate(doc)
        doc.destroy()
        target.run('INSERT INTO doc_updates (org_id, seq, snapshot, update) VALUES ($1, 1, true, $2)', [
          orgId,
          snapshot,
        ])
        target.run('INSERT INTO doc_heads (org_id, head) VALUES ($1, 1)', [orgId])
        report.logRows[orgId] = updates.length
      }
    })
    return report
  } finally {
    try {
      source.prepare('ROLLBACK').run()
    } catch {
      // no read transaction was open
    }
    source.close()
    target.close()
  }
}
