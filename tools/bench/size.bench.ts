import { statSync } from 'node:fs'
import { join } from 'node:path'
import * as Y from 'yjs'
import { tempDir } from '../cluster/processes.ts'
import { benchCaller, foundBenchOrg, openBenchNode } from './support/bench-till.ts'
import type { BenchRow } from './report.ts'

/**
 * (f) Size: document and database bytes per sale (one durable transaction per sale), before and
 * after a checkpoint; then `rounds` rounds of `perRound` sales, each ended by a checkpoint, to show
 * the document stays bounded while the ledger keeps everything.
 */
export async function benchSize(sales: number, rounds: number, perRound: number): Promise<BenchRow[]> {
  const dir = tempDir('bench-size')
  try {
    const node = await openBenchNode(dir.path)
    const must = benchCaller(() => node)
    await foundBenchOrg(must)
    const products: string[] = []
    for (let p = 0; p < 20; p++)
      products.push(
        (
          await must('catalog.upsert', {
            sku: `S-${p}`,
            name: `Size item ${p}`,
            priceMinor: 199,
            taxRateBp: 700,
          })
        ).id,
      )
    for (const productId of products) await must('stock.restock', { productId, qty: 1_000_000 })
    const ops = node.context.ops()
    const docBytes = () => Y.encodeStateAsUpdate(node.store.doc).byteLength
    const dbBytes = () => {
      node.store.ledger.index.catchUp() // the read indexes count too, though written after the answer
      node.db.pragma('wal_checkpoint(TRUNCATE)')
      return statSync(join(dir.path, 'store.db')).size
    }
    const sell = (i: number) =>
      ops.sell({
        by: 'bench',
        lines: [{ productId: products[i % products.length]!, qty: 1 }],
        payment: { method: 'card' },
      })
    const doc0 = docBytes()
    const db0 = dbBytes()
    for (let i = 0; i < sales; i++) node.store.durable(() => sell(i))
    const doc1 = docBytes()
    node.store.compact()
    const db1 = dbBytes()
    node.store.durable(() => ops.checkpoint({ by: 'bench', retentionMs: 0 }))
    node.store.compact()
    const doc2 = docBytes()
    const ledgerRow = (
      node.db.prepare("SELECT avg(length(body)) AS n FROM ledger WHERE type = 'sale'").get() as { n: number }
    ).n

    // Bounded: many sales, a checkpoint after each round.
    const sizes: number[] = []
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < perRound; i += 1000)
        node.store.durable(() => {
          for (let k = i; k < Math.min(perRound, i + 1000); k++) sell(k)
        })
      node.store.durable(() => ops.checkpoint({ by: 'bench', retentionMs: 0 }))
      node.store.compact()
      sizes.push(docBytes())
    }
    const total = sales + rounds * perRound
    const db2 = dbBytes()
    await node.close()
    const g = 'f. size'
    const fmtN = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1000}k`)
    return [
      {
        group: g,
        metric: `document bytes per sale, ${fmtN(sales)} sales, no checkpoint`,
        unit: 'B',
        allot: (doc1 - doc0) / sales,
        baseline: ledgerRow,
        baselineName: 'the sale as JSON',
      },
      {
        group: g,
        metric: `document after checkpoint (${fmtN(sales)} sales)`,
        unit: 'KiB',
        allot: doc2 / 1024,
        baseline: doc1 / 1024,
        baselineName: 'before checkpoint',
      },
      {
        group: g,
        metric: `database bytes per sale (update log compacted + ledger)`,
        unit: 'B',
        allot: (db1 - db0) / sales,
        baseline: ledgerRow,
        baselineName: 'the sale as JSON',
      },
      {
        group: g,
        metric: `document after ${fmtN(perRound)} sales + checkpoint (round 1)`,
        unit: 'KiB',
        allot: sizes[0]! / 1024,
      },
      {
        group: g,
        metric: `document after ${fmtN(total)} sales, checkpoint every ${fmtN(perRound)}`,
        unit: 'KiB',
        allot: sizes.at(-1)! / 1024,
        baseline: sizes[0]! / 1024,
        baselineName: 'after round 1',
        goal: 'bounded (≤ 2× round 1)',
        met: sizes.at(-1)! <= 2 * sizes[0]!,
      },
      {
        group: g,
        metric: `database after ${fmtN(total)} sales (ledger keeps all)`,
        unit: 'MiB',
        allot: db2 / 2 ** 20,
      },
    ]
  } finally {
    dir.remove()
  }
}
