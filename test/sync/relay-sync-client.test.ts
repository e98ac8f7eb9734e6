// The store-side sync client against the real relay process.
import { createServer } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { WebSocketServer } from 'ws'
import {
  RELAY_SYNC_ORIGIN,
  RelaySyncClient,
  type RelaySyncClientOptions,
  type SyncStatus,
} from '../../store-node/sync/relay-sync-client.ts'
import {
  createOrg,
  enrollDevice,
  http,
  mulberry32,
  removeDir,
  spawnRelay,
  stopRelay,
  waitUntil,
  type EnrolledDevice,
  type RelayProcess,
  tempDir,
} from '../support/index.ts'

let relay: RelayProcess
let dataDir: string
const clients: RelaySyncClient[] = []

beforeAll(async () => {
  dataDir = tempDir('allot-sync-client-').path
  relay = await spawnRelay(dataDir)
  await createOrg(relay, 'shop')
})

afterEach(() => {
  for (const c of clients.splice(0)) c.stop()
})

afterAll(async () => {
  await stopRelay(relay)
  removeDir(dataDir)
})

function client(
  device: EnrolledDevice,
  doc: Y.Doc,
  extra: Partial<RelaySyncClientOptions> = {},
): RelaySyncClient {
  const c = new RelaySyncClient({
    doc,
    url: relay.url,
    orgId: 'shop',
    token: device.token,
    replicaId: device.replicaId,
    docOrgId: 'shop-doc',
    backoff: { initialMs: 100, maxMs: 400 },
    ...extra,
  })
  clients.push(c)
  return c
}

function sale(replicaId: string, seq: number) {
  return {
    seq,
    id: `${replicaId}-${seq}`,
    type: 'sale',
    at: new Date(Date.UTC(2030, 0, 1, 0, 0, seq)).toISOString(),
    by: replicaId,
  }
}

const isSynced = (c: RelaySyncClient) => c.status().synced

describe('RelaySyncClient', () => {
  it('two stores converge and report synced only when nothing is pending', async () => {
    const [devA, devB] = [await enrollDevice(relay, 'shop', 'sA'), await enrollDevice(relay, 'shop', 'sB')]
    const docA = new Y.Doc()
    const docB = new Y.Doc()
    docA.getArray('log:sA').push([sale('sA', 1)]) // written while never connected
    const a = client(devA, docA)
    const b = client(devB, docB)
    const statuses: SyncStatus[] = []
    a.onStatusChange((s) => statuses.push(s))
    expect(a.status()).toMatchObject({ state: 'offline', pendingEvents: 1, synced: false })
    const remoteOrigins: unknown[] = []
    docB.on('update', (_u: Uint8Array, origin: unknown) => remoteOrigins.push(origin))
    a.start()
    b.start()
    await waitUntil(() => isSynced(a) && isSynced(b), 10_000, 'both synced')
    await waitUntil(() => docB.getArray('log:sA').length === 1, 10_000, 'B has A sale')
    expect(remoteOrigins.every((o) => o === RELAY_SYNC_ORIGIN)).toBe(true)

    docA.getArray('log:sA').push([sale('sA', 2)])
    docB.getArray('log:sB').push([sale('sB', 1)])
    docB.getMap('products').set('p1', new Y.Map<unknown>([['sku', 'X']]))
    await waitUntil(
      () =>
        docA.getArray('log:sB').length === 1 &&
        docB.getArray('log:sA').length === 2 &&
        docA.getMap('products').has('p1'),
      10_000,
      'converged',
    )
    await waitUntil(() => isSynced(a) && isSynced(b), 10_000, 'acknowledged')
    expect(Y.encodeStateVector(docA)).toEqual(Y.encodeStateVector(docB))
    const status = a.status()
    expect(status).toMatchObject({ state: 'online', pendingEvents: 0, synced: true })
    expect(status.lastSyncAt).toBeTruthy()
    expect(typeof status.clockSkewMs).toBe('number')
    expect(Math.abs(status.clockSkewMs!)).toBeLessThan(60_000)
    // the change callback saw the pending event and the final synced state
    expect(statuses.some((s) => s.pendingEvents > 0)).toBe(true)
    expect(statuses.at(-1)).toMatchObject({ synced: true })
    expect(statuses.every((s) => !(s.synced && s.pendingEvents > 0))).toBe(true)
  })

  it('counts events as pending while the relay is down and clears them once it is back', async () => {
    const dev = await enrollDevice(relay, 'shop', 'sDown')
    const doc = new Y.Doc()
    const c = client(dev, doc)
    c.start()
    await waitUntil(() => isSynced(c), 10_000, 'synced')
    const port = relay.port
    await stopRelay(relay, 'SIGKILL')
    await waitUntil(() => c.status().state !== 'online', 10_000, 'noticed the relay is gone')
    doc.getArray('log:sDown').push([sale('sDown', 1), sale('sDown', 2)])
    doc.getArray('log:sDown').push([sale('sDown', 3)])
    const offline = c.status()
    expect(offline).toMatchObject({ pendingEvents: 3, synced: false, oldestPendingAt: sale('sDown', 1).at })
    expect(['offline', 'connecting']).toContain(offline.state)

    relay = await spawnRelay(dataDir, [], port)
    await waitUntil(() => isSynced(c), 15_000, 'synced after the relay returned')
    expect(c.status()).toMatchObject({ state: 'online', pendingEvents: 0 })
    const archive = await http(relay, 'GET', '/admin/orgs/shop/archive?replicaId=sDown')
    expect(archive.json.events.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3])
  })

  it('stops retrying on 4401 and says why', async () => {
    const c = client({ deviceId: 'x', replicaId: 'sBad', token: 'alt_not-a-token' }, new Y.Doc())
    c.start()
    await waitUntil(() => c.status().state === 'stopped', 10_000, 'stopped')
    expect(c.status().stoppedReason).toMatch(/^4401/)
  })

  it('stops on 4403 when the device is revoked while connected', async () => {
    const dev = await enrollDevice(relay, 'shop', 'sRevoked')
    const c = client(dev, new Y.Doc())
    c.start()
    await waitUntil(() => isSynced(c), 10_000, 'synced')
    await http(relay, 'POST', `/admin/orgs/shop/devices/${dev.deviceId}/revoke`)
    await waitUntil(() => c.status().state === 'stopped', 5_000, 'stopped after revoke')
    expect(c.status().stoppedReason).toBe('4403 device revoked')
  })

  it('stops on 4409 when the document belongs to another organization', async () => {
    const dev = await enrollDevice(relay, 'shop', 'sForeign')
    const c = client(dev, new Y.Doc(), { docOrgId: 'someone-elses-doc' })
    c.start()
    await waitUntil(() => c.status().state === 'stopped', 10_000, 'stopped')
    expect(c.status().stoppedReason).toMatch(/^4409/)
  })

  it('backs off with jitter: two clients with different seeds pick different delays', async () => {
    // a port with nothing listening
    const server = createServer()
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    const port = (server.address() as { port: number }).port
    await new Promise<void>((r) => server.close(() => r()))
    const dev = { deviceId: 'x', replicaId: 'sJ', token: 'alt_x' }
    const delays = await Promise.all(
      [1, 2].map(async (seed) => {
        const c = client(dev, new Y.Doc(), {
          url: `http://127.0.0.1:${port}`,
          random: mulberry32(seed),
          backoff: { initialMs: 2000, maxMs: 60_000 },
        })
        c.start()
        await waitUntil(() => c.status().nextRetryInMs !== undefined, 5_000, 'first retry scheduled')
        const delay = c.status().nextRetryInMs!
        c.stop()
        return delay
      }),
    )
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(1000)
      expect(d).toBeLessThanOrEqual(2000)
    }
    expect(delays[0]).not.toBe(delays[1])
  })

  it('a relay that accepts and never answers reads as offline within the bound, and stays so while retrying', async () => {
    // Two kinds of silence: a TCP port that never answers the upgrade, and a WebSocket that opens
    // and never sends the sync step.
    const held = new Set<import('node:net').Socket>()
    const tcp = createServer((socket) => held.add(socket))
    await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', () => r()))
    const ws = new WebSocketServer({ host: '127.0.0.1', port: 0 })
    await new Promise<void>((r) => ws.on('listening', () => r()))
    try {
      for (const port of [
        (tcp.address() as { port: number }).port,
        (ws.address() as { port: number }).port,
      ]) {
        const c = client({ deviceId: 'x', replicaId: 'sH', token: 'alt_x' }, new Y.Doc(), {
          url: `http://127.0.0.1:${port}`,
          handshakeTimeoutMs: 300,
          backoff: { initialMs: 100, maxMs: 200 },
        })
        const seen = new Set<string>()
        c.onStatusChange((st) => seen.add(st.state))
        c.start()
        expect(c.status().state).toBe('connecting')
        await waitUntil(() => c.status().state === 'offline', 3_000, 'offline after the handshake bound')
        seen.clear()
        await new Promise((r) => setTimeout(r, 1_200)) // several retries, each silent
        expect([...seen].filter((s) => s !== 'offline')).toEqual([])
        expect(c.status().state).toBe('offline')
        c.stop()
      }
    } finally {
      for (const socket of held) socket.destroy()
      for (const socket of ws.clients) socket.terminate()
      await new Promise<void>((r) => ws.close(() => r()))
      await new Promise<void>((r) => tcp.close(() => r()))
    }
  })
})
