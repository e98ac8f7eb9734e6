import { join } from 'node:path'
import { openDatabase, type Database } from '../../shared/node/sqlite.ts'
import * as Y from 'yjs'
import { getLog, getStores } from '../../shared/core/schema.ts'
import { RELAY_SYNC_ORIGIN } from '../../store-node/sync/relay-sync-client.ts'
import { MAX_RETAINED_OWN_EVENTS } from '../../store-node/store-node.ts'
import { connectApi, setUpStandaloneStore } from '../cluster/api-client.ts'
import { startStoreNode, tempDir } from '../cluster/processes.ts'
import { benchCaller, foundBenchOrg, openBenchNode } from './support/bench-till.ts'
import type { BenchRow } from './report.ts'
import { summarize, timeEach } from './stats.ts'

/**
 * (a) Durable checkout latency, in process and over the loopback API, next to a raw durable SQLite
 * append (WAL, synchronous=FULL, one transaction each) of the very same bytes: the Yjs update, the
 * sale's ledger row and its idempotency record.
 */
/**
 * WAL pages (frames) that `count` writes add, read from SQLite's own checkpoint report. Run from
 * a just-checkpointed WAL and back to back, so no checkpoint falls inside the sample; `settle`
 * adds the work deferred after the answers (the store's ledger index batch).
 */
async function walPagesPerWrite(
  db: Database,
  count: number,
  write: (i: number) => unknown,
  settle = () => {},
): Promise<number> {
  db.pragma('wal_checkpoint(TRUNCATE)')
  for (let i = 0; i < count; i++) await write(i)
  settle()
  const [frames] = db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>
  return frames!.log / count
}

/** Runs `fn` with synchronous=OFF: what the same work costs without waiting for the disk. */
async function withoutSync<T>(db: Database, fn: () => Promise<T>): Promise<T> {
  const before = db.pragma('synchronous', { simple: true }) as number
  db.pragma('synchronous = OFF')
  try {
    return await fn()
  } finally {
    db.pragma(`synchronous = ${before}`)
  }
}

/** Yjs client ids a document gathers in ~50 days of a 20-till chain restarting daily. */
const PAST_CLIENTS = 1000

function addPastClients(doc: Y.Doc, count: number): void {
  for (let c = 0; c < count; c++) {
    const past = new Y.Doc()
    getStores(past).set(`past-writer-${c}`, { name: `Past writer ${c}`, code: `P${c}` })
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(past), RELAY_SYNC_ORIGIN)
  }
}

/** Own events in a till's document once its count-capped checkpoints keep it level. */
const STEADY_EVENTS = MAX_RETAINED_OWN_EVENTS

export async function benchCheckout(n: number): Promise<BenchRow[]> {
  const dir = tempDir('bench-checkout')
  try {
    const node = await openBenchNode(join(dir.path, 'inproc'))
    const must = benchCaller(() => node)
    await foundBenchOrg(must)
    const product = await must('catalog.upsert', {
      sku: 'B-1',
      name: 'Bench item',
      priceMinor: 199,
      taxRateBp: 700,
    })
    await must('stock.restock', { productId: product.id, qty: 1_000_000 })
    const updates: Uint8Array[] = []
    node.store.doc.on('update', (u: Uint8Array) => updates.push(u))
    const inProcess = await timeEach(n, 50, (i) =>
      must('sales.checkout', {
        idempotencyKey: `bench-in-${i}`,
        lines: [{ productId: product.id, qty: 1 }],
        payment: { method: 'card' },
      }),
    )
    // Where the time goes: WAL pages one sale writes, and the same checkout without the fsync.
    const checkout = (tag: string) => (i: number) =>
      must('sales.checkout', {
        idempotencyKey: `bench-${tag}-${i}`,
        lines: [{ productId: product.id, qty: 1 }],
        payment: { method: 'card' },
      })
    const allotPages = await walPagesPerWrite(node.db, 100, checkout('pages'), () =>
      node.store.ledger.index.catchUp(),
    )
    const allotCpu = await withoutSync(node.db, () => timeEach(n, 50, checkout('cpu')))
    // A till some weeks in: its document holds as many of its own events as the count cap keeps.
    // Filled without fsync, untimed; then timed like the first run.
    const held = getLog(node.store.doc, node.replicaId).length
    await withoutSync(node.db, () => timeEach(Math.max(0, STEADY_EVENTS - held), 0, checkout('fill')))
    const steady = await timeEach(n, 50, checkout('steady'))
    // A chain some months in: every start of every till left a Yjs client id in the document for
    // good, and a Yjs transaction walks them all (docs/open-work.md, known limits). Here past
    // writers each changed one `stores` entry, applied as updates from the relay.
    await withoutSync(node.db, async () => addPastClients(node.store.doc, PAST_CLIENTS))
    const manyClients = await timeEach(n, 50, checkout('clients'))
    // What the store wrote per sale besides the update: its ledger row and line, its idempotency record.
    const ledgerRows = node.db
      .prepare("SELECT body FROM ledger WHERE type = 'sale' ORDER BY seq")
      .all() as Array<{ body: string }>
    const results = node.db
      .prepare("SELECT key, result FROM idempotency WHERE key LIKE 'bench-in-%' ORDER BY rowid")
      .all() as Array<{ key: string; result: string }>
    await node.close()

    // The baseline: the same bytes (the Yjs update, the ledger row, the idempotency record) appended
    // durably (WAL, synchronous=FULL, one transaction per sale) to plain tables, no check, no index.
    const raw = openDatabase(join(dir.path, 'raw.db'))
    raw.exec(
      'CREATE TABLE log (id INTEGER PRIMARY KEY, body BLOB NOT NULL); CREATE TABLE sales (id INTEGER PRIMARY KEY, body TEXT NOT NULL); CREATE TABLE results (key TEXT PRIMARY KEY, result TEXT NOT NULL)',
    )
    const insertLog = raw.prepare('INSERT INTO log (body) VALUES (?)')
    const insertSale = raw.prepare('INSERT INTO sales (body) VALUES (?)')
    const insertResult = raw.prepare('INSERT INTO results (key, result) VALUES (?, ?)')
    const append = raw.transaction((bytes: Uint8Array, sale: string, key: string, result: string) => {
      insertLog.run(Buffer.from(bytes))
      insertSale.run(sale)
      insertResult.run(key, result)
    })
    const sample = updates.slice(-n)
    const sales = ledgerRows.slice(-n)
    const recorded = results.slice(-n)
    const appendSale = (tag: string) => (i: number) => {
      const k = i < 0 ? n + i : i
      const r = recorded[k % recorded.length]!
      append(sample[k % sample.length]!, sales[k % sales.length]!.body, `${r.key}-${tag}${i}`, r.result)
    }
    const baseline = await timeEach(sample.length, 50, appendSale(''))
    const rawPages = await walPagesPerWrite(raw, 100, appendSale('pages'))
    const rawCpu = await withoutSync(raw, () => timeEach(sample.length, 50, appendSale('cpu')))
    raw.close()

    // Over the loopback WebSocket API, against a store-node process.
    const proc = await startStoreNode(join(dir.path, 'proc'))
    const { api, transport } = await connectApi(proc.ready.api, proc.token)
    const p2 = await setUpStandaloneStore(api, { sku: 'B-1', name: 'Bench item', priceMinor: 199 }, 1_000_000)
    const overApi = await timeEach(n, 50, (i) =>
      api['sales.checkout']({
        idempotencyKey: `bench-ws-${i}`,
        lines: [{ productId: p2.id, qty: 1 }],
        payment: { method: 'card' },
      }),
    )
    transport.close()
    await proc.kill('SIGTERM')

    const a = summarize(inProcess)
    const b = summarize(baseline)
    const w = summarize(overApi)
    const bytes = sample.reduce((s, u) => s + u.byteLength, 0) / Math.max(1, sample.length)
    return [
      {
        group: 'a. checkout',
        metric: 'in process p50',
        unit: 'ms',
        allot: a.p50,
        baseline: b.p50,
        baselineName: 'raw durable append, same bytes',
        goal: '≤ 1.5× baseline',
        met: a.p50 <= 1.5 * b.p50,
      },
      {
        group: 'a. checkout',
        metric: 'in process p99',
        unit: 'ms',
        allot: a.p99,
        baseline: b.p99,
        baselineName: 'raw durable append, same bytes',
        goal: '≤ 2 ms',
        met: a.p99 <= 2,
      },
      {
        group: 'a. checkout',
        metric: `in process p50, ${STEADY_EVENTS.toLocaleString('en')} sales in the document`,
        unit: 'ms',
        allot: summarize(steady).p50,
        baseline: b.p50,
        baselineName: 'raw durable append, same bytes',
      },
      {
        group: 'a. checkout',
        metric: `in process p50, document written by ${PAST_CLIENTS.toLocaleString('en')} more Yjs clients`,
        unit: 'ms',
        allot: summarize(manyClients).p50,
        baseline: summarize(steady).p50,
        baselineName: 'the same till before them',
      },
      {
        group: 'a. checkout',
        metric: 'loopback API p50',
        unit: 'ms',
        allot: w.p50,
        baseline: b.p50,
        baselineName: 'raw durable append, same bytes',
      },
      {
        group: 'a. checkout',
        metric: 'loopback API p99',
        unit: 'ms',
        allot: w.p99,
        baseline: b.p99,
        baselineName: 'raw durable append, same bytes',
      },
      {
        group: 'a. checkout',
        metric: 'WAL pages written per sale',
        unit: 'pages',
        allot: allotPages,
        baseline: rawPages,
        baselineName: 'raw durable append, same bytes',
      },
      {
        group: 'a. checkout',
        metric: 'in process p50 without fsync (CPU)',
        unit: 'ms',
        allot: summarize(allotCpu).p50,
        baseline: summarize(rawCpu).p50,
        baselineName: 'raw append without fsync',
      },
      { group: 'a. checkout', metric: 'update bytes per sale', unit: 'B', allot: bytes },
    ]
  } finally {
    dir.remove()
  }
}
