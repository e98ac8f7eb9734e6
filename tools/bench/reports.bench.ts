import type { RefundEvent, SaleEvent } from '../../shared/core/events.ts'
import { lineAmounts, saleTotals } from '../../shared/core/money.ts'
import type { StoreNode } from '../../store-node/store-node.ts'
import type { BenchRow } from './report.ts'
import { summarize, timeEach } from './stats.ts'
import { addBenchStore, withBenchOrg, withoutFsync, writeBenchCatalog } from './support/bench-till.ts'

const DAY_MS = 86_400_000
const STORES = 20
/** One sale in this many is refunded (one unit, the next minute). */
const REFUND_EVERY = 40

/**
 * Sale and refund events written straight into the ledger as a till records them (the body is the
 * event's JSON), spread evenly over one year, the stores' tills and the whole catalog; the
 * ledger index then adds them up as it does any event. Building a million real sales through the
 * till takes a quarter of an hour, and the reports read only what the index writes.
 */
function writeSaleEvents(node: StoreNode, sales: number, products: number, tills: readonly string[]): void {
  const insert = node.db.prepare(
    'INSERT INTO ledger (replica_id, seq, id, type, at, by, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  const record = (replicaId: string, e: SaleEvent | RefundEvent) =>
    insert.run(replicaId, e.seq, e.id, e.type, e.at, e.by, JSON.stringify(e))
  const perDay = Math.ceil(sales / 365)
  const start = Date.UTC(2026, 0, 1, 8)
  node.db.transaction(() => {
    for (let i = 0; i < sales; i++) {
      const at = new Date(start + Math.floor(i / perDay) * DAY_MS + (i % perDay) * 15_000).toISOString()
      const till = tills[i % tills.length]!
      // one line, or two of different products and tax rates; a discount on every tenth sale
      const products_ =
        i % 4 === 0 ? [(i * 7919) % products, (i * 104_729) % products] : [(i * 7919) % products]
      const lines = products_.map((p, k) => ({
        productId: `p-${p}`,
        qty: 1 + ((i + k) % 3),
        unitPriceMinor: 100 + ((i + k) % 900),
        taxRate: p % 5 === 0 ? 700 : 1900,
        ...(i % 10 === 0 && k === 0 && { discount: { amountMinor: 50, reason: 'Bench promotion' } }),
      }))
      const totals = saleTotals(lines)
      const seq = 1_000_000 + Math.floor(i / tills.length) * 2
      const sale: SaleEvent = {
        type: 'sale',
        seq,
        id: `bench-sale-${i}`,
        at,
        by: 'bench',
        lines,
        totals,
        payment: { method: i % 3 === 0 ? 'cash' : 'card', tenderedMinor: totals.totalMinor, changeMinor: 0 },
      }
      record(till, sale)
      if (i % REFUND_EVERY !== 0) continue
      const first = lines[0]!
      const paid = lineAmounts(first).grossMinor
      const amountMinor = Math.round(paid / first.qty)
      record(till, {
        type: 'refund',
        seq: seq + 1,
        id: `bench-refund-${i}`,
        at: new Date(Date.parse(at) + 60_000).toISOString(),
        by: 'bench',
        saleId: sale.id,
        lines: [{ productId: first.productId, qty: 1, amountMinor }],
        toStock: true,
        amountMinor,
      })
    }
  })()
  node.store.ledger.index.noteAppended()
}

type ReportCall = { method: string; params: (range: { from: string; to: string }) => unknown; label: string }

/**
 * (q) Reports on a store with `products` products and `sales` sales over a year, 20 stores: sales
 * by day, store, product and category and of one category's products, margin by product and
 * store, the money report (VAT by rate, tenders, refunds, discounts) for 30 days, 90 days and the
 * whole year, and stock value; each in process through the StoreApi, p99, next to one pass over
 * every sale line of the range.
 */
export async function benchReports(products: number, sales: number, n: number): Promise<BenchRow[]> {
  return withBenchOrg('bench-reports', async ({ node, session }) => {
    let indexMs = 0
    await withoutFsync(node, async () => {
      writeBenchCatalog(node, products)
      const tills: string[] = []
      // product i is stocked at store i mod 20 (so stock value has a figure for every product)
      node.store.durable(() => {
        for (let st = 0; st < STORES; st++) {
          const restocks = []
          for (let i = st; i < products; i += STORES) restocks.push({ productId: `p-${i}`, qty: 5 + (i % 7) })
          tills.push(addBenchStore(node.store.doc, st, restocks))
        }
      })
      writeSaleEvents(node, sales, products, tills)
      const started = performance.now()
      node.store.ledger.index.catchUp()
      indexMs = performance.now() - started
    })
    const size = `${products.toLocaleString('en')} products, ${sales.toLocaleString('en')} sales`
    const rows: BenchRow[] = []
    const scan = node.db.prepare(
      'SELECT COUNT(*), SUM(amount_minor) FROM ledger_lines WHERE type = ? AND at >= ? AND at < ?',
    )
    const reports: ReportCall[] = [
      ...(['day', 'store', 'product', 'category'] as const).map((groupBy) => ({
        method: 'reports.sales',
        params: (r: object) => ({ ...r, groupBy, limit: 100 }),
        label: `reports.sales by ${groupBy}`,
      })),
      {
        method: 'reports.sales',
        params: (r: object) => ({ ...r, groupBy: 'product', category: 'Category 7', limit: 100 }),
        label: 'reports.sales by product of one category',
      },
      ...(['product', 'store'] as const).map((groupBy) => ({
        method: 'reports.margin',
        params: (r: object) => ({ ...r, groupBy, limit: 100 }),
        label: `reports.margin by ${groupBy}`,
      })),
      {
        method: 'reports.money',
        params: (r: object) => r,
        label: 'reports.money (VAT, tenders, refunds, discounts)',
      },
    ]
    for (const days of [30, 90, 365]) {
      // ranges that start on different days of the year (the whole year: always the same one)
      const range = (i: number) => {
        const from = new Date(Date.UTC(2026, 0, 1) + (Math.abs(i) % Math.max(1, 365 - days)) * DAY_MS)
        return {
          from: from.toISOString().slice(0, 10),
          to: new Date(from.getTime() + (days - 1) * DAY_MS).toISOString().slice(0, 10),
        }
      }
      const baseline = summarize(
        await timeEach(n, 5, (i) => {
          const r = range(i)
          scan.get('sale', r.from, `${r.to}T99`)
        }),
      )
      for (const report of reports) {
        const times = await timeEach(n, 3, async (i) => {
          const r = await node.call(report.method as 'reports.sales', report.params(range(i)), session)
          if (r.error) throw new Error(`${report.method}: ${r.error.message}`)
        })
        const s = summarize(times)
        rows.push({
          group: 'q. reports',
          metric: `${report.label}, ${days} days, p99, ${size}`,
          unit: 'ms',
          allot: s.p99,
          baseline: baseline.p99,
          baselineName: 'one pass over the range',
          goal: '≤ 200 ms',
          met: s.p99 <= 200,
        })
      }
    }
    const stock = summarize(
      await timeEach(Math.min(n, 20), 2, async () => {
        const r = await node.call('reports.stockValue', {}, session)
        if (r.error) throw new Error(r.error.message)
      }),
    )
    const everyLine = summarize(await timeEach(5, 1, () => scan.get('sale', '2026', '2027')))
    rows.push({
      group: 'q. reports',
      metric: `reports.stockValue p99, ${size}, ${STORES} stores`,
      unit: 'ms',
      allot: stock.p99,
      baseline: everyLine.p99,
      baselineName: 'one pass over the year',
      goal: '≤ 200 ms',
      met: stock.p99 <= 200,
    })
    rows.push({
      group: 'q. reports',
      metric: `adding up ${size} (first read after an upgrade; once)`,
      unit: 'ms',
      allot: indexMs,
      baseline: everyLine.p99,
      baselineName: 'one pass over the year',
    })
    await node.close()
    return rows
  })
}
