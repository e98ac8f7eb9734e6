import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { openDatabase } from '../../shared/node/sqlite.ts'
import { migrate, migrations } from '../../store-node/db/schema.ts'
import { tempDir } from '../support/index.ts'

describe('store database migrations', () => {
  it('moves a version-1 database to the current schema with every ledger line and idempotency record', () => {
    const dir = tempDir('schema-migration')
    try {
      const db = openDatabase(join(dir.path, 'store.db'))
      db.exec(migrations[0]!)
      db.pragma('user_version = 1')
      const line = db.prepare(
        `INSERT INTO ledger_lines (event_id, replica_id, seq, type, at, by, product_id, delta, amount_minor, reason)
         VALUES (?, 'r1', ?, 'sale', ?, 'u1', ?, -1, 199, 'sale')`,
      )
      line.run('e1', 1, '2026-01-01T10:00:00.000Z', 'p1')
      line.run('e1', 1, '2026-01-01T10:00:00.000Z', 'p2')
      line.run('e2', 2, '2026-01-02T10:00:00.000Z', 'p1')
      db.prepare(
        "INSERT INTO idempotency (key, method, result, at) VALUES ('k1', 'sales.checkout', '{}', 'x')",
      ).run()

      migrate(db)

      expect(db.pragma('user_version', { simple: true })).toBe(migrations.length)
      const rows = db
        .prepare('SELECT event_id AS e, line, product_id AS p FROM ledger_lines ORDER BY at, event_id, line')
        .all()
      expect(rows).toEqual([
        { e: 'e1', line: 1, p: 'p1' },
        { e: 'e1', line: 2, p: 'p2' },
        { e: 'e2', line: 3, p: 'p1' },
      ])
      // The by-product index survived the table swap and is the one the movements query uses.
      const plan = db
        .prepare("EXPLAIN QUERY PLAN SELECT * FROM ledger_lines WHERE product_id = 'p1' ORDER BY at DESC")
        .all() as Array<{ detail: string }>
      expect(plan.map((r) => r.detail).join(' ')).toContain('ledger_lines_by_product')
      expect(db.prepare('SELECT key FROM idempotency').all()).toEqual([{ key: 'k1' }])
      db.close()
    } finally {
      dir.remove()
    }
  })
  it('moves a version-2 ledger into arrival order with its read indexes complete', () => {
    const dir = tempDir('schema-migration-3')
    try {
      const db = openDatabase(join(dir.path, 'store.db'))
      db.exec(migrations[0]!)
      db.exec(migrations[1]!)
      db.pragma('user_version = 2')
      const event = db.prepare(
        "INSERT INTO ledger (replica_id, seq, id, type, at, by, body) VALUES ('r1', ?, ?, ?, ?, 'u1', '{}')",
      )
      event.run(2, 'e2', 'sale', '2026-01-02T10:00:00.000Z')
      event.run(1, 'e1', 'restock', '2026-01-01T10:00:00.000Z')
      db.prepare(
        "INSERT INTO idempotency (key, method, result, at) VALUES ('k1', 'sales.checkout', '{}', 'x')",
      ).run()

      migrate(db)

      expect(db.prepare('SELECT pos, id FROM ledger ORDER BY pos').all()).toEqual([
        { pos: 1, id: 'e1' },
        { pos: 2, id: 'e2' },
      ])
      expect(db.prepare('SELECT id, pos FROM ledger_by_id ORDER BY id').all()).toEqual([
        { id: 'e1', pos: 1 },
        { id: 'e2', pos: 2 },
      ])
      expect(db.prepare("SELECT pos FROM ledger_by_type_at WHERE type = 'sale'").all()).toEqual([{ pos: 2 }])
      // the report totals' migration starts the index over, so the next read adds up every event
      expect(db.prepare('SELECT pos FROM ledger_index_cursor').get()).toEqual({ pos: 0 })
      // The unique key still refuses a second copy of an event.
      expect(() => event.run(2, 'e2', 'sale', '2026-01-02T10:00:00.000Z')).toThrow(/UNIQUE/)
      expect(db.prepare('SELECT key FROM idempotency').all()).toEqual([{ key: 'k1' }])
      db.close()
    } finally {
      dir.remove()
    }
  })
})
