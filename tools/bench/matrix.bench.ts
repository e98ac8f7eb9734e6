import { randomUUID } from 'node:crypto'
import * as Y from 'yjs'
import { getLog, writeProduct, writeReplica, writeStore } from '../../shared/core/schema.ts'
import type { Session } from '../../store-node/api/dispatch.ts'
import { RELAY_SYNC_ORIGIN } from '../../store-node/sync/relay-sync-client.ts'
import { tempDir } from '../cluster/processes.ts'
import type { BenchRow } from './report.ts'
import { summarize, timeEach } from './stats.ts'
import {
  benchCaller,
  benchProduct,
  foundBenchOrg,
  openBenchNode,
  withoutFsync,
} from './support/bench-till.ts'

/**
 * Adds `stores` other stores (one till each) to the document, as the relay would bring them;
 * product i is stocked at store i mod `stores`, so every row of the matrix has a figure.
 */
function addStores(doc: Y.Doc, stores: number, products: number): void {
  const at = new Date().toISOString()
  for (let s = 0; s < stores; s++) {
    const other = new Y.Doc()
    const replicaId = randomUUID()
    const storeId = `bench-store-${s}`
    other.transact(() => {
      writeStore(other, storeId, { name: `Store ${s}`, code: `S${s}` })
      writeReplica(other, replicaId, { storeId, storeName: `Store ${s}`, status: 'active' })
      const events = []
      for (let i = s, seq = 1; i < products; i += stores, seq++)
        events.push({
          seq,
          id: randomUUID(),
          at,
          by: 'bench',
          type: 'restock',
          productId: `p-${i}`,
          qty: 1 + (i % 7),
        })
      getLog(other, replicaId).push(events)
    })
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), RELAY_SYNC_ORIGIN)
    other.destroy()
  }
}

/**
 * (m) The owner's product × store stock matrix: one page (100 products × every store) at any
 * depth of a `products` catalog, and a filtered page, in process through the StoreApi; next to the
 * catalog's own page of the same products (`catalog.list`, this till's stock only).
 */
export async function benchMatrix(products: number, stores: number, n: number): Promise<BenchRow[]> {
  const dir = tempDir('bench-matrix')
  try {
    const node = await openBenchNode(dir.path)
    const session: Session = { userId: null }
    await foundBenchOrg(benchCaller(() => node, session))
    const doc = node.store.doc
    await withoutFsync(node, async () => {
      for (let start = 0; start < products; start += 5000)
        node.store.durable(() =>
          doc.transact(() => {
            for (let i = start; i < Math.min(products, start + 5000); i++)
              writeProduct(doc, `p-${i}`, benchProduct(i))
          }),
        )
      node.store.durable(() => addStores(doc, stores, products))
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
  } finally {
    dir.remove()
  }
}
