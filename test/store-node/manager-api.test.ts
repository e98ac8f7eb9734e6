import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as Y from 'yjs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writeReplica, writeStore } from '../../shared/core/schema.ts'
import type { Session } from '../../store-node/api/dispatch.ts'
import type { StoreNode } from '../../store-node/store-node.ts'
import {
  tempDir,
  apiOf,
  callUnchecked,
  openNodeAt,
  openTestNode,
  ownerLogin,
  setUpStore,
} from '../support/index.ts'

const errorOf = async (p: Promise<unknown>) =>
  p.then(
    () => ({ code: 'none', message: '' }) as { code: string; message: string },
    (e: { code: string; message: string }) => e,
  )

/** Makes `b` a second till of `a`'s organization in another store, in process (as a join would). */
function joinInProcess(a: StoreNode, b: StoreNode, storeName: string): void {
  Y.applyUpdate(b.store.doc, Y.encodeStateAsUpdate(a.store.doc), 'test-sync')
  const storeId = `store-${storeName}`
  b.store.durable(() => {
    b.store.doc.transact(() => {
      writeStore(b.store.doc, storeId, { name: storeName, code: storeName.slice(0, 4).toUpperCase() })
      writeReplica(b.store.doc, b.replicaId, { storeId, storeName, status: 'active' })
    })
    b.context.setIdentity({ replicaId: b.replicaId, orgId: a.identity.orgId!, storeId })
  })
  sync(a, b)
}

/** Full two-way sync of two in-process nodes (what the relay does). */
function sync(a: StoreNode, b: StoreNode): void {
  Y.applyUpdate(
    b.store.doc,
    Y.encodeStateAsUpdate(a.store.doc, Y.encodeStateVector(b.store.doc)),
    'test-sync',
  )
  Y.applyUpdate(
    a.store.doc,
    Y.encodeStateAsUpdate(b.store.doc, Y.encodeStateVector(a.store.doc)),
    'test-sync',
  )
}

let fixture: Awaited<ReturnType<typeof openTestNode>>
let node: StoreNode
let owner: Session
let cashier: Session
let manager: Session
let tea: string

beforeEach(async () => {
  fixture = await openTestNode()
  node = fixture.node
  ;({ owner, cashier, productId: tea } = await setUpStore(node, 20))
  await apiOf(node, owner)['users.create']({
    username: 'manager',
    displayName: 'Mia Manager',
    role: 'manager',
    password: 'manager-pass-1',
  })
  manager = { userId: null }
  await apiOf(node, manager)['session.login']({
    method: 'password',
    username: 'manager',
    password: 'manager-pass-1',
  })
})
afterEach(() => fixture.close())

describe('two stores in process', () => {
  let other: Awaited<ReturnType<typeof openTestNode>>
  let harbour: StoreNode
  let harbourOwner: Session
  beforeEach(async () => {
    other = await openTestNode()
    harbour = other.node
    joinInProcess(node, harbour, 'Harbour')
    harbourOwner = { userId: null }
    await apiOf(harbour, harbourOwner)['session.login']({
      method: 'password',
      username: ownerLogin.username,
      password: ownerLogin.password,
    })
  })
  afterEach(() => other.close())

  it('stores.list shows every store and till with status; this till is marked', async () => {
    const list = await apiOf(node, cashier)['stores.list']({})
    expect(list.thisReplicaId).toBe(node.replicaId)
    expect(list.stores.map((s) => s.name).sort()).toEqual(['Harbour', 'Main street'])
    const main = list.stores.find((s) => s.name === 'Main street')!
    expect(main.tills[0]).toMatchObject({ replicaId: node.replicaId, status: 'active', thisTill: true })
    expect(main.tills[0]!.lastSeq).toBeGreaterThan(0)
    expect(list.stores.find((s) => s.name === 'Harbour')!.tills[0]).toMatchObject({
      replicaId: harbour.replicaId,
      thisTill: false,
    })
  })

  it('requests.list shows outgoing and incoming requests with their state and grants', async () => {
    const req = await apiOf(harbour, harbourOwner)['stock.request']({
      productId: tea,
      qty: 4,
      donorReplicaId: node.replicaId,
    })
    sync(node, harbour)
    let incoming = await apiOf(node, manager)['requests.list']({})
    expect(incoming.items).toHaveLength(1)
    expect(incoming.items[0]).toMatchObject({
      id: req.id,
      direction: 'incoming',
      state: 'outstanding',
      qty: 4,
      fromStoreName: 'Harbour',
      donorStoreName: 'Main street',
      productName: 'Green tea',
      byName: 'owner',
    })
    await apiOf(node, manager)['stock.transfer']({
      productId: tea,
      toReplicaId: harbour.replicaId,
      qty: 4,
      requestId: req.id,
    })
    incoming = await apiOf(node, manager)['requests.list']({})
    expect(incoming.items[0]).toMatchObject({ state: 'answered', grantedQty: 4 })
    sync(node, harbour)
    const outgoing = await apiOf(harbour, harbourOwner)['requests.list']({})
    expect(outgoing.items[0]).toMatchObject({ direction: 'outgoing', state: 'answered' })
    expect(
      (
        await apiOf(harbour, harbourOwner)['requests.list']({
          state: 'outstanding',
        })
      ).items,
    ).toHaveLength(0)
    expect((await errorOf(apiOf(node, cashier)['requests.list']({}))).code).toBe('FORBIDDEN')
  })

  it('ships a local product: sent, then received with damaged and lost units written off at the receiver', async () => {
    const product = await apiOf(node, manager)['stock.setPolicy']({
      productId: tea,
      policy: 'local',
    })
    expect(product.policy).toBe('local')
    const sent = await apiOf(node, manager)['stock.transfer']({
      productId: tea,
      toReplicaId: harbour.replicaId,
      qty: 6,
    })
    sync(node, harbour)
    const incoming = await apiOf(harbour, harbourOwner)['shipments.list']({})
    expect(incoming.items).toEqual([
      expect.objectContaining({
        transferId: sent.id,
        direction: 'incoming',
        status: 'sent',
        qty: 6,
        fromStoreName: 'Main street',
        toStoreName: 'Harbour',
      }),
    ])
    // More written off than shipped is refused; receiving an unknown or outgoing one is NOT_FOUND.
    expect(
      (
        await errorOf(
          apiOf(harbour, harbourOwner)['shipments.receive']({
            transferId: sent.id,
            damagedQty: 5,
            lostQty: 2,
          }),
        )
      ).code,
    ).toBe('VALIDATION')
    expect((await errorOf(apiOf(node, manager)['shipments.receive']({ transferId: sent.id }))).code).toBe(
      'NOT_FOUND',
    )
    const received = await apiOf(harbour, harbourOwner)['shipments.receive']({
      transferId: sent.id,
      damagedQty: 1,
      lostQty: 2,
      note: 'box crushed',
    })
    expect(received).toMatchObject({
      status: 'lost',
      receivedQty: 3,
      damagedQty: 1,
      lostQty: 2,
      note: 'box crushed',
    })
    expect(
      (await errorOf(apiOf(harbour, harbourOwner)['shipments.receive']({ transferId: sent.id }))).code,
    ).toBe('CONFLICT')
    // Harbour holds 6 − 3 written off; the chain lost 3 units, with reasons in the movements ledger.
    const stock = await apiOf(harbour, harbourOwner)['stock.get']({ productId: tea })
    expect(stock.here).toBe(3)
    expect(stock.value).toBe(17)
    const moves = await apiOf(harbour, harbourOwner)['reports.movements']({
      productId: tea,
    })
    expect(moves.rows.map((r) => r.reason)).toEqual(
      expect.arrayContaining(['damaged in transit', 'lost in transit', 'rights from Main street']),
    )
    // The sender learns of the write-offs once synced.
    sync(node, harbour)
    const outgoing = await apiOf(node, manager)['shipments.list']({})
    expect(outgoing.items[0]).toMatchObject({
      direction: 'outgoing',
      status: 'lost',
      damagedQty: 1,
      lostQty: 2,
    })
  })

  it('pool products are not shipments; a manual transfer of them is refused as one', async () => {
    const t = await apiOf(node, manager)['stock.transfer']({
      productId: tea,
      toReplicaId: harbour.replicaId,
      qty: 2,
    })
    sync(node, harbour)
    expect((await apiOf(harbour, harbourOwner)['shipments.list']({})).items).toHaveLength(0)
    expect(
      (await errorOf(apiOf(harbour, harbourOwner)['shipments.receive']({ transferId: t.id }))).code,
    ).toBe('CONFLICT')
  })

  it('devices.retire moves every right to the successor after confirmation; owner only; then read-only', async () => {
    expect(
      (
        await errorOf(
          apiOf(node, manager)['devices.retire']({ successorReplicaId: harbour.replicaId, confirm: true }),
        )
      ).code,
    ).toBe('FORBIDDEN')
    expect(
      (await errorOf(callUnchecked(node, owner, 'devices.retire', { successorReplicaId: harbour.replicaId })))
        .code,
    ).toBe('VALIDATION')
    expect(
      (
        await errorOf(
          apiOf(node, owner)['devices.retire']({ successorReplicaId: node.replicaId, confirm: true }),
        )
      ).code,
    ).toBe('VALIDATION')
    expect(
      (await errorOf(apiOf(node, owner)['devices.retire']({ successorReplicaId: 'nope', confirm: true })))
        .code,
    ).toBe('NOT_FOUND')
    const done = await apiOf(node, owner)['devices.retire']({
      successorReplicaId: harbour.replicaId,
      confirm: true,
    })
    expect(done).toMatchObject({
      successor: harbour.replicaId,
      successorStoreName: 'Harbour',
      transfers: 1,
      units: 20,
    })
    sync(node, harbour)
    expect((await apiOf(harbour, harbourOwner)['stock.get']({ productId: tea })).here).toBe(20)
    const list = await apiOf(harbour, harbourOwner)['stores.list']({})
    expect(list.stores.find((s) => s.name === 'Main street')!.tills[0]).toMatchObject({
      status: 'retired',
      successor: harbour.replicaId,
    })
    const refused = await errorOf(apiOf(node, owner)['stock.restock']({ productId: tea, qty: 1 }))
    expect(refused.code).toBe('READ_ONLY')
  })
})

describe('settings', () => {
  it('reads and writes the receipt header and rebalancing thresholds; currency is owner-only', async () => {
    const before = await apiOf(node, manager)['settings.get']({})
    expect(before).toMatchObject({
      orgName: 'Test chain',
      currency: 'EUR',
      storeName: 'Main street',
      receiptHeader: '',
      floor: 0,
      lowWaterMinimum: 1,
    })
    const after = await apiOf(node, manager)['settings.update']({
      receiptHeader: 'Tea & Co\nMain street 1',
      floor: 3,
      lowWaterMinimum: 5,
    })
    expect(after).toMatchObject({ receiptHeader: 'Tea & Co\nMain street 1', floor: 3, lowWaterMinimum: 5 })
    expect((await errorOf(apiOf(node, manager)['settings.update']({ currency: 'USD' }))).code).toBe(
      'FORBIDDEN',
    )
    expect((await errorOf(apiOf(node, owner)['settings.update']({ currency: 'usd' }))).code).toBe(
      'VALIDATION',
    )
    expect((await errorOf(apiOf(node, cashier)['settings.get']({}))).code).toBe('FORBIDDEN')
    expect(
      await apiOf(node, owner)['settings.update']({
        currency: 'CHF',
        orgName: 'Tea & Co',
      }),
    ).toMatchObject({ currency: 'CHF', orgName: 'Tea & Co', floor: 3 })
    expect((await apiOf(node, cashier)['session.current']({})).currency).toBe('CHF')
    // The receipt uses the header.
    const sale = await apiOf(node, cashier)['sales.checkout']({
      idempotencyKey: 'settings-sale-1',
      lines: [{ productId: tea, qty: 1 }],
      payment: { method: 'card' },
    })
    const receipt = await apiOf(node, cashier)['sales.receipt']({ saleId: sale.id })
    expect(receipt.text.startsWith('Tea & Co\nMain street 1\n')).toBe(true)
    expect(receipt.text).toContain('CHF')
  })
})

describe('holds and orders', () => {
  it('releases expired holds automatically with a visible trail in the movements ledger', async () => {
    let now = Date.parse('2026-03-01T10:00:00Z')
    const dir = tempDir('holds')
    const n = await openNodeAt(dir.path, () => new Date(now))
    try {
      const { cashier: c, productId } = await setUpStore(n, 5)
      const hold = await apiOf(n, c)['reservations.create']({
        idempotencyKey: 'hold-expiry-1',
        productId,
        qty: 2,
        customer: 'Ann',
        ttlMinutes: 30,
      })
      expect((await apiOf(n, c)['stock.get']({ productId })).here).toBe(3)
      now += 31 * 60_000
      expect(n.upkeep.releaseExpiredHolds()).toBe(1)
      expect((await apiOf(n, c)['stock.get']({ productId })).here).toBe(5)
      expect((await apiOf(n, c)['reservations.list']({})).items.find((h) => h.id === hold.id)).toBeUndefined()
      const login = { userId: null }
      await apiOf(n, login)['session.login']({
        method: 'password',
        username: ownerLogin.username,
        password: ownerLogin.password,
      })
      const moves = await apiOf(n, login)['reports.movements']({ productId })
      expect(moves.rows[0]).toMatchObject({
        type: 'release',
        delta: 2,
        reason: 'hold released (expired)',
        by: 'automatic',
      })
    } finally {
      await n.close()
      dir.remove()
    }
  })

  it('runs an order through the board: pending → confirmed → processing → shipped → delivered', async () => {
    const order = await apiOf(node, manager)['orders.create']({
      idempotencyKey: 'order-board-1',
      customer: 'Bob',
      lines: [{ productId: tea, qty: 2 }],
    })
    expect(order.status).toBe('pending')
    for (const status of ['confirmed', 'processing', 'shipped', 'delivered'] as const) {
      expect((await apiOf(node, manager)['orders.advance']({ orderId: order.id, status })).status).toBe(
        status,
      )
    }
    expect((await apiOf(node, manager)['stock.get']({ productId: tea })).value).toBe(18)
  })
})

describe('backups, restore and diagnostics', () => {
  it('lists backups by file name and schedules a restore (owner only) that can be cancelled', async () => {
    const made = await apiOf(node, manager)['system.backup']({})
    const list = await apiOf(node, manager)['system.backups']({})
    const file = list.items[0]!.file
    expect(made.file.endsWith(file)).toBe(true)
    expect(file).toMatch(/^allot-.*\.db$/)
    expect((await errorOf(apiOf(node, manager)['system.restore']({ file }))).code).toBe('FORBIDDEN')
    expect((await errorOf(apiOf(node, owner)['system.restore']({ file: '../store.db' }))).code).toBe(
      'VALIDATION',
    )
    expect((await errorOf(apiOf(node, owner)['system.restore']({ file: 'allot-nope.db' }))).code).toBe(
      'NOT_FOUND',
    )
    const scheduled = await apiOf(node, owner)['system.restore']({ file })
    expect(scheduled.pendingRestore?.file).toBe(file)
    expect((await apiOf(node, manager)['system.backups']({})).pendingRestore?.file).toBe(file)
    await apiOf(node, owner)['system.restore']({ cancel: true })
    expect((await apiOf(node, manager)['system.backups']({})).pendingRestore).toBeUndefined()
  })

  it('exports diagnostics with status and logs but no token, hash or key', async () => {
    const token = 'device-token-SECRET-0123456789abcdef'
    node.context.setIdentity({
      ...node.identity,
      relay: { url: 'http://relay.example:7300', orgId: node.identity.orgId!, deviceToken: token },
    })
    writeFileSync(join(fixture.dir, 'api-token'), 'api-token-SECRET-abcdef0123456789\n')
    node.context.logger.warn(
      { token, password: 'hunter22', note: 'visible' },
      'a warning for the diagnostics',
    )
    const diag = await apiOf(node, manager)['system.diagnostics']({})
    expect(diag.fileName).toMatch(/^allot-diagnostics-.*\.json$/)
    const parsed = JSON.parse(diag.text) as {
      setup: { replicaId: string }
      counts: { products: number }
      log: Array<{ msg: string }>
    }
    expect(parsed.setup.replicaId).toBe(node.replicaId)
    expect(parsed.counts.products).toBe(1)
    expect(Array.isArray(parsed.log)).toBe(true)
    expect(diag.text).not.toContain(token)
    expect(diag.text).not.toContain('SECRET')
    expect(diag.text).not.toContain('hunter22')
    expect(diag.text).not.toMatch(/scrypt|\$s[0-9]|passwordHash|pinHash/i)
    const hashes = node.store.doc.getMap('users').toJSON() as Record<
      string,
      { passwordHash?: string; pinHash?: string }
    >
    for (const u of Object.values(hashes)) {
      if (u.passwordHash) expect(diag.text).not.toContain(u.passwordHash)
      if (u.pinHash) expect(diag.text).not.toContain(u.pinHash)
    }
    expect((await errorOf(apiOf(node, cashier)['system.diagnostics']({}))).code).toBe('FORBIDDEN')
  })
})

describe('restore through the stale-restore guard', () => {
  it('applies a scheduled restore at the next start and locks sales (SALES_LOCKED)', async () => {
    const dir = tempDir('restore')
    const open = () => openNodeAt(dir.path)
    let n = await open()
    try {
      const { owner: o, cashier: c, productId } = await setUpStore(n, 10)
      const sell = (key: string) =>
        apiOf(n, c)['sales.checkout']({
          idempotencyKey: key,
          lines: [{ productId, qty: 1 }],
          payment: { method: 'card' },
        })
      await sell('restore-sale-1')
      await apiOf(n, o)['system.backup']({})
      await sell('restore-sale-2')
      await sell('restore-sale-3')
      const { items } = await apiOf(n, o)['system.backups']({})
      await apiOf(n, o)['system.restore']({ file: items[0]!.file })
      await n.close()

      n = await open()
      expect(readdirSync(dir.path).some((f) => f.startsWith('pre-restore-'))).toBe(true)
      expect(existsSync(join(dir.path, 'restore-pending.json'))).toBe(false)
      const s: Session = { userId: null }
      await apiOf(n, s)['session.login']({
        method: 'password',
        username: ownerLogin.username,
        password: ownerLogin.password,
      })
      expect((await apiOf(n, s)['setup.status']({})).salesLocked).toMatch(/restored or copied/)
      expect((await apiOf(n, s)['sales.list']({})).total).toBe(1)
      const refused = await errorOf(
        apiOf(n, s)['sales.checkout']({
          idempotencyKey: 'restore-sale-4',
          lines: [{ productId, qty: 1 }],
          payment: { method: 'card' },
        }),
      )
      expect(refused.code).toBe('SALES_LOCKED')
    } finally {
      await n.close()
      dir.remove()
    }
  })
})
