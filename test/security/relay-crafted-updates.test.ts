// A rogue till holding one ordinary device token sends what our app never would: Skip structs
// that make Yjs park an item until the victim writes, deletes of the victim's future clocks,
// values outside JSON, content our schema does not use, and junk sized to degrade the
// organization for good. Each is written the way an attacker would, as raw Yjs structs over a
// real WebSocket to the real relay, and each must be refused (or kept from ever landing) while
// the victim and the other stores keep syncing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  startInProcessRelay,
  type InProcessRelay,
  TestPeer,
  createOrg,
  enrollDevice,
  http,
  withTimeout,
  type CloseInfo,
  type EnrolledDevice,
} from '../support/index.ts'
import { craftUpdate, type CraftedStruct } from '../../tools/chaos/crafted-update.ts'

let relay: InProcessRelay
let attacker: EnrolledDevice
let victim: EnrolledDevice
let observer: EnrolledDevice
let b: TestPeer
let c: TestPeer
const peers: TestPeer[] = []
let nextClient = 900_000

const url = () => `${relay.wsUrl}/sync/chain`
const event = (seq: number, by: string, extra: Record<string, unknown> = {}) => ({
  seq,
  id: `${by}-${seq}`,
  type: 'restock',
  at: '2030-01-01T00:00:00.000Z',
  by,
  productId: 'p1',
  qty: 1,
  ...extra,
})

function peer(token: string, doc?: Y.Doc, sendLocal = true): TestPeer {
  const p = new TestPeer(url(), { token, ...(doc ? { doc } : {}), sendLocal })
  peers.push(p)
  return p
}

/** The attacker connects, sends one raw update and is closed: with which code and reason? */
async function send(update: Uint8Array, device = attacker): Promise<CloseInfo> {
  const a = peer(device.token, new Y.Doc(), false)
  await a.waitSynced()
  a.sendUpdate(update)
  return withTimeout(a.closed, 10_000, 'attacker closed')
}

/** A fresh client id for the attacker's own structs (bound to it on first use). */
const ownClient = () => nextClient++

const ownLogItem = (seq = 1): CraftedStruct => ({
  parent: 'log:rA',
  content: { any: [event(seq, 'rA')] },
})

/** The victim writes again; the observer must see exactly the victim's events, and so must the archive. */
async function victimStillSyncs(): Promise<void> {
  const log = b.doc.getArray<{ id: string }>('log:rB')
  const seq = log.length + 1
  log.push([event(seq, 'rB')])
  await c.waitFor(() => c.doc.getArray('log:rB').length === seq, 10_000, `observer sees rB #${seq}`)
  expect(
    c.doc
      .getArray<{ id: string }>('log:rB')
      .toArray()
      .map((e) => e.id),
  ).toEqual(Array.from({ length: seq }, (_, i) => `rB-${i + 1}`))
  const archive = await http(relay, 'GET', '/admin/orgs/chain/archive?replicaId=rB')
  await expect
    .poll(async () => (await http(relay, 'GET', '/admin/orgs/chain/archive?replicaId=rB')).json.events.length)
    .toBe(seq)
  expect(archive.status).toBe(200)
  expect(b.ws.readyState).toBe(b.ws.OPEN)
}

beforeAll(async () => {
  // the attacker reconnects for every attack: let its token open many connections
  relay = await startInProcessRelay({ configure: (config) => (config.upgradeBurst = 10_000) })
  await createOrg(relay, 'chain')
  attacker = await enrollDevice(relay, 'chain', 'rA')
  victim = await enrollDevice(relay, 'chain', 'rB')
  observer = await enrollDevice(relay, 'chain', 'rC')
  b = peer(victim.token)
  c = peer(observer.token)
  await Promise.all([b.waitSynced(), c.waitSynced()])
  b.doc.transact(() => {
    b.doc.getMap('replicas').set('rB', { storeId: 'SB', storeName: 'B', status: 'active' })
    b.doc.getArray('log:rB').push([event(1, 'rB')])
  })
  await c.waitFor(() => c.doc.getArray('log:rB').length === 1, 10_000, 'observer sees rB')
})

afterAll(async () => {
  for (const p of peers) p.close()
  await relay.remove()
})

describe('Skip structs and unseen clocks', () => {
  it("refuses an item whose origin is the victim's next clock, covered only by a Skip", async () => {
    const bClient = b.doc.clientID
    const bNext = Y.getState(b.doc.store, bClient)
    const close = await send(
      craftUpdate({
        clients: [
          {
            client: ownClient(),
            clock: 0,
            structs: [
              ownLogItem(),
              { origin: [bClient, bNext], content: { any: [event(2, 'rB', { forged: true })] } },
            ],
          },
          { client: bClient, clock: bNext, structs: [{ skip: 1 }] },
        ],
      }),
    )
    expect(close.code).toBe(4422)
    expect(close.reason).toMatch(/never saw/)
    await victimStillSyncs()
  })

  it("refuses deletes of the victim's future clocks, even when a Skip covers them", async () => {
    const bClient = b.doc.clientID
    const bNext = Y.getState(b.doc.store, bClient)
    const close = await send(
      craftUpdate({
        clients: [
          { client: ownClient(), clock: 0, structs: [ownLogItem()] },
          { client: bClient, clock: bNext, structs: [{ skip: 4 }] },
        ],
        deletes: [{ client: bClient, ranges: [[bNext, 4]] }],
      }),
    )
    expect(close.code).toBe(4422)
    expect(close.reason).toMatch(/deletes clocks of client/)
    // the victim's next two sales reach everyone, and stay after a restart of the observer's view
    await victimStillSyncs()
    await victimStillSyncs()
  })

  it("refuses GC and Skip structs placed on the victim's next clocks", async () => {
    const bClient = b.doc.clientID
    const bNext = Y.getState(b.doc.store, bClient)
    const gc = await send(
      craftUpdate({ clients: [{ client: bClient, clock: bNext, structs: [{ gc: 10 }] }] }),
    )
    expect(gc).toMatchObject({ code: 4422 })
    expect(gc.reason).toMatch(/belongs to another device/)
    await victimStillSyncs()
  })

  it("an item of the attacker's own client that refers to its own future is malformed", async () => {
    const me = ownClient()
    const close = await send(
      craftUpdate({
        clients: [{ client: me, clock: 0, structs: [{ origin: [me, 5], content: { any: [1] } }] }],
      }),
    )
    expect(close.code).toBe(4400)
  })
})

describe('values and content outside the schema', () => {
  const notJson: Array<[string, unknown]> = [
    ['bigint', 10n],
    ['undefined', undefined],
    ['binary', new Uint8Array([1, 2, 3])],
    ['non-finite number', Number.POSITIVE_INFINITY],
  ]
  it.each(notJson)(
    'refuses a %s inside an event, and the organization keeps syncing',
    async (_name, value) => {
      const close = await send(
        craftUpdate({
          clients: [
            {
              client: ownClient(),
              clock: 0,
              structs: [{ parent: 'log:rA', content: { any: [event(1, 'rA', { amount: value })] } }],
            },
          ],
        }),
      )
      expect(close.code).toBe(4422)
      expect(close.reason).toMatch(/not plain JSON/)
      await victimStillSyncs()
    },
  )

  const shapes: Array<[string, CraftedStruct]> = [
    ['a string (Y.Text) in a log', { parent: 'log:rA', content: { string: 'hello' } }],
    ['binary content in a log', { parent: 'log:rA', content: { binary: new Uint8Array([1]) } }],
    ['a nested array type in a log', { parent: 'log:rA', content: { type: 'array' } }],
    ['legacy JSON content', { parent: 'log:rA', content: { json: ['"x"'] } }],
    ['a value under an unknown root', { parent: 'settings', parentSub: 'x', content: { any: [1] } }],
    ['a plain value as a product', { parent: 'products', parentSub: 'p9', content: { any: [{ sku: 'x' }] } }],
  ]
  it.each(shapes)('refuses %s', async (_name, struct) => {
    const close = await send(craftUpdate({ clients: [{ client: ownClient(), clock: 0, structs: [struct] }] }))
    expect(close.code).toBe(4422)
  })

  it('refuses content nested deeper than the schema (a map inside a product field)', async () => {
    const me = ownClient()
    const close = await send(
      craftUpdate({
        clients: [
          {
            client: me,
            clock: 0,
            structs: [
              { parent: 'products', parentSub: 'p-deep', content: { type: 'map' } },
              { parent: [me, 0], parentSub: 'field', content: { type: 'map' } },
              { parent: [me, 1], parentSub: 'inner', content: { any: [1] } },
            ],
          },
        ],
      }),
    )
    expect(close.code).toBe(4422)
  })
})

describe('junk that would degrade the organization for good', () => {
  it('refuses 200,000 fresh client ids in one update, and 1,000 too', async () => {
    const many = Array.from({ length: 200_000 }, (_, i) => ({
      client: 5_000_000 + i,
      clock: 0,
      structs: [{ gc: 1 }] as CraftedStruct[],
    }))
    expect(await send(craftUpdate({ clients: many }))).toMatchObject({ code: 4413 })
    const clients = Array.from({ length: 1_000 }, (_, i) => ({
      client: 5_000_000 + i,
      clock: 0,
      structs: [{ gc: 1 }] as CraftedStruct[],
    }))
    const close = await send(craftUpdate({ clients }))
    expect(close.code).toBe(4413)
    expect(close.reason).toMatch(/client ids/)
  })

  it('refuses more structs than one update may carry', async () => {
    const structs: CraftedStruct[] = Array.from({ length: 15_000 }, () => ({ gc: 1 }))
    const close = await send(craftUpdate({ clients: [{ client: ownClient(), clock: 0, structs }] }))
    expect(close.code).toBe(4413)
    expect(close.reason).toMatch(/structs/)
  })

  it('keeps nothing of 2,000 structs that wait for a clock never sent, not even after a restart', async () => {
    const me = ownClient()
    const a = peer(attacker.token, new Y.Doc(), false)
    await a.waitSynced()
    // bind the client with one real item, then send a gap: everything behind it would park
    a.sendUpdate(craftUpdate({ clients: [{ client: me, clock: 0, structs: [ownLogItem(1)] }] }))
    await a.waitFor(() => a.received.length > 1, 10_000, 'echo')
    const parked: CraftedStruct[] = Array.from({ length: 2_000 }, (_, i) => ({
      parent: 'log:rA',
      content: { any: [event(100 + i, 'rA')] },
    }))
    a.sendUpdate(craftUpdate({ clients: [{ client: me, clock: 10, structs: parked }] }))
    const close = await withTimeout(a.closed, 10_000, 'resync')
    expect(close.code).toBe(4520)

    const port = relay.port
    const dataDir = relay.dataDir
    for (const p of [b, c]) p.close()
    await relay.stop()
    relay = await startInProcessRelay({
      dataDir,
      port,
      configure: (config) => (config.upgradeBurst = 10_000),
    })
    const fresh = peer(observer.token, new Y.Doc(), false)
    await fresh.waitSynced()
    expect(fresh.doc.store.pendingStructs).toBeNull()
    expect(Y.getState(fresh.doc.store, me)).toBe(1)
    expect(fresh.received.reduce((n, u) => n + u.byteLength, 0)).toBeLessThan(50_000)
    b = peer(victim.token, b.doc)
    c = peer(observer.token, c.doc)
    await Promise.all([b.waitSynced(), c.waitSynced()])
    await victimStillSyncs()
  })
})
