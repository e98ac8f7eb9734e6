// A device may change only what a logged-in user of its own store could change: its log, its
// `replicas` entry, the catalog, its own store's entry and its store's staff below owner. Owners,
// other stores' staff, other stores' entries and the organization's meta are head office's.
// The relay refuses everything else (first block); and a store never trusts a change to a user
// or to the meta that it cannot attribute to a replica allowed to make it, even one that
// reached its database some other way (second block: written straight into store.db, as a local
// attacker with the disk, or an older relay, could).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { openDatabase } from '../../shared/node/sqlite.ts'
import { YUpdateLog } from '../../shared/node/update-log.ts'
import { hashSecret } from '../../store-node/trust/passwords.ts'
import { DOC_NAME } from '../../store-node/db/replica-store.ts'
import type { StoreNode } from '../../store-node/store-node.ts'
import {
  startInProcessRelay,
  type InProcessRelay,
  tempDir,
  apiOf,
  openNodeAt,
  ownerLogin,
  setUpStore,
  TestPeer,
  createOrg,
  enrollDevice,
  http,
  withTimeout,
  type CloseInfo,
  type EnrolledDevice,
} from '../support/index.ts'

describe('the relay enforces authority over shared records', () => {
  let relay: InProcessRelay
  let hq: TestPeer
  let storeA: EnrolledDevice
  const peers: TestPeer[] = []
  const url = () => `${relay.wsUrl}/sync/chain`
  const connect = (device: EnrolledDevice, doc?: Y.Doc) => {
    const p = new TestPeer(url(), { token: device.token, ...(doc ? { doc } : {}) })
    peers.push(p)
    return p
  }
  const map = (entries: Record<string, unknown>) => new Y.Map<unknown>(Object.entries(entries))

  /** `device` connects with everything the relay has, binds to `storeId`, then makes `change`. */
  async function attempt(
    device: EnrolledDevice,
    storeId: string,
    change: (doc: Y.Doc) => void,
  ): Promise<CloseInfo | 'accepted'> {
    const p = connect(device)
    await p.waitSynced()
    const outcome = async (write: () => void): Promise<CloseInfo | 'accepted'> => {
      const before = p.received.length
      write()
      return Promise.race([
        p.closed,
        p.waitFor(() => p.received.length > before, 5_000, 'echo').then(() => 'accepted' as const),
      ])
    }
    try {
      if (!p.doc.getMap('replicas').has(device.replicaId)) {
        const bound = await outcome(() =>
          p.doc.getMap('replicas').set(device.replicaId, { storeId, storeName: storeId, status: 'active' }),
        )
        if (bound !== 'accepted') return bound
      }
      return await outcome(() => change(p.doc))
    } finally {
      p.close()
    }
  }

  beforeAll(async () => {
    relay = await startInProcessRelay({ configure: (c) => (c.upgradeBurst = 1000) })
    await createOrg(relay, 'chain')
    const founder = await enrollDevice(relay, 'chain', 'rHQ')
    storeA = await enrollDevice(relay, 'chain', 'rA')
    // The founding store writes the organization: it becomes head office, and is told to reconnect.
    const first = connect(founder)
    await first.waitSynced()
    first.doc.transact(() => {
      first.doc.getMap('meta').set('orgId', 'org-1')
      first.doc.getMap('meta').set('schemaVersion', 1)
      first.doc.getMap('replicas').set('rHQ', { storeId: 'SHQ', storeName: 'HQ', status: 'active' })
      first.doc.getMap('stores').set('SHQ', { name: 'HQ', code: 'HQ' })
      first.doc
        .getMap('users')
        .set('u-owner', map({ username: 'owner', role: 'owner', passwordHash: 'h-owner', storeIds: ['SHQ'] }))
    })
    expect((await withTimeout(first.closed, 10_000, 'reconnect after founding')).code).toBe(1012)
    hq = connect(founder, first.doc)
    await hq.waitSynced()
    const devices = await http(relay, 'GET', '/admin/orgs/chain/devices')
    expect(devices.json.devices.find((d: { replicaId: string }) => d.replicaId === 'rHQ').headOffice).toBe(
      true,
    )
  })
  afterAll(async () => {
    for (const p of peers) p.close()
    await relay.remove()
  })

  it('lets a store device add its own staff below owner', async () => {
    expect(
      await attempt(storeA, 'SA', (doc) =>
        doc
          .getMap('users')
          .set(
            'u-cashier-a',
            map({ username: 'cara', role: 'cashier', passwordHash: 'x', storeIds: ['SA'] }),
          ),
      ),
    ).toBe('accepted')
  })

  const refused: Array<[string, (doc: Y.Doc) => void, RegExp]> = [
    [
      'an owner account with a known hash',
      (doc) =>
        doc
          .getMap('users')
          .set('u-evil', map({ username: 'boss', role: 'owner', passwordHash: 'known', storeIds: ['SA'] })),
      /not this store's|role owner/,
    ],
    [
      'a new hash on the owner account',
      (doc) => (doc.getMap('users').get('u-owner') as Y.Map<unknown>).set('passwordHash', 'known'),
      /not this store's/,
    ],
    [
      'a manager of another store',
      (doc) => doc.getMap('users').set('u-b', map({ username: 'bob', role: 'manager', storeIds: ['SHQ'] })),
      /own store only/,
    ],
    [
      'promoting its own cashier to owner',
      (doc) => (doc.getMap('users').get('u-cashier-a') as Y.Map<unknown>).set('role', 'owner'),
      /no role owner/,
    ],
    ['meta.schemaVersion = 99', (doc) => doc.getMap('meta').set('schemaVersion', 99), /head office/],
    ['a new meta.orgId', (doc) => doc.getMap('meta').set('orgId', 'org-2'), /head office/],
    [
      "another store's entry",
      (doc) => doc.getMap('stores').set('SHQ', { name: 'Mine now', code: 'HQ' }),
      /stores\[SHQ\]/,
    ],
    [
      'calling itself head office',
      (doc) =>
        doc
          .getMap('replicas')
          .set('rA', { storeId: 'SA', storeName: 'A', status: 'active', headOffice: true }),
      /head-office device/,
    ],
  ]
  it.each(refused)('refuses %s from a store device', async (_what, change, reason) => {
    const outcome = await attempt(storeA, 'SA', change)
    expect(outcome).not.toBe('accepted')
    expect((outcome as CloseInfo).code).toBe(4422)
    expect((outcome as CloseInfo).reason).toMatch(reason)
  })

  it('refuses a till that claims another store as its own', async () => {
    const intruder = await enrollDevice(relay, 'chain', 'rX')
    const outcome = await attempt(intruder, 'SHQ', () => {
      throw new Error('the binding itself must be refused')
    })
    expect(outcome).toMatchObject({ code: 4422 })
    expect((outcome as CloseInfo).reason).toMatch(/already exists/)
  })

  it('lets a till join an existing store with a code issued for that store', async () => {
    const till2 = await enrollDevice(relay, 'chain', 'rA2', { storeCode: 'A' })
    // store A's entry carries the code the enrollment code names
    expect(
      await attempt(storeA, 'SA', (doc) => doc.getMap('stores').set('SA', { name: 'A', code: 'A' })),
    ).toBe('accepted')
    const joined = await attempt(till2, 'SA', (doc) => doc.getArray('log:rA2').push([{ seq: 1, id: 'a2-1' }]))
    expect(joined).toBe('accepted')
  })

  it('head office may change owners and meta, but never the organization id', async () => {
    const before = hq.received.length
    hq.doc.transact(() => {
      hq.doc.getMap('users').set('u-owner-2', map({ username: 'co-owner', role: 'owner', storeIds: ['SHQ'] }))
      hq.doc.getMap('meta').set('currency', 'CHF')
    })
    await hq.waitFor(() => hq.received.length > before, 5_000, 'echo')
    hq.doc.getMap('meta').set('orgId', 'org-2')
    expect(await withTimeout(hq.closed, 5_000, 'closed')).toMatchObject({ code: 4422 })
  })

  it('the admin can make a store device head office; it reconnects and may then write meta', async () => {
    const devices = await http(relay, 'GET', '/admin/orgs/chain/devices')
    const deviceId = devices.json.devices.find((d: { replicaId: string }) => d.replicaId === 'rA').deviceId
    const res = await http(relay, 'POST', `/admin/orgs/chain/devices/${deviceId}/head-office`, {
      headOffice: true,
    })
    expect(res.status).toBe(200)
    expect(await attempt(storeA, 'SA', (doc) => doc.getMap('meta').set('orgName', 'Renamed'))).toBe(
      'accepted',
    )
  })
})

describe('a store trusts no unverified change to users or meta', () => {
  let node: StoreNode
  let dir: { path: string; remove: () => void }
  const session = { userId: null as string | null }

  /** Appends changes to store.db as another Yjs client, the way a local attacker or an old relay could. */
  async function writeIntoDatabase(
    change: (doc: Y.Doc) => void,
    asReplica?: { id: string; storeId: string; headOffice?: boolean },
  ) {
    await node.close()
    const db = openDatabase(`${dir.path}/store.db`)
    const log = new YUpdateLog(db)
    const doc = new Y.Doc()
    log.load(DOC_NAME, doc)
    doc.clientID = 4_000_000 + Math.floor(Math.random() * 1_000_000)
    doc.on('update', (u: Uint8Array) => log.append(DOC_NAME, u))
    doc.transact(() => {
      // make the client attributable to a replica, as the relay's binding would
      if (asReplica)
        doc.getMap('replicas').set(asReplica.id, {
          storeId: asReplica.storeId,
          storeName: asReplica.storeId,
          status: 'active',
          ...(asReplica.headOffice ? { headOffice: true } : {}),
        })
      change(doc)
    })
    db.close()
    node = await openNodeAt(dir.path)
  }
  const login = (password: string, username = 'owner') => {
    const anonymous = apiOf(node, { userId: null })
    return anonymous['session.login']({ method: 'password', username, password }).then(
      () => 'in',
      (e: { code: string }) => e.code,
    )
  }

  beforeAll(async () => {
    dir = tempDir('store-authority')
    node = await openNodeAt(dir.path)
    const setup = await setUpStore(node)
    session.userId = setup.owner.userId
    await apiOf(node, { userId: null })['session.login']({
      method: 'password',
      username: ownerLogin.username,
      password: ownerLogin.password,
    })
  })
  afterAll(async () => {
    await node.close()
    dir.remove()
  })

  it('ignores a forged owner, a forged hash, schema version and currency, and says so', async () => {
    const known = await hashSecret('attacker-pass')
    const ownerId = Object.keys(
      (await import('../../shared/core/schema.ts')).getUsers(node.context.doc).toJSON(),
    ).find((id) => node.context.directory.user(id)?.role === 'owner')!
    await writeIntoDatabase(
      (doc) => {
        doc.getMap('users').set(
          'u-forged',
          new Y.Map<unknown>(
            Object.entries({
              username: 'boss',
              role: 'owner',
              passwordHash: known,
              pinHash: '',
              storeIds: [],
              disabled: false,
            }),
          ),
        )
        ;(doc.getMap('users').get(ownerId) as Y.Map<unknown>).set('passwordHash', known)
        doc.getMap('meta').set('schemaVersion', 99)
        doc.getMap('meta').set('currency', 'XXX')
      },
      { id: 'r-rogue', storeId: 'S-rogue' },
    )
    expect(await login('attacker-pass', 'boss')).toBe('UNAUTHENTICATED')
    expect(await login('attacker-pass')).toBe('UNAUTHENTICATED')
    expect(await login(ownerLogin.password)).toBe('in')
    const status = await apiOf(node, { userId: null })['setup.status']({})
    expect(status.readOnly).toBeUndefined()
    expect(status.currency).toBe('EUR')
    const owner = { userId: ownerId }
    const alerts = await apiOf(node, owner)['integrity.alerts']({})
    const ignored = alerts.alerts.filter((a) => a.kind === 'unverified-change').map((a) => a.message)
    expect(ignored.join('\n')).toMatch(/boss/)
    expect(ignored.join('\n')).toMatch(/owner/)
    expect(ignored.join('\n')).toMatch(/schemaVersion/)
  })

  it("takes a change written by a head-office till, and a store's change to its own cashier", async () => {
    const hash = await hashSecret('co-owner-pass')
    await writeIntoDatabase(
      (doc) =>
        doc.getMap('users').set(
          'u-co',
          new Y.Map<unknown>(
            Object.entries({
              username: 'co',
              role: 'owner',
              passwordHash: hash,
              pinHash: '',
              storeIds: [],
              disabled: false,
            }),
          ),
        ),
      { id: 'r-hq', storeId: 'S-hq', headOffice: true },
    )
    expect(await login('co-owner-pass', 'co')).toBe('in')
    const cashierHash = await hashSecret('cashier-pass')
    await writeIntoDatabase(
      (doc) =>
        doc.getMap('users').set(
          'u-c2',
          new Y.Map<unknown>(
            Object.entries({
              username: 'cc',
              role: 'cashier',
              passwordHash: cashierHash,
              pinHash: '',
              storeIds: ['S-two'],
              disabled: false,
            }),
          ),
        ),
      { id: 'r-two', storeId: 'S-two' },
    )
    const listed = await apiOf(node, { userId: session.userId })['users.list']({})
    expect(listed.items.map((u) => u.username)).toContain('cc')
    expect(listed.items.map((u) => u.username)).not.toContain('boss')
  })
})
