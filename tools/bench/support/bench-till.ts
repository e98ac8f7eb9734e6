import pino from 'pino'
import { randomUUID } from 'node:crypto'
import * as Y from 'yjs'
import { getLog, writeProduct, writeReplica, writeStore, type Product } from '../../../shared/core/schema.ts'
import { RELAY_SYNC_ORIGIN } from '../../../store-node/sync/relay-sync-client.ts'
import type { Session } from '../../../store-node/api/dispatch.ts'
import { openStoreNode, type StoreNode } from '../../../store-node/store-node.ts'
import { owner } from '../../cluster/chain.ts'
import { tempDir } from '../../cluster/processes.ts'

/** An in-process till with an organization and one well-stocked product, for checkout benches. */
export interface BenchTill {
  node: StoreNode
  productId: string
  /** One durable checkout of one unit (a fresh idempotency key per `tag` and `i`). */
  checkout(tag: string, i: number): Promise<void>
  /** Closes and opens the node again on the same directory (a clean restart). */
  restart(): Promise<void>
}

/** An in-process store node without background jobs or log output. */
export async function openBenchNode(dataDir: string): Promise<StoreNode> {
  return openStoreNode({ dataDir, logger: pino({ level: 'silent' }), backgroundJobs: false })
}

/** A StoreApi call as the setup session that throws on an error answer (benches set up, not test). */
export type BenchCall = (method: Parameters<StoreNode['call']>[0], params: unknown) => Promise<{ id: string }>

/** `session` becomes the owner's once the organization is founded through it. */
export function benchCaller(node: () => StoreNode, session: Session = { userId: null }): BenchCall {
  return async (method, params) => {
    const r = await node().call(method, params, session)
    if (r.error) throw new Error(`${String(method)}: ${r.error.message}`)
    return r.result as { id: string }
  }
}

/** Founds the bench organization (one store, code B) on a fresh node. */
export async function foundBenchOrg(must: BenchCall): Promise<void> {
  await must('setup.createOrganization', {
    orgName: 'Bench',
    currency: 'EUR',
    storeName: 'B',
    storeCode: 'B',
    owner,
  })
}

/** Product `i` of a generated catalog, as written straight into the document. */
export function benchProduct(i: number, name = `Product ${i}`): Product {
  return {
    sku: `SKU-${i}`,
    name,
    barcode: String(4_000_000_000_000 + i),
    priceMinor: 100 + (i % 900),
    taxRate: 700,
    unit: 'pcs',
    reorderPoint: 0,
    policy: 'pool',
    archived: false,
    byWeight: false,
    // 40 categories, a third of the catalog in none
    category: i % 3 === 0 ? '' : `Category ${i % 40}`,
    supplierId: '',
    supplierSku: '',
    // a cost for margins to take off
    costMinor: 60 + (i % 500),
  }
}

export async function openBenchTill(dataDir: string): Promise<BenchTill> {
  const till = { node: await openBenchNode(dataDir), productId: '' } as BenchTill
  const must = benchCaller(() => till.node)
  await foundBenchOrg(must)
  till.productId = (await must('catalog.upsert', { sku: 'B-1', name: 'Bench item', priceMinor: 199 })).id
  await must('stock.restock', { productId: till.productId, qty: 1_000_000 })
  till.checkout = async (tag, i) => {
    await must('sales.checkout', {
      idempotencyKey: `bench-${tag}-${i}`,
      lines: [{ productId: till.productId, qty: 1 }],
      payment: { method: 'card' },
    })
  }
  till.restart = async () => {
    await till.node.close()
    till.node = await openBenchNode(dataDir)
  }
  return till
}

/** Runs `fn` with synchronous=OFF: setup work that is not what a bench measures. */
export async function withoutFsync<T>(node: StoreNode, fn: () => Promise<T>): Promise<T> {
  const before = node.db.pragma('synchronous', { simple: true }) as number
  node.db.pragma('synchronous = OFF')
  try {
    return await fn()
  } finally {
    node.db.pragma(`synchronous = ${before}`)
  }
}

/** A founded bench organization on a fresh node, with the session that founded it (the owner's). */
export async function openBenchOrg(dataDir: string): Promise<{ node: StoreNode; session: Session }> {
  const node = await openBenchNode(dataDir)
  const session: Session = { userId: null }
  await foundBenchOrg(benchCaller(() => node, session))
  return { node, session }
}

/** Runs `fn` on a founded bench organization in a temporary directory, removed afterwards. */
export async function withBenchOrg<T>(
  name: string,
  fn: (org: { node: StoreNode; session: Session }) => Promise<T>,
): Promise<T> {
  const dir = tempDir(name)
  try {
    return await fn(await openBenchOrg(dir.path))
  } finally {
    dir.remove()
  }
}

/** Writes products p-0 … p-(count-1) straight into the document, 5,000 per durable transaction. */
export function writeBenchCatalog(node: StoreNode, count: number, name?: (i: number) => string): void {
  const doc = node.store.doc
  for (let start = 0; start < count; start += 5000)
    node.store.durable(() =>
      doc.transact(() => {
        for (let i = start; i < Math.min(count, start + 5000); i++)
          writeProduct(doc, `p-${i}`, benchProduct(i, name?.(i)))
      }),
    )
}

/**
 * Adds another store with one till to the document, as the relay would bring it: its own Yjs
 * client, its `stores` and `replicas` entries, and a log of restocks (`qty` units of each product).
 */
export function addBenchStore(
  doc: Y.Doc,
  index: number,
  restocks: ReadonlyArray<{ productId: string; qty: number }>,
): string {
  const other = new Y.Doc()
  const replicaId = randomUUID()
  const storeId = `bench-store-${index}`
  const at = new Date().toISOString()
  other.transact(() => {
    writeStore(other, storeId, { name: `Store ${index}`, code: `S${index}` })
    writeReplica(other, replicaId, { storeId, storeName: `Store ${index}`, status: 'active' })
    getLog(other, replicaId).push(
      restocks.map((r, i) => ({ seq: i + 1, id: randomUUID(), at, by: 'bench', type: 'restock', ...r })),
    )
  })
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), RELAY_SYNC_ORIGIN)
  other.destroy()
  return replicaId
}
