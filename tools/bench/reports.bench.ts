import type { StoreNode } from '../../store-node/store-node.ts'
import type { BenchRow } from './report.ts'
import { summarize, timeEach } from './stats.ts'
import { withBenchOrg, withoutFsync, writeBenchCatalog } from './support/bench-till.ts'

const DAY_MS = 86_400_000
const STORES = 20

/**
 * Sale lines written straight into the ledger's report table (the shape the ledger index writes),
 * spread evenly over one year, 20 stores and the whole catalog: building a million real sales
 * through the till takes a quarter of an hour, and the reports read only these rows.
 */
function writeSaleLines(node: StoreNode, sales: number, products: number) {
  const insert = node.db.prepare(
    `INSERT INTO ledger_lines (type, at, event_id, line, replica_id, seq, by, product_id, delta, amount_minor, reason, category)
     VALUES ('sale', ?, ?, 1, ?, ?, 'bench', ?, -1, ?, 'sale', ?)`,
  )
  const perDay = Math.ceil(sales / 365)
  const start = Date.UTC(2026, 0, 1, 8)
  node.db.transaction(() => {
    for (let i = 0; i < sales; i++) {
      const at = new Date(start + Math.floor(i / perDay) * DAY_MS + (i % perDay) * 15_000).toISOString()
      const product = (i * 7919) % products
      // 40 categories, a third of the catalog in none
      const category = product % 3 === 0 ? '' : `Category ${product % 40}`
      insert.run(
        at,
        `bench-sale-${i}`,
        `bench-till-${i % STORES}`,
        i + 1,
        `p-${product}`,
        100 + (i % 900),
        category,
      )
    }
  })()
}

/**
 * (q) Reports on a store with `products` products and `sales` sales over a year: `reports.sales`
 * by day, store, product and category for 30- and 90-day ranges, in process through the StoreApi,
 * next to one pass over every sale line of the range (the least a report must read).
 */
export async function benchReports(products: number, sales: number, n: number): Promise<BenchRow[]> {
  return withBenchOrg('bench-reports', async ({ node, session }) => {
    await withoutFsync(node, async () => {
      writeBenchCatalog(node, products)
      writeSaleLines(node, sales, products)
    })
    const rows: BenchRow[] = []
    const size = `${products.toLocaleString('en')} products, ${sales.toLocaleString('en')} sales`
    for (const days of [30, 90]) {
      // ranges that end on different days of the year
      const range = (i: number) => {
        const from = new Date(Date.UTC(2026, 0, 1) + (Math.abs(i) % (365 - days)) * DAY_MS)
        return {
          from: from.toISOString().slice(0, 10),
          to: new Date(from.getTime() + days * DAY_MS).toISOString().slice(0, 10),
        }
      }
      const scan = node.db.prepare(
        'SELECT COUNT(*), SUM(amount_minor) FROM ledger_lines WHERE type = ? AND at >= ? AND at < ?',
      )
      const baseline = summarize(
        await timeEach(n, 5, (i) => {
          const r = range(i)
          scan.get('sale', r.from, r.to)
        }),
      )
      for (const groupBy of ['day', 'store', 'product', 'category'] as const) {
        const times = await timeEach(n, 5, async (i) => {
          const r = await node.call('reports.sales', { ...range(i), groupBy, limit: 100 }, session)
          if (r.error) throw new Error(r.error.message)
        })
        const s = summarize(times)
        rows.push({
          group: 'q. reports',
          metric: `reports.sales by ${groupBy}, ${days} days, p99, ${size}`,
          unit: 'ms',
          allot: s.p99,
          baseline: baseline.p99,
          baselineName: 'one pass over the range',
          goal: '≤ 200 ms',
          met: s.p99 <= 200,
        })
      }
    }
    await node.close()
    return rows
  })
}
