// PostgreSQL restarted under load: both relay instances answer not-ready while it is down,
// devices are closed and retry, and once it is back every sale the stores made reaches the
// other store exactly once.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
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

const readyStatus = async (relay: RelayProcess) => (await fetch(`${relay.url}/readyz`)).status

describe.skipIf(postgresUnavailable !== null)('PostgreSQL restarted under load', () => {
  it('loses nothing acknowledged: instances go not-ready, devices retry, stores converge', async () => {
    server = await startPostgres()
    const url = await server.createDatabase('restart')
    dir = mkdtempSync(join(tmpdir(), 'allot-pg-restart-'))
    const keyFile = join(dir, 'admin-key')
    const [relayA, relayB] = await Promise.all([spawnPgRelay(url, keyFile), spawnPgRelay(url, keyFile)])
    relays.push(relayA, relayB)
    expect((await http(relayA, 'POST', '/admin/orgs', { orgId: ORG, name: 'Chain' })).status).toBe(201)
    const dirA = tempDir('pg-restart-a')
    const dirB = tempDir('pg-restart-b')
    storeDirs.push(dirA, dirB)
    const a = await foundStore(relayA, relayA, ORG, dirA.path)
    stores.push(a)
    const b = await joinStore(relayB, relayB, ORG, dirB.path, 'B', { code: 'B', name: 'Store B' })
    stores.push(b)
    const product = await a.api['catalog.upsert']({ sku: 'PGR-1', name: 'Restart rice', priceMinor: 100 })
    await a.api['stock.restock']({ productId: product.id, qty: 500 })
    await waitUntil(
      async () => !!(await b.api['catalog.get']({ id: product.id }).catch(() => undefined)),
      15_000,
      'product at B',
    )
    await b.api['stock.restock']({ productId: product.id, qty: 500 })

    // both stores sell continuously while PostgreSQL goes down and comes back
    let selling = true
    const sold = { a: 0, b: 0 }
    const seller = (store: ChainStore, name: 'a' | 'b') =>
      (async () => {
        for (let i = 0; selling; i++) {
          await store.api['sales.checkout']({
            idempotencyKey: `restart-${name}-${i}`,
            lines: [{ productId: product.id, qty: 1 }],
            payment: { method: 'cash', tenderedMinor: 100 },
          })
          sold[name]++
          await new Promise((r) => setTimeout(r, 20))
        }
      })()
    const sellers = [seller(a, 'a'), seller(b, 'b')]
    await waitUntil(() => sold.a >= 5 && sold.b >= 5, 15_000, 'selling started')
    await server.stop()
    await waitUntil(
      async () => (await readyStatus(relayA)) === 503 && (await readyStatus(relayB)) === 503,
      10_000,
      'both instances not ready while PostgreSQL is down',
    )
    await new Promise((r) => setTimeout(r, 500))
    await server.start()
    await waitUntil(
      async () => (await readyStatus(relayA)) === 200 && (await readyStatus(relayB)) === 200,
      15_000,
      'both instances ready again',
    )
    await new Promise((r) => setTimeout(r, 300))
    selling = false
    await Promise.all(sellers)
    await waitUntil(
      async () => {
        const [sa, sb] = await Promise.all([a.api['sync.status']({}), b.api['sync.status']({})])
        return (
          sa.state === 'online' && sb.state === 'online' && sa.pendingEvents === 0 && sb.pendingEvents === 0
        )
      },
      60_000,
      'both stores synced after the restart',
    )
    const total = sold.a + sold.b
    await waitUntil(
      async () =>
        (await a.api['sales.list']({ limit: 1 })).total === total &&
        (await b.api['sales.list']({ limit: 1 })).total === total,
      20_000,
      `every sale (${total}) at both stores`,
    )
    const [stockA, stockB] = await Promise.all([
      a.api['stock.get']({ productId: product.id }),
      b.api['stock.get']({ productId: product.id }),
    ])
    expect(stockA.value).toBe(1000 - total)
    expect(stockB.value).toBe(stockA.value)
    expect(stockA.holders.every((h) => h.rights >= 0)).toBe(true)
  })
})
