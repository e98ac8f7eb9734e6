// Forged writes: a device may only append to its own log and its own `replicas` entry, and may
// not use a Yjs client id first seen from another device. Refused updates never reach others.
// Runs against the in-process relay: a process adds nothing to validation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  TestPeer,
  createOrg,
  enrollDevice,
  http,
  removeDir,
  withTimeout,
  type EnrolledDevice,
  tempDir,
  startInProcessRelay,
  type InProcessRelay,
} from '../support/index.ts'

let relay: InProcessRelay
let dataDir: string
let devA: EnrolledDevice
let devB: EnrolledDevice
let devC: EnrolledDevice
let a: TestPeer
let c: TestPeer

const url = () => `${relay.wsUrl}/sync/chain`
const event = (seq: number, by: string) => ({
  seq,
  id: `${by}-${seq}`,
  type: 'sale',
  at: new Date().toISOString(),
  by,
})

beforeAll(async () => {
  dataDir = tempDir('allot-relay-validation-').path
  relay = await startInProcessRelay({ dataDir })
  await createOrg(relay, 'chain')
  devA = await enrollDevice(relay, 'chain', 'rA')
  devB = await enrollDevice(relay, 'chain', 'rB')
  devC = await enrollDevice(relay, 'chain', 'rC')
  a = new TestPeer(url(), { token: devA.token })
  c = new TestPeer(url(), { token: devC.token })
  await Promise.all([a.waitSynced(), c.waitSynced()])
  a.doc.transact(() => {
    a.doc.getArray('log:rA').push([event(1, 'rA'), event(2, 'rA')])
    a.doc.getMap('replicas').set('rA', { storeId: 's1', status: 'active' })
  })
  await c.waitFor(() => c.doc.getArray('log:rA').length === 2, 10_000, 'C sees A')
})

afterAll(async () => {
  a.close()
  c.close()
  await relay.stop()
  removeDir(dataDir)
})

/** Connects B with a doc holding everything the relay has, then lets `forge` write into it. */
async function forgeAsB(
  forge: (doc: Y.Doc) => void,
  clientId?: number,
): Promise<{ code: number; reason: string }> {
  const doc = new Y.Doc()
  const b = new TestPeer(url(), { token: devB.token, doc })
  await b.waitSynced()
  // set after the sync: Yjs itself picks a new id when it sees remote structs with its own id
  if (clientId !== undefined) doc.clientID = clientId
  forge(doc)
  return withTimeout(b.closed, 5000, 'forger closed')
}

/** A later legitimate write from A; once C has it, C would also have had anything forwarded before it. */
async function barrier(seq: number): Promise<void> {
  a.doc.getArray('log:rA').push([event(seq, 'rA')])
  await c.waitFor(() => c.doc.getArray('log:rA').length >= seq, 10_000, `C sees seq ${seq}`)
}

describe('write validation', () => {
  it('refuses an insert into another replica log', async () => {
    const close = await forgeAsB((doc) => doc.getArray('log:rA').push([event(99, 'rB')]))
    expect(close.code).toBe(4422)
    expect(close.reason).toContain('log:rA')
    await barrier(3)
    expect(
      c.doc
        .getArray<{ seq: number }>('log:rA')
        .toArray()
        .map((e) => e.seq),
    ).toEqual([1, 2, 3])
  })

  it('refuses deleting events from another replica log', async () => {
    const close = await forgeAsB((doc) => doc.getArray('log:rA').delete(0, 1))
    expect(close.code).toBe(4422)
    await barrier(4)
    expect(c.doc.getArray('log:rA').length).toBe(4)
  })

  it("refuses writing another replica's replicas entry", async () => {
    const close = await forgeAsB((doc) => doc.getMap('replicas').set('rA', { status: 'retired' }))
    expect(close.code).toBe(4422)
    expect(close.reason).toContain('replicas[rA]')
    await barrier(5)
    expect(c.doc.getMap('replicas').get('rA')).toMatchObject({ status: 'active' })
  })

  it('refuses a customers entry that is a plain value instead of a record', async () => {
    const close = await forgeAsB((doc) => doc.getMap('customers').set('c1', { name: 'Ana' }))
    expect(close.code).toBe(4422)
    expect(close.reason).toContain('customers entries are maps')
  })

  it("refuses another device's Yjs client id, even in the writer's own log", async () => {
    const close = await forgeAsB((doc) => doc.getArray('log:rB').push([event(1, 'rB')]), a.doc.clientID)
    expect(close.code).toBe(4422)
    expect(close.reason).toContain('another device')
    await barrier(6)
    expect(c.doc.getArray('log:rB').length).toBe(0)
  })

  it('refuses a forged write carried by the SyncStep2 of the handshake', async () => {
    const doc = new Y.Doc()
    doc.getArray('log:rC').push([event(1, 'rB')])
    const b = new TestPeer(url(), { token: devB.token, doc })
    const close = await withTimeout(b.closed, 5000, 'forger closed')
    expect(close).toMatchObject({ code: 4422 })
    expect(close.reason).toContain('log:rC')
  })

  it('accepts own log, own replicas entry and shared maps, and counts refusals', async () => {
    const b = new TestPeer(url(), { token: devB.token })
    await b.waitSynced()
    b.doc.transact(() => {
      b.doc.getArray('log:rB').push([event(1, 'rB')])
      b.doc.getMap('replicas').set('rB', { storeId: 's2', status: 'active' })
      const product = new Y.Map<unknown>()
      product.set('sku', 'A-1')
      b.doc.getMap('products').set('p1', product)
      const customer = new Y.Map<unknown>()
      customer.set('name', 'Ana Lima')
      b.doc.getMap('customers').set('c1', customer)
    })
    await c.waitFor(
      () =>
        c.doc.getArray('log:rB').length === 1 &&
        c.doc.getMap('products').has('p1') &&
        c.doc.getMap('customers').has('c1'),
      10_000,
      'C sees B',
    )
    // B overwrites a product field written by nobody else and edits a nested map of the catalog
    ;(b.doc.getMap('products').get('p1') as Y.Map<unknown>).set('name', 'Apple')
    await c.waitFor(
      () => (c.doc.getMap('products').get('p1') as Y.Map<unknown> | undefined)?.get('name') === 'Apple',
      10_000,
      'nested',
    )
    expect(b.ws.readyState).toBe(b.ws.OPEN)
    b.close()

    const metrics = await http(relay, 'GET', '/metrics', undefined, { bearer: relay.metricsKey })
    expect(metrics.json).toMatch(/allot_relay_refused_updates_total\{rule="foreign-log"\} 3/)
    expect(metrics.json).toMatch(/allot_relay_refused_updates_total\{rule="foreign-client-id"\} 1/)
    expect(metrics.json).toMatch(/allot_relay_refused_updates_total\{rule="foreign-replica-entry"\} 1/)
  })

  it('a fresh client after restart sees none of the forged data', async () => {
    await relay.stop()
    relay = await startInProcessRelay({ dataDir })
    const fresh = new TestPeer(url(), { token: devC.token })
    await fresh.waitSynced()
    expect(
      fresh.doc
        .getArray<{ by: string }>('log:rA')
        .toArray()
        .every((e) => e.by === 'rA'),
    ).toBe(true)
    expect(fresh.doc.getArray('log:rA').length).toBe(6)
    expect(fresh.doc.getArray('log:rB').length).toBe(1)
    fresh.close()
    a.close()
    c.close()
  })
})
