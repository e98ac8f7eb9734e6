import pino from 'pino'
import type { Session } from '../../../store-node/api/dispatch.ts'
import { openStoreNode, type StoreNode } from '../../../store-node/store-node.ts'

/** An in-process till with an organization and one well-stocked product, for checkout benches. */
export interface BenchTill {
  node: StoreNode
  productId: string
  /** One durable checkout of one unit (a fresh idempotency key per `tag` and `i`). */
  checkout(tag: string, i: number): Promise<void>
  /** Closes and opens the node again on the same directory (a clean restart). */
  restart(): Promise<void>
}

async function open(dataDir: string): Promise<StoreNode> {
  return openStoreNode({ dataDir, logger: pino({ level: 'silent' }), backgroundJobs: false })
}

export async function openBenchTill(dataDir: string): Promise<BenchTill> {
  const session: Session = { userId: null }
  const till = { node: await open(dataDir), productId: '' } as BenchTill
  const must = async (method: Parameters<StoreNode['call']>[0], params: unknown) => {
    const r = await till.node.call(method, params, session)
    if (r.error) throw new Error(`${String(method)}: ${r.error.message}`)
    return r.result as { id: string }
  }
  await must('setup.createOrganization', {
    orgName: 'Bench',
    currency: 'EUR',
    storeName: 'B',
    storeCode: 'B',
    owner: { username: 'owner', password: 'owner-password' },
  })
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
    till.node = await open(dataDir)
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
