// The synchronous PostgreSQL client under the relay core: a transaction whose connection dies is
// never continued on a new connection (its statements would run without the organization lock),
// and while the database is away calls fail fast instead of holding the event loop.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PgError, SyncPg } from '../../sync-server/storage/pg/sync-pg.ts'
import { postgresUnavailable, startPostgres, type PostgresServer } from '../support/index.ts'

let server: PostgresServer
let url: string
let db: SyncPg

describe.skipIf(postgresUnavailable !== null)('SyncPg', () => {
  beforeAll(async () => {
    server = await startPostgres()
    url = await server.createDatabase('sync_pg')
    db = new SyncPg({ url })
    db.query('CREATE TABLE t (n INTEGER)')
  })

  afterAll(async () => {
    db?.close()
    await server?.remove()
  })

  it('refuses to continue a transaction on a new connection after its connection died', async () => {
    const pid = Number(db.one('SELECT pg_backend_pid() AS pid')!['pid'])
    let failure: unknown
    try {
      db.transaction(() => {
        db.query('INSERT INTO t VALUES (1)')
        // kill the backend from outside, synchronously waiting until it is gone
        const killer = new SyncPg({ url })
        try {
          killer.query('SELECT pg_terminate_backend($1)', [pid])
        } finally {
          killer.close()
        }
        db.query('INSERT INTO t VALUES (2)')
      })
    } catch (err) {
      failure = err
    }
    expect(failure).toBeInstanceOf(PgError)
    // neither insert is there: the second did not run on a fresh connection in autocommit
    const rows = await rowsOfT()
    expect(rows).toEqual([])
    // and the client works again afterwards
    expect(db.query('SELECT 1 AS one')).toEqual([{ one: 1 }])
  })

  it('a transaction left open by a lost instance releases its organization lock within seconds', async () => {
    const lost = new SyncPg({ url })
    lost.query('BEGIN')
    lost.query('SELECT pg_advisory_xact_lock(8788, 42)')
    // `lost` never sends another statement, like an instance whose machine is gone
    const other = new pg.Client(url)
    await other.connect()
    try {
      const started = Date.now()
      await other.query('SELECT pg_advisory_xact_lock(8788, 42)')
      const waited = Date.now() - started
      expect(waited).toBeGreaterThan(3000)
      expect(waited).toBeLessThan(15_000)
    } finally {
      await other.end()
      lost.close()
    }
  })

  it('fails fast while the database is away, and recovers by itself', async () => {
    await server.stop()
    const started = performance.now()
    for (let i = 0; i < 5; i++) expect(() => db.query('SELECT 1')).toThrow(PgError)
    expect(performance.now() - started).toBeLessThan(5_000)
    await server.start()
    let ok = false
    for (let i = 0; i < 50 && !ok; i++) {
      try {
        db.query('SELECT 1')
        ok = true
      } catch {
        await new Promise((r) => setTimeout(r, 100))
      }
    }
    expect(ok).toBe(true)
  })
})

async function rowsOfT(): Promise<Array<{ n: number }>> {
  const client = new pg.Client(url)
  await client.connect()
  try {
    return (await client.query<{ n: number }>('SELECT n FROM t ORDER BY n')).rows
  } finally {
    await client.end()
  }
}
