// The stock y-websocket WebsocketProvider syncs through the relay, and the relay archives every
// log event it sees, also after the store deletes old events from the document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import {
  createOrg,
  enrollDevice,
  http,
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
let one: EnrolledDevice
let two: EnrolledDevice
const providers: WebsocketProvider[] = []

beforeAll(async () => {
  dataDir = tempDir('allot-relay-compat-').path
  relay = await spawnRelay(dataDir)
  await createOrg(relay, 'compat')
  one = await enrollDevice(relay, 'compat', 'r1')
  two = await enrollDevice(relay, 'compat', 'r2')
})

afterAll(async () => {
  for (const p of providers) p.destroy()
  await stopRelay(relay)
  removeDir(dataDir)
})

function provider(doc: Y.Doc, token: string): WebsocketProvider {
  const p = new WebsocketProvider(relay.wsUrl, 'sync/compat', doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token, v: '1' },
    disableBc: true,
  })
  providers.push(p)
  return p
}

const event = (seq: number) => ({
  seq,
  id: `r1-${seq}`,
  type: 'sale',
  at: '2030-01-01T00:00:00.000Z',
  by: 'r1',
  qty: 1,
})

describe('stock y-websocket client', () => {
  it('syncs a document through the relay, awareness included', async () => {
    const docA = new Y.Doc()
    const docB = new Y.Doc()
    const a = provider(docA, one.token)
    const b = provider(docB, two.token)
    await waitUntil(() => a.synced && b.synced, 10_000, 'providers synced')
    docA.getArray('log:r1').push([event(1), event(2)])
    docA.getMap('replicas').set('r1', { storeId: 's1', status: 'active' })
    docB.getMap('products').set(
      'p1',
      new Y.Map<unknown>([
        ['sku', 'SKU-1'],
        ['priceMinor', 250],
      ]),
    )
    await waitUntil(
      () => docB.getArray('log:r1').length === 2 && docA.getMap('products').has('p1'),
      10_000,
      'both directions',
    )
    a.awareness.setLocalStateField('user', 'cashier-1')
    await waitUntil(
      () => [...b.awareness.getStates().values()].some((s) => s['user'] === 'cashier-1'),
      10_000,
      'awareness',
    )
  })

  it('archives every event, including ones the store later deletes (checkpoint)', async () => {
    const doc = new Y.Doc()
    const p = provider(doc, one.token)
    await waitUntil(() => p.synced, 10_000, 'synced')
    const log = doc.getArray('log:r1')
    log.push([event(3), event(4), event(5)])
    await waitUntil(
      async () => {
        const res = await http(relay, 'GET', '/admin/orgs/compat/archive?replicaId=r1')
        return res.json.events.length === 5
      },
      10_000,
      'archive has 5 events',
    )
    // the store checkpoints: its oldest events leave the document, not the archive
    log.delete(0, 3)
    await waitUntil(() => doc.getArray('log:r1').length === 2, 10_000, 'local delete')
    await stopRelay(relay)
    relay = await spawnRelay(dataDir)
    const res = await http(relay, 'GET', '/admin/orgs/compat/archive?replicaId=r1')
    expect(res.json.events.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4, 5])
    expect(res.json.events[0]).toMatchObject({ replicaId: 'r1', id: 'r1-1', type: 'sale', event: event(1) })
    const devices = await http(relay, 'GET', '/admin/orgs/compat/devices')
    expect(devices.json.devices.find((d: { replicaId: string }) => d.replicaId === 'r1').sync).toMatchObject({
      lastArchivedSeq: 5,
      archivedEvents: 5,
    })
  })
})
