// Worker side of SyncPg: one PostgreSQL connection, one request at a time. The main thread blocks
// on `signal` until the answer is posted, which is what keeps the relay's check-then-append
// synchronous on PostgreSQL exactly as it is on SQLite.
import { workerData, type MessagePort } from 'node:worker_threads'
import pg from 'pg'

interface Init {
  url: string
  port: MessagePort
  signal: SharedArrayBuffer
  statementTimeoutMs: number
  connectTimeoutMs: number
}

export interface PgRequest {
  statements: Array<{ sql: string; params: unknown[] }>
}

export interface PgResult {
  rows: Record<string, unknown>[]
  rowCount: number
  command: string
}

export type PgAnswer = { ok: true; results: PgResult[] } | { ok: false; message: string; code: string | null }

const init = workerData as Init
const flag = new Int32Array(init.signal)
// BIGINT columns are counters and milliseconds, all below 2^53
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v))

let client: pg.Client | null = null

async function connected(): Promise<pg.Client> {
  if (client) return client
  const c = new pg.Client({
    connectionString: init.url,
    connectionTimeoutMillis: init.connectTimeoutMs,
    statement_timeout: init.statementTimeoutMs,
    application_name: 'allot-relay',
  })
  // a dropped connection is replaced at the next request
  c.on('error', () => {
    if (client === c) client = null
  })
  await c.connect()
  client = c
  return c
}

async function answer(request: PgRequest): Promise<PgAnswer> {
  try {
    const c = await connected()
    const results: PgResult[] = []
    for (const s of request.statements) {
      const r = await c.query(s.sql, s.params)
      results.push({
        rows: r.rows as Record<string, unknown>[],
        rowCount: r.rowCount ?? 0,
        command: r.command,
      })
    }
    return { ok: true, results }
  } catch (err) {
    const e = err as { message?: string; code?: string }
    // a connection-level failure: start afresh next time (PostgreSQL rolls back what was open)
    if (client && (e.code === undefined || e.code.startsWith('08') || e.code === '57P01')) {
      const c = client
      client = null
      void c.end().catch(() => undefined)
    }
    return { ok: false, message: e.message ?? String(err), code: e.code ?? null }
  }
}

init.port.on('message', (request: PgRequest) => {
  void answer(request).then((result) => {
    init.port.postMessage(result)
    Atomics.store(flag, 0, 1)
    Atomics.notify(flag, 0)
  })
})
