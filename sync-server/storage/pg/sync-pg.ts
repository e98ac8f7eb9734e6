// Synchronous PostgreSQL queries for the relay core: a worker thread owns the connection and the
// caller waits on a shared flag (Atomics.wait), like better-sqlite3 waits on its fsync. The relay
// validates each write against the fully caught-up document and appends it in one synchronous
// step; keeping that shape on PostgreSQL keeps every invariant the SQLite relay is tested for.
// The price is that the event loop waits for each round trip (loopback: well under a millisecond).
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads'
import type { PgAnswer, PgResult } from './sync-pg-worker.ts'

export interface SyncPgOptions {
  url: string
  /** Server-side statement timeout (an advisory lock wait included). */
  statementTimeoutMs?: number
  connectTimeoutMs?: number
}

export class PgError extends Error {
  readonly code: string | null
  constructor(message: string, code: string | null) {
    super(message)
    this.code = code
  }
}

export type Row = Record<string, unknown>

export class SyncPg {
  private worker!: Worker
  private port!: MessagePort
  private flag!: Int32Array
  private readonly options: Required<SyncPgOptions>
  private depth = 0
  /** The worker was replaced inside a transaction: nothing more of that transaction may run. */
  private transactionLost = false
  private closed = false

  constructor(options: SyncPgOptions) {
    this.options = { statementTimeoutMs: 10_000, connectTimeoutMs: 3_000, ...options }
    this.spawn()
  }

  private spawn(): void {
    const signal = new SharedArrayBuffer(4)
    const { port1, port2 } = new MessageChannel()
    this.flag = new Int32Array(signal)
    this.port = port1
    this.worker = new Worker(new URL('./sync-pg-worker.ts', import.meta.url), {
      workerData: {
        url: this.options.url,
        port: port2,
        signal,
        statementTimeoutMs: this.options.statementTimeoutMs,
        connectTimeoutMs: this.options.connectTimeoutMs,
      },
      transferList: [port2],
    })
    this.worker.unref()
    this.port.unref()
  }

  /** Runs the statements in order on the one connection; the results of each. */
  batch(statements: Array<{ sql: string; params?: unknown[] }>): PgResult[] {
    if (this.closed) throw new PgError('database connection closed', null)
    if (this.transactionLost && this.depth > 0 && statements[0]?.sql !== 'ROLLBACK')
      throw new PgError('transaction lost with its database connection', '08006')
    Atomics.store(this.flag, 0, 0)
    this.port.postMessage({
      statements: statements.map((s) => ({ sql: s.sql, params: s.params ?? [] })),
      inTransaction: this.depth > 0,
    })
    const waitMs = this.options.statementTimeoutMs * statements.length + this.options.connectTimeoutMs + 2_000
    if (Atomics.wait(this.flag, 0, 0, waitMs) === 'timed-out') {
      // the worker is stuck somewhere in a query: replace it (PostgreSQL rolls back its transaction)
      void this.worker.terminate()
      this.port.close()
      this.spawn()
      if (this.depth > 0) this.transactionLost = true
      throw new PgError(`database did not answer within ${waitMs} ms`, null)
    }
    const received = receiveMessageOnPort(this.port)
    if (!received) throw new PgError('database answer missing', null)
    const answer = received.message as PgAnswer
    if (!answer.ok) throw new PgError(answer.message, answer.code)
    return answer.results
  }

  query(sql: string, params: unknown[] = []): Row[] {
    return this.batch([{ sql, params }])[0]!.rows
  }

  one(sql: string, params: unknown[] = []): Row | undefined {
    return this.query(sql, params)[0]
  }

  run(sql: string, params: unknown[] = []): number {
    return this.batch([{ sql, params }])[0]!.rowCount
  }

  /** `fn` inside one transaction; nested calls join the outer one. Throws (after ROLLBACK) what fn throws. */
  transaction<T>(fn: () => T): T {
    if (this.depth > 0) return fn()
    this.query('BEGIN')
    this.depth = 1
    try {
      const result = fn()
      // sent as part of the transaction: a transaction whose connection died cannot commit
      // on a new one. COMMIT of a transaction that failed inside answers ROLLBACK, no error.
      if (this.batch([{ sql: 'COMMIT' }])[0]!.command === 'ROLLBACK')
        throw new PgError('transaction rolled back at commit', null)
      return result
    } catch (err) {
      try {
        this.query('ROLLBACK')
      } catch {
        // the connection is gone: PostgreSQL rolled back already
      }
      throw err
    } finally {
      this.depth = 0
      this.transactionLost = false
    }
  }

  inTransaction(): boolean {
    return this.depth > 0
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    void this.worker.terminate()
    this.port.close()
  }
}
