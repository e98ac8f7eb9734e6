/** Test harness: replicas as separate Y.Docs with deterministic clocks and ids. */
import * as Y from 'yjs'
import {
  createDocFold,
  createReplicaOps,
  initMeta,
  writeProduct,
  writeReplica,
} from '../../shared/core/index.ts'
import type { DocFold, ReplicaOps, StockPolicy } from '../../shared/core/index.ts'

export const T0 = Date.parse('2024-01-01T00:00:00.000Z')

export interface TestClock {
  ms: number
  now: () => string
  advance: (ms: number) => void
}

export function testClock(start = T0): TestClock {
  const c: TestClock = {
    ms: start,
    now: () => new Date(c.ms).toISOString(),
    advance: (ms: number) => {
      c.ms += ms
    },
  }
  return c
}

export interface Replica {
  id: string
  doc: Y.Doc
  fold: DocFold
  ops: ReplicaOps
  clock: TestClock
}

export interface OrgSetup {
  replicas: Array<{ id: string; storeId: string }>
  products: Array<{ id: string; policy?: StockPolicy; priceMinor?: number; taxRate?: number }>
}

/** The org's initial state (meta, catalog, replica entries) as one Yjs update. */
export function orgUpdate(setup: OrgSetup): Uint8Array {
  const doc = new Y.Doc()
  initMeta(doc, { orgName: 'Test Org', currency: 'EUR' })
  for (const p of setup.products)
    writeProduct(doc, p.id, {
      sku: p.id.toUpperCase(),
      name: `Product ${p.id}`,
      priceMinor: p.priceMinor ?? 250,
      taxRate: p.taxRate ?? 2000,
      policy: p.policy ?? 'pool',
    })
  for (const r of setup.replicas)
    writeReplica(doc, r.id, { storeId: r.storeId, storeName: `Store ${r.storeId}`, status: 'active' })
  return Y.encodeStateAsUpdate(doc)
}

/** A replica on its own doc, starting from `init`. */
export function makeReplica(id: string, init: Uint8Array, clock: TestClock = testClock()): Replica {
  const doc = new Y.Doc({ guid: `org-${id}` }) // a fixed guid skips a uuid (crypto) per doc
  Y.applyUpdate(doc, init)
  const fold = createDocFold(doc)
  let n = 0
  const ops = createReplicaOps(doc, fold, {
    replicaId: id,
    now: clock.now,
    newId: () => `${id}-${++n}-${doc.clientID}`,
  })
  return { id, doc, fold, ops, clock }
}

/** Full sync between all docs, through the first one (like a relay). */
export function syncAll(docs: Y.Doc[]): void {
  const [hub, ...rest] = docs
  if (!hub) return
  for (const d of rest) Y.applyUpdate(hub, Y.encodeStateAsUpdate(d, Y.encodeStateVector(hub)))
  for (const d of rest) Y.applyUpdate(d, Y.encodeStateAsUpdate(hub, Y.encodeStateVector(d)))
}

/** Catches a thrown DomainError's code (or 'none'). */
export function codeOf(fn: () => unknown): string {
  try {
    fn()
    return 'none'
  } catch (e) {
    return (e as { code?: string }).code ?? String(e)
  }
}
