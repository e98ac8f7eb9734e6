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
  /** The caller is inside a transaction (BEGIN sent, COMMIT or ROLLBACK not yet answered). */
  inTransaction: boolean
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
let connecting: Promise<void> | null = null
let everConnected = false
let lastFailureAt = 0
/** A transaction is open on `client`; if the connection goes, its statements must not continue elsewhere. */
let inTransaction = false
let transactionLost = false

const IDLE_IN_TRANSACTION_MS = 5000
/** How long a request waits for a reconnect under way before it fails (the caller's event loop waits too). */
const RECONNECT_WAIT_MS = 250
/** While the database is unreachable, requests fail at once; one reconnect is tried this often. */
const RETRY_EVERY_MS = 1000

function lose(c: pg.Client): void {
  if (client !== c) return
  client = null
  if (inTransaction) transactionLost = true
  inTransaction = false
  void c.end().catch(() => undefined)
}

function connect(): Promise<void> {
  connecting ??= (async () => {
    const c = new pg.Client({
      connectionString: init.url,
      connectionTimeoutMillis: init.connectTimeoutMs,
      statement_timeout: init.statementTimeoutMs,
      // an instance that dies without closing its socket (a lost machine) must not hold its
      // organization locks until TCP notices: the server ends a transaction left idle this long
      // (the relay's own transactions never pause: their statements follow one another)
      idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
      // a dead peer is noticed client-side too, not only by the server's statement timeout
      query_timeout: init.statementTimeoutMs + 1000,
      keepAlive: true,
      application_name: 'allot-relay',
    })
    c.on('error', () => lose(c))
    c.on('end', () => lose(c))
    try {
      await c.connect()
      client = c
      everConnected = true
    } catch (err) {
      lastFailureAt = Date.now()
      void c.end().catch(() => undefined)
      throw err
    }
  })().finally(() => {
    connecting = null
  })
  return connecting
}

/** The connection, or an error at once (or after a short wait) while the database is away. */
async function connected(): Promise<pg.Client> {
  if (client) return client
  if (!connecting && everConnected && Date.now() - lastFailureAt < RETRY_EVERY_MS)
    throw Object.assign(new Error('database unavailable; retrying'), { code: '08001' })
  const attempt = connect()
  // the first connection is waited for in full (start-up); later ones only briefly
  if (!everConnected) await attempt
  else {
    const done = await Promise.race([
      attempt.then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((r) => setTimeout(() => r(false), RECONNECT_WAIT_MS)),
    ])
    if (!done) attempt.catch(() => undefined)
  }
  if (!client) throw Object.assign(new Error('database unavailable; retrying'), { code: '08001' })
  return client
}

async function answer(request: PgRequest): Promise<PgAnswer> {
  const results: PgResult[] = []
  try {
    for (const s of request.statements) {
      if (transactionLost) {
        // the transaction died with its connection: nothing of it may continue (or commit) on a
        // new one; the caller's ROLLBACK, or a statement outside any transaction, ends it
        if (request.inTransaction && s.sql !== 'ROLLBACK')
          throw Object.assign(new Error('transaction lost with its database connection'), { code: '08006' })
        transactionLost = false
        if (s.sql === 'ROLLBACK') {
          results.push({ rows: [], rowCount: 0, command: 'ROLLBACK' })
          continue
        }
      }
      const c = await connected()
      const r = await c.query(s.sql, s.params)
      if (s.sql === 'BEGIN') inTransaction = true
      else if (s.sql === 'COMMIT' || s.sql === 'ROLLBACK') inTransaction = false
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
    if (client && (e.code === undefined || e.code.startsWith('08') || e.code === '57P01')) lose(client)
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
