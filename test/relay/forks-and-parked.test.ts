// Two rules that chaos runs exposed: a second writer of one replica (a copied database) is refused
// as a fork, and a store that passes back structs an older relay held parked (waiting for their
// dependencies) is not mistaken for a forger — while the relay itself keeps nothing parked.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  TestPeer,
  createOrg,
  enrollDevice,
  http,
  removeDir,
  spawnRelay,
  stopRelay,
  withTimeout,
  type RelayProcess,
  tempDir,
} from '../support/index.ts'

let relay: RelayProcess
let dataDir: string
const peers: TestPeer[] = []
const url = () => `${relay.wsUrl}/sync/chain`
const event = (seq: number, id: string) => ({
  seq,
  id,
  type: 'restock',
  at: new Date().toISOString(),
  by: 'u',
  productId: 'p',
  qty: 1,
})
const connect = (token: string, doc?: Y.Doc, sendLocal = true) => {
  const peer = new TestPeer(url(), { token, ...(doc ? { doc } : {}), sendLocal })
  peers.push(peer)
  return peer
}

beforeEach(async () => {
  dataDir = tempDir('allot-relay-forks-').path
  relay = await spawnRelay(dataDir)
  await createOrg(relay, 'chain')
})
afterEach(async () => {
  for (const p of peers.splice(0)) p.close()
  await stopRelay(relay)
  removeDir(dataDir)
})

describe('replica forks', () => {
  it('refuses a second writer that appends a different event at a seq the relay holds', async () => {
    const dev = await enrollDevice(relay, 'chain', 'rA')
    const original = connect(dev.token)
    await original.waitSynced()
    original.doc.getArray('log:rA').push([event(1, 'a-1')])
    await original.waitFor(() => original.received.length > 0, 10_000, 'echo')

    // The copy: same device token, the same history up to the copy, then its own seq 2.
    const copyDoc = new Y.Doc()
    Y.applyUpdate(copyDoc, Y.encodeStateAsUpdate(original.doc))
    original.doc.getArray('log:rA').push([event(2, 'a-2')])
    await original.waitFor(() => original.received.length > 1, 10_000, 'second echo')
    copyDoc.getArray('log:rA').push([event(2, 'copy-2')])
    const copy = connect(dev.token, copyDoc)
    const closed = await withTimeout(copy.closed, 10_000, 'copy closed')
    expect(closed.code).toBe(4422)
    expect(closed.reason).toMatch(/fork/)

    const metrics = await http(relay, 'GET', '/metrics', undefined, { bearer: relay.metricsKey })
    expect(String(metrics.json)).toMatch(/rule="replica-fork"/)
    const archive = await http(relay, 'GET', '/admin/orgs/chain/archive?replicaId=rA')
    expect(archive.json.events.map((e: { eventId?: string; id?: string }) => e.eventId ?? e.id)).toEqual([
      'a-1',
      'a-2',
    ])
  })
})

describe('parked structs', () => {
  it("keeps nothing parked: a gap in a device's own updates makes it resync; structs an older relay parked are passed back without refusal", async () => {
    const devA = await enrollDevice(relay, 'chain', 'rA')
    const devB = await enrollDevice(relay, 'chain', 'rB')
    const b = connect(devB.token)
    await b.waitSynced()

    // A writes three events; its second update never reaches the relay (lost with a crashed
    // connection), and the third arrives: the relay cannot integrate it, keeps nothing of it and
    // tells A to reconnect, whose handshake then sends everything in order.
    const aDoc = new Y.Doc()
    const updates: Uint8Array[] = []
    aDoc.on('update', (u: Uint8Array) => updates.push(u))
    for (const [seq, id] of [
      [1, 'a-1'],
      [2, 'a-2'],
      [3, 'a-3'],
    ] as const)
      aDoc.getArray('log:rA').push([event(seq, id)])
    const a = connect(devA.token, new Y.Doc(), false)
    await a.waitSynced()
    a.sendUpdate(updates[0]!)
    await a.waitFor(() => a.received.length > 1, 10_000, 'echo of a-1')
    a.sendUpdate(updates[2]!)
    const closed = await withTimeout(a.closed, 10_000, 'resync close')
    expect(closed.code).toBe(4520)
    await b.waitFor(() => b.doc.getArray('log:rA').length === 1, 10_000, 'B has a-1')
    expect(b.doc.store.pendingStructs).toBeNull()

    // B holds a-3 parked (as an older relay used to hand parked structs on) and passes it back in
    // its handshake, also after a relay restart: it is not refused, and nothing is kept.
    b.close()
    Y.applyUpdate(b.doc, updates[2]!)
    expect(b.doc.store.pendingStructs).not.toBeNull()
    await stopRelay(relay, 'SIGKILL')
    relay = await spawnRelay(dataDir, [], relay.port)
    const b2 = connect(devB.token, b.doc)
    await b2.waitSynced()
    await new Promise((r) => setTimeout(r, 300))
    if (b2.ws.readyState !== b2.ws.OPEN) expect(await b2.closed).toBeUndefined()
    expect(b2.ws.readyState).toBe(b2.ws.OPEN)
    const fresh = connect(devB.token, new Y.Doc(), false)
    await fresh.waitSynced()
    expect(fresh.doc.store.pendingStructs).toBeNull()
    expect(fresh.doc.getArray('log:rA').length).toBe(1)
    fresh.close()

    // A returns with its full state: everything integrates at the relay and reaches B.
    const a2 = connect(devA.token, aDoc)
    await a2.waitSynced()
    await b2.waitFor(() => b2.doc.getArray('log:rA').length === 3, 10_000, 'B complete')
    expect(
      b2.doc
        .getArray('log:rA')
        .toJSON()
        .map((e) => (e as { id: string }).id),
    ).toEqual(['a-1', 'a-2', 'a-3'])
  })
})
