import type { BenchRow } from './report.ts'
import { summarize, timeEach } from './stats.ts'
import { addBenchStore, withBenchOrg, withoutFsync, writeBenchCatalog } from './support/bench-till.ts'

/**
 * (m) The owner's product × store stock matrix: one page (100 products × every store) at any
 * depth of a `products` catalog, and a filtered page, in process through the StoreApi; next to the
 * catalog's own page of the same products (`catalog.list`, this till's stock only).
 */
export async function benchMatrix(products: number, stores: number, n: number): Promise<BenchRow[]> {
  return withBenchOrg('bench-matrix', async ({ node, session }) => {
    await withoutFsync(node, async () => {
      writeBenchCatalog(node, products)
      // product i is stocked at store i mod `stores`, so every row of the matrix has a figure
      node.store.durable(() => {
        for (let st = 0; st < stores; st++) {
          const restocks = []
          for (let i = st; i < products; i += stores) restocks.push({ productId: `p-${i}`, qty: 1 + (i % 7) })
          addBenchStore(node.store.doc, st, restocks)
        }
      })
    })
    const call = async (method: 'chain.stockMatrix' | 'catalog.list', params: unknown) => {
      const r = await node.call(method, params, session)
      if (r.error) throw new Error(`${method}: ${r.error.message}`)
    }
    // pages spread over the whole catalog, deep ones included
    const offset = (i: number) => (Math.abs(i) * 7919) % (products - 100)
    const matrix = await timeEach(n, 10, (i) => call('chain.stockMatrix', { offset: offset(i), limit: 100 }))
    const list = await timeEach(n, 10, (i) => call('catalog.list', { offset: offset(i), limit: 100 }))
    const filtered = await timeEach(n, 10, (i) =>
      call('chain.stockMatrix', { query: `Product ${Math.abs(i) % 1000}`, limit: 100 }),
    )
    await node.close()
    const m = summarize(matrix)
    const l = summarize(list)
    const f = summarize(filtered)
    const size = `${products.toLocaleString('en')} products × ${stores + 1} stores`
    return [
      {
        group: 'm. stock matrix',
        metric: `page of 100 products p99, ${size}`,
        unit: 'ms',
        allot: m.p99,
        baseline: l.p99,
        baselineName: 'catalog.list, same page',
        goal: '≤ 200 ms',
        met: m.p99 <= 200,
      },
      {
        group: 'm. stock matrix',
        metric: `filtered page p99 (name words), ${size}`,
        unit: 'ms',
        allot: f.p99,
        baseline: l.p99,
        baselineName: 'catalog.list, same page',
        goal: '≤ 200 ms',
        met: f.p99 <= 200,
      },
    ]
  })
}
