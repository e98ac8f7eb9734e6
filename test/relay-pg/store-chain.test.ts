// The external check's scenario with real store-node processes: two relay instances on one
// PostgreSQL database, stores split across them, selling online and offline, kill -9 of an
// instance mid-stream, convergence with no store's rights below zero.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ApiError } from '../../shared/api/errors.ts'
import {
  http,
  stopRelay,
  waitUntil,
  type RelayProcess,
  foundStore,
  joinStore,
  type ChainStore,
  postgresUnavailable,
  startPostgres,
  type PostgresServer,
  tempDir,
  spawnPgRelay,
} from '../support/index.ts'

const ORG = 'chain'
let server: PostgresServer | undefined
let dir: string | undefined
const relays: RelayProcess[] = []
const stores: ChainStore[] = []
const storeDirs: Array<{ remove: () => void }> = []

afterAll(async () => {
  await Promise.allSettled(stores.map((s) => s.stop()))
  await Promise.allSettled(relays.map((r) => stopRelay(r)))
  await server?.remove()
  for (const d of storeDirs) d.remove()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const sell = (store: ChainStore, key: string, productId: string, qty: number) =>
  store.api['sales.checkout']({
    idempotencyKey: key,
    lines: [{ productId, qty }],
    payment: { method: 'card' },
  })

describe.skipIf(postgresUnavailable !== null)('stores split across two relay instances on PostgreSQL', () => {
  it('sell online and offline through either instance, survive kill -9 of one, and converge', async () => {
    server = await startPostgres()
    const url = await server.createDatabase('store_chain')
    dir = mkdtempSync(join(tmpdir(), 'allot-pg-chain-'))
    const keyFile = join(dir, 'admin-key')
    const started = await Promise.all([spawnPgRelay(url, keyFile), spawnPgRelay(url, keyFile)])
    let relayA = started[0]
    const relayB = started[1]
    relays.push(relayA, relayB)
    expect((await http(relayA, 'POST', '/admin/orgs', { orgId: ORG, name: 'Chain' })).status).toBe(201)

    const dirA = tempDir('pg-chain-a')
    const dirB = tempDir('pg-chain-b')
    storeDirs.push(dirA, dirB)
    // store A founds the organization through instance A with a code issued on instance B
    const a = await foundStore(relayA, relayB, ORG, dirA.path)
    stores.push(a)
    // store B joins through instance B with a code issued on instance A
    const b = await joinStore(relayB, relayA, ORG, dirB.path, 'B', { code: 'B', name: 'Store B' })
    stores.push(b)

    const product = await a.api['catalog.upsert']({ sku: 'PG-1', name: 'Shared soap', priceMinor: 300 })
    await a.api['stock.restock']({ productId: product.id, qty: 10 })
    await waitUntil(
      async () => (await b.api['stock.get']({ productId: product.id }).catch(() => undefined))?.value === 10,
      15_000,
      'restock at A seen at B (across instances)',
    )
    await b.api['stock.restock']({ productId: product.id, qty: 5 })
    const sale = await sell(a, 'pg-sale-1', product.id, 2)
    await waitUntil(
      async () => (await b.api['sales.list']({})).items.some((s) => s.id === sale.id),
      15_000,
      'sale at A seen at B',
    )

    // a stream of sales at A; instance A is killed in the middle of it
    const streamed = (async () => {
      for (let i = 0; i < 4; i++) await sell(a, `pg-stream-a-${i}`, product.id, 1)
    })()
    await new Promise((r) => setTimeout(r, 30))
    relayA.child.kill('SIGKILL')
    await relayA.exited
    await streamed
    await waitUntil(async () => (await a.api['sync.status']({})).state !== 'online', 15_000, 'A offline')
    // A sells offline (what it holds: 10 - 2 - 4 = 4 rights); B sells online through instance B
    await sell(a, 'pg-offline-a-1', product.id, 1)
    for (let i = 0; i < 3; i++) await sell(b, `pg-online-b-${i}`, product.id, 1)
    // B holds 2 rights now and cannot sell A's units
    const over = await sell(b, 'pg-over-b', product.id, 3).catch((e: unknown) => e)
    expect((over as ApiError).code).toBe('OUT_OF_STOCK')

    relayA = await spawnPgRelay(url, keyFile, { port: relayA.port })
    relays.push(relayA)
    await waitUntil(
      async () => {
        const [sa, sb] = await Promise.all([a.api['sync.status']({}), b.api['sync.status']({})])
        return (
          sa.state === 'online' && sb.state === 'online' && sa.pendingEvents === 0 && sb.pendingEvents === 0
        )
      },
      30_000,
      'both synced',
    )
    const total = 1 + 4 + 1 + 3
    await waitUntil(
      async () =>
        (await a.api['sales.list']({})).total === total && (await b.api['sales.list']({})).total === total,
      15_000,
      'sales converge',
    )
    const [stockA, stockB] = await Promise.all([
      a.api['stock.get']({ productId: product.id }),
      b.api['stock.get']({ productId: product.id }),
    ])
    expect(stockA.value).toBe(15 - (2 + 4 + 1 + 3))
    expect(stockB.value).toBe(stockA.value)
    expect(stockA.holders).toEqual(stockB.holders)
    expect(stockA.holders.every((h) => h.rights >= 0)).toBe(true)
    // instance B serves the same archive as the restarted instance A
    const [archA, archB] = await Promise.all([
      http(relayA, 'GET', `/admin/orgs/${ORG}/archive?limit=1000`),
      http(relayB, 'GET', `/admin/orgs/${ORG}/archive?limit=1000`),
    ])
    expect(archA.status).toBe(200)
    expect(archA.json).toEqual(archB.json)
  })
})
