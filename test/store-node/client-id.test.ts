// Issue 22: a till keeps its Yjs client id across its own clean restarts, and only those. Every
// other start (kill -9, a copied directory, a restored backup) takes a new one, and a rolled-back
// copy whose id the relay already holds further stops writing with it. Real relay and store-node
// processes; the organization's clients are counted through a stock y-websocket client.
import { cpSync, copyFileSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiError } from '../../shared/api/errors.ts'
import {
  enrollDevice,
  scrapeMetrics,
  spawnRelay,
  stopRelay,
  waitUntil,
  startChain,
  stockClientCount,
  synced,
  type ChainStore,
  tempDir,
  setUpStore,
} from '../support/index.ts'
import { openStoreNode } from '../../store-node/store-node.ts'

type Chain = Awaited<ReturnType<typeof startChain>>

let chain: Chain
let till: ChainStore
let productId: string
let sequence = 0
let observerToken: string
const extraDirs: Array<{ remove: () => void }> = []

beforeAll(async () => {
  chain = await startChain(1)
  till = chain.stores[0]!
  const product = await till.api['catalog.upsert']({ sku: 'TEA-1', name: 'Tea', priceMinor: 300 })
  productId = product.id
  await till.api['stock.restock']({ productId, qty: 500 })
  await synced(till)
  observerToken = (await enrollDevice(chain.relay, chain.orgId, 'observer')).token
}, 60_000)

afterAll(async () => {
  await chain?.close()
  for (const d of extraDirs) d.remove()
})

async function sell(store: ChainStore): Promise<void> {
  await store.api['sales.checkout']({
    idempotencyKey: `client-id-${++sequence}`,
    lines: [{ productId, qty: 1 }],
    payment: { method: 'card' },
  })
}

const relayClientCount = () => stockClientCount(chain.relay, chain.orgId, observerToken)

/** Restarts the till, sells once, waits for the relay: the client count afterwards. */
async function restartAndSell(signal: NodeJS.Signals): Promise<number> {
  await till.stop(signal)
  await till.restart()
  await synced(till)
  await sell(till)
  await synced(till)
  return relayClientCount()
}

describe('Yjs client id across restarts', () => {
  it('keeps the client id across a clean restart (SIGTERM)', async () => {
    await sell(till)
    await synced(till)
    const before = await relayClientCount()
    expect(await restartAndSell('SIGTERM')).toBe(before)
  }, 60_000)

  it('shows the Yjs clients and state-vector size in diagnostics and the relay metrics', async () => {
    const clients = await relayClientCount()
    const diag = JSON.parse((await till.api['system.diagnostics']({})).text) as {
      document: { yjsClients: number; stateVectorBytes: number; clientId: number }
    }
    expect(diag.document.yjsClients).toBe(clients)
    expect(diag.document.stateVectorBytes).toBeGreaterThanOrEqual(1 + 2 * clients)
    const metrics = await scrapeMetrics(chain.relay)
    expect(metrics).toContain(`allot_relay_org_doc_yjs_clients{org="${chain.orgId}"} ${clients}`)
    expect(metrics).toMatch(
      new RegExp(`allot_relay_org_doc_state_vector_bytes\\{org="${chain.orgId}"\\} \\d+`),
    )
  })

  it('takes a new client id after kill -9', async () => {
    // The run being killed began from a clean record, which it must have replaced.
    await restartAndSell('SIGTERM')
    const before = await relayClientCount()
    expect(await restartAndSell('SIGKILL')).toBe(before + 1)
    // and the run after the crash is itself kept by the next clean restart
    expect(await restartAndSell('SIGTERM')).toBe(before + 1)
  }, 60_000)

  it('takes a new client id in a copied data directory', async () => {
    await till.stop('SIGTERM')
    const copy = tempDir('client-id-copy')
    extraDirs.push(copy)
    cpSync(till.dir, copy.path, { recursive: true })
    const original = till.dir
    // The copy runs instead of the original (which stays stopped): a new id, accepted by the relay.
    const before = await relayClientCount()
    await startIn(copy.path)
    await synced(till)
    await sell(till)
    await synced(till)
    expect(await relayClientCount()).toBe(before + 1)
    await till.stop('SIGTERM')
    await startIn(original)
  }, 60_000)

  it('takes a new client id after a restored backup', async () => {
    const backup = await till.api['system.backup']({})
    await sell(till)
    await synced(till)
    await till.stop('SIGTERM')
    const db = join(till.dir, 'store.db')
    copyFileSync(backup.file, db)
    rmSync(`${db}-wal`, { force: true })
    rmSync(`${db}-shm`, { force: true })
    const before = await relayClientCount()
    await startIn(till.dir)
    // The relay returns the sale the backup forgot; then selling resumes, with a new id.
    await waitUntil(async () => !(await till.api['setup.status']({})).salesLocked, 20_000, 'unlocked')
    await sell(till)
    await synced(till)
    expect(await relayClientCount()).toBe(before + 1)
  }, 60_000)

  it('acceptance: 40 clean restarts with a sale after each add no Yjs client', async () => {
    const before = await relayClientCount()
    for (let i = 0; i < 40; i++) {
      await till.stop('SIGTERM')
      await till.restart()
      await sell(till)
    }
    await synced(till)
    expect(await relayClientCount()).toBe(before)
  }, 240_000)

  it('a rolled-back copy that has not sold yet stops writing with the taken id and catches up', async () => {
    await till.stop('SIGTERM')
    const snapshot = tempDir('client-id-snapshot')
    extraDirs.push(snapshot)
    cpSync(till.dir, snapshot.path, { recursive: true })
    await startIn(till.dir)
    await sell(till)
    await sell(till)
    await synced(till)
    const total = (await till.api['sales.list']({})).total
    await till.stop('SIGTERM')
    const before = await relayClientCount()

    rollBack(snapshot.path)
    await startIn(till.dir)
    // The relay returns the two sales the snapshot forgot; selling resumes, with a new client id.
    await waitUntil(async () => (await till.api['sales.list']({})).total === total, 20_000, 'sales back')
    await waitUntil(async () => !(await till.api['setup.status']({})).salesLocked, 20_000, 'unlocked')
    await sell(till)
    await synced(till)
    expect((await till.api['sync.status']({})).state).toBe('online')
    expect(await relayClientCount()).toBe(before + 1)
  }, 60_000)

  it('a rolled-back copy (VM snapshot) that sells offline is locked and stops syncing at the handshake', async () => {
    await till.stop('SIGTERM')
    const snapshot = tempDir('client-id-snapshot')
    extraDirs.push(snapshot)
    cpSync(till.dir, snapshot.path, { recursive: true })
    await startIn(till.dir)
    await sell(till)
    await sell(till)
    await synced(till)
    await till.stop('SIGTERM')
    const salesOnRelay = await relayClientCount()

    // The VM is rolled back in place (the same directory, machine and clean record) while the
    // relay is unreachable, and sells before it can hear that it was rolled back.
    const port = chain.relay.port
    await stopRelay(chain.relay)
    rollBack(snapshot.path)
    await startIn(till.dir)
    expect((await till.api['setup.status']({})).salesLocked).toBeUndefined()
    await sell(till)
    chain.relay = await spawnRelay(chain.relayDir, [], port)

    await waitUntil(
      async () => (await till.api['sync.status']({})).state === 'stopped',
      40_000,
      'sync stopped on the rolled-back copy',
    )
    const status = await till.api['setup.status']({})
    expect(status.salesLocked).toMatch(/rolled back/)
    const refused = await sell(till).catch((e: unknown) => e)
    expect((refused as ApiError).code).toBe('SALES_LOCKED')
    // The relay kept nothing of the rolled-back copy's sale, and the lock survives a restart.
    expect(await relayClientCount()).toBe(salesOnRelay)
    await till.stop('SIGTERM')
    await startIn(till.dir)
    expect((await till.api['setup.status']({})).salesLocked).toMatch(/rolled back/)
  }, 120_000)
})

/** Puts an old copy back in place: the same directory (inode), machine and clean record. */
function rollBack(snapshot: string): void {
  for (const entry of readdirSync(till.dir)) rmSync(join(till.dir, entry), { recursive: true, force: true })
  cpSync(snapshot, till.dir, { recursive: true })
}

/** Starts the till's process on `dir` (the ChainStore keeps its name and login). */
async function startIn(dir: string): Promise<void> {
  till.dir = dir
  await till.restart()
}

describe('clean-shutdown record, in process', () => {
  const open = (dir: string, machineIdentity?: string) =>
    openStoreNode({
      dataDir: dir,
      logger: pino({ level: 'silent' }),
      backgroundJobs: false,
      ...(machineIdentity ? { machineIdentity } : {}),
    })

  it('is kept on the same machine and dropped on another one or after a record mismatch', async () => {
    const dir = tempDir('client-id-machine')
    extraDirs.push(dir)
    let node = await open(dir.path)
    await setUpStore(node, 5)
    const first = node.store.doc.clientID
    await node.close()
    node = await open(dir.path)
    expect(node.store.doc.clientID).toBe(first)
    await node.close()

    // Another machine (the same directory mounted elsewhere): a new id.
    node = await open(dir.path, 'another-machine')
    const second = node.store.doc.clientID
    expect(second).not.toBe(first)
    await node.close()

    // The database's record and the file beside the high-water mark must agree.
    const file = join(dir.path, 'replica-client.json')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const record = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
    writeFileSync(file, JSON.stringify({ ...record, closeId: 'from an older shutdown' }))
    node = await open(dir.path, 'another-machine')
    expect(node.store.doc.clientID).not.toBe(second)
    await node.close()
  })
})
