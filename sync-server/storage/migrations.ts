// Numbered schema migrations, applied in order at start and recorded in `schema_migrations`, so a
// relay knows exactly which steps its file has had (the same list can later target PostgreSQL).
import type { Database } from '../../shared/node/sqlite.ts'

export interface Migration {
  version: number
  name: string
  up(db: Database): void
}

/** Applies every migration newer than the file's, each in its own transaction; returns the versions applied. */
export function applyMigrations(db: Database, migrations: readonly Migration[], now: number): number[] {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  )
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map(
      (r) => r.version,
    ),
  )
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
  const ran: number[] = []
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue
    db.transaction(() => {
      migration.up(db)
      record.run(migration.version, migration.name, now)
    })()
    ran.push(migration.version)
  }
  return ran
}

/** For files made before migrations were recorded: a column that an older release may already have added. */
export function addColumnIfMissing(db: Database, table: string, column: string, definition: string): void {
  const columns = db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>
  if (!columns.some((c) => c.name === column))
    db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`)
}
