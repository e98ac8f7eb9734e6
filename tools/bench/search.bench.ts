import { withBenchOrg, writeBenchCatalog } from './support/bench-till.ts'
import type { BenchRow } from './report.ts'
import { summarize, timeEach } from './stats.ts'

const words = [
  'green',
  'black',
  'earl',
  'grey',
  'jasmine',
  'mint',
  'lemon',
  'ginger',
  'apple',
  'berry',
  'honey',
  'chai',
  'oolong',
  'white',
  'rooibos',
  'vanilla',
]

/** (h) Catalog search p99 at `size` products, next to an unindexed LIKE scan of the same table. */
export async function benchSearch(size: number, queries: number): Promise<BenchRow[]> {
  return withBenchOrg('bench-search', async ({ node, session }) => {
    writeBenchCatalog(
      node,
      size,
      (i) => `${words[i % 16]} ${words[(i >> 4) % 16]} ${words[(i >> 8) % 16]} tea ${i}`,
    )
    const prefixes = (i: number) => {
      const w = words[(i * 7) % 16]!
      return i % 3 === 0
        ? w.slice(0, 3)
        : i % 3 === 1
          ? `${w} ${words[(i * 5) % 16]!.slice(0, 2)}`
          : String(4_000_000_000_000 + ((i * 7919) % size))
    }
    // Through the StoreApi (validation, role check, stock figures per hit) and the index alone.
    const api = await timeEach(queries, 20, async (i) => {
      const r = await node.call('catalog.search', { query: prefixes(Math.abs(i)), limit: 20 }, session)
      if (r.error) throw new Error(r.error.message)
    })
    const direct = await timeEach(queries, 20, (i) =>
      node.store.catalog.search(prefixes(Math.abs(i)), 20, false),
    )
    const like = node.db.prepare(
      "SELECT id FROM catalog WHERE name LIKE '%' || ? || '%' OR sku = ? OR barcode = ? LIMIT 20",
    )
    const baseline = await timeEach(Math.min(queries, 200), 5, (i) =>
      like.all(prefixes(Math.abs(i)), prefixes(Math.abs(i)), prefixes(Math.abs(i))),
    )
    await node.close()
    const a = summarize(api)
    const d = summarize(direct)
    const b = summarize(baseline)
    return [
      {
        group: 'h. search',
        metric: `index search p99 @ ${size} products`,
        unit: 'ms',
        allot: d.p99,
        baseline: b.p99,
        baselineName: 'LIKE scan',
        goal: '≤ 5 ms',
        met: d.p99 <= 5,
      },
      {
        group: 'h. search',
        metric: `StoreApi catalog.search p99 (20 hits with stock)`,
        unit: 'ms',
        allot: a.p99,
        goal: '≤ 5 ms',
        met: a.p99 <= 5,
      },
    ]
  })
}
