import { closeSync, cpSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import pino from 'pino'
import { writeProduct } from '../../shared/core/schema.ts'
import { openStoreNode } from '../../store-node/store-node.ts'
import { migrations } from '../../store-node/db/schema.ts'
import { connectApi } from '../cluster/api-client.ts'
import { owner } from '../cluster/chain.ts'
import { startStoreNode, tempDir } from '../cluster/processes.ts'
import { benchCaller, benchProduct, foundBenchOrg, openBenchNode } from './support/bench-till.ts'
import type { BenchRow } from './report.ts'

/**
 * Builds a store's data directory with `products` products and about `events` events, through the
 * StoreNode's own durable path (core ops, ledger rows, update log), in large SQLite transactions,
 * checkpointing as the running store does once its own log passes its cap
 * (`MAX_RETAINED_OWN_EVENTS`): all events stay in the ledger, the newest ones in the document.
 */
async function buildFixture(dataDir: string, products: number, events: number): Promise<void> {
  const node = await openBenchNode(dataDir)
  await foundBenchOrg(benchCaller(() => node))
  const doc = node.store.doc
  for (let start = 0; start < products; start += 5000) {
    node.store.durable(() =>
      doc.transact(() => {
        for (let i = start; i < Math.min(products, start + 5000); i++) {
          writeProduct(doc, `p-${i}`, benchProduct(i))
        }
      }),
    )
  }
  const ops = node.context.ops()
  const restocked = Math.min(products, Math.max(1, Math.floor(events / 10)))
  const perProduct = Math.ceil((events - restocked) / restocked) + 10
  let written = 0
  const batch = 2000
  while (written < events) {
    node.store.durable(() => {
      for (let k = 0; k < batch && written < events; k++, written++) {
        if (written < restocked) ops.restock({ by: 'bench', productId: `p-${written}`, qty: perProduct })
        else
          ops.sell({
            by: 'bench',
            lines: [{ productId: `p-${written % restocked}`, qty: 1 }],
            payment: { method: 'card' },
          })
      }
    })
    node.upkeep.checkpointIfLarge()
    node.upkeep.compactIfLarge()
  }
  node.store.compact()
  await node.close()
}

function status(pid: number): { rssMiB: number; hwmMiB: number } {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kib = (key: string) =>
    Number(/\d+/.exec(text.split('\n').find((l) => l.startsWith(key)) ?? '0')?.[0] ?? 0)
  return { rssMiB: kib('VmRSS:') / 1024, hwmMiB: kib('VmHWM:') / 1024 }
}

/** Starts a store-node process on `dataDir`: spawn → ready → connect → log in → first checkout. */
async function coldStart(
  dataDir: string,
  productId: string,
): Promise<{ readyMs: number; saleMs: number; rssMiB: number; hwmMiB: number; settledMiB: number }> {
  const start = performance.now()
  const proc = await startStoreNode(dataDir)
  const readyMs = performance.now() - start
  try {
    const { api, transport } = await connectApi(proc.ready.api, proc.token)
    await api['session.login']({ method: 'password', ...owner })
    await api['sales.checkout']({
      idempotencyKey: `cold-${Date.now()}`,
      lines: [{ productId, qty: 1 }],
      payment: { method: 'card' },
    })
    const saleMs = performance.now() - start
    const mem = status(proc.child.pid!)
    // The node compacts its heap a few seconds after start (store-node/doc/compact-heap.ts).
    await new Promise((r) => setTimeout(r, 5000))
    const settledMiB = status(proc.child.pid!).rssMiB
    transport.close()
    return { readyMs, saleMs, ...mem, settledMiB }
  } finally {
    await proc.kill('SIGTERM')
  }
}

/** (e) Cold start with a large catalog and history, next to the same start on a near-empty store. */
/** fsyncs every file under `dir`. */
function flushFiles(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue
    const fd = openSync(join(entry.parentPath, entry.name), 'r')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  }
}

export async function benchColdStart(products: number, events: number): Promise<BenchRow[]> {
  const dir = tempDir('bench-cold')
  try {
    const t0 = performance.now()
    // BENCH_FIXTURES=DIR keeps built fixtures there and copies them on later runs (the 1M-event
    // one takes a quarter of an hour to build); keyed by schema version, so that no timed start
    // migrates an old one.
    const cached = process.env.BENCH_FIXTURES
      ? join(process.env.BENCH_FIXTURES, `cold-${products}-${events}-schema${migrations.length}`)
      : undefined
    if (cached && existsSync(cached)) cpSync(cached, join(dir.path, 'big'), { recursive: true })
    else {
      await buildFixture(join(dir.path, 'big'), products, events)
      if (cached) cpSync(join(dir.path, 'big'), cached, { recursive: true })
    }
    // The copy (or the build) leaves hundreds of MB of dirty pages: write them out first, so the
    // timed start does not compete with their writeback.
    flushFiles(join(dir.path, 'big'))
    const productId = 'p-0'
    process.stderr.write(
      `  fixture: ${products} products, ${events} events in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
    )
    await buildFixture(join(dir.path, 'empty'), 1, 1)
    const empty = await coldStart(join(dir.path, 'empty'), 'p-0')
    const big = await coldStart(join(dir.path, 'big'), productId)
    // The same store after a checkpoint with no retention at all: history only in the ledger.
    const node = await openStoreNode({
      dataDir: join(dir.path, 'big'),
      logger: pino({ level: 'silent' }),
      backgroundJobs: false,
    })
    node.store.durable(() => node.context.ops().checkpoint({ by: 'bench', retentionMs: 0 }))
    node.store.compact()
    await node.close()
    const cp = await coldStart(join(dir.path, 'big'), productId)
    const size = `${products / 1000}k products, ${events >= 1e6 ? `${events / 1e6}M` : `${events / 1000}k`} events`
    return [
      {
        group: 'e. cold start',
        metric: `start → ready, ${size}`,
        unit: 'ms',
        allot: big.readyMs,
        baseline: empty.readyMs,
        baselineName: 'empty store',
      },
      {
        group: 'e. cold start',
        metric: `start → first sale (incl. login), ${size}, as the store keeps it`,
        unit: 'ms',
        allot: big.saleMs,
        baseline: empty.saleMs,
        baselineName: 'empty store',
        goal: '≤ 2000 ms',
        met: big.saleMs <= 2000,
      },
      {
        group: 'e. cold start',
        metric: `start → first sale (incl. login), ${size}, after a full checkpoint`,
        unit: 'ms',
        allot: cp.saleMs,
        baseline: empty.saleMs,
        baselineName: 'empty store',
      },
      {
        group: 'e. cold start',
        metric: `RSS 5 s after the first sale, ${size}, as the store keeps it`,
        unit: 'MiB',
        allot: big.settledMiB,
        baseline: empty.settledMiB,
        baselineName: 'empty store',
        goal: '≤ 300 MiB',
        met: big.settledMiB <= 300,
      },
      {
        group: 'e. cold start',
        metric: `RSS right after the first sale, ${size}, as the store keeps it`,
        unit: 'MiB',
        allot: big.rssMiB,
        baseline: empty.rssMiB,
        baselineName: 'empty store',
      },
      {
        group: 'e. cold start',
        metric: `peak RSS (VmHWM), ${size}, as the store keeps it`,
        unit: 'MiB',
        allot: big.hwmMiB,
        baseline: empty.hwmMiB,
        baselineName: 'empty store',
      },
      {
        group: 'e. cold start',
        metric: `RSS 5 s after the first sale, ${size}, after a full checkpoint`,
        unit: 'MiB',
        allot: cp.settledMiB,
        baseline: empty.settledMiB,
        baselineName: 'empty store',
      },
    ]
  } finally {
    dir.remove()
  }
}
