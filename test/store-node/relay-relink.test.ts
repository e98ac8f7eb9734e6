import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Session } from '../../store-node/api/dispatch.ts'
import type { StoreNode } from '../../store-node/store-node.ts'
import {
  createOrg,
  http,
  removeDir,
  spawnRelay,
  stopRelay,
  waitUntil,
  type RelayProcess,
  tempDir,
  apiOf,
  openNodeAt,
  setUpStore,
} from '../support/index.ts'

// Two real relay processes: a store linked to the first moves to the second with a new code.
let relay1: RelayProcess
let relay2: RelayProcess
const dirs: string[] = []
beforeAll(async () => {
  dirs.push(tempDir('allot-relink-1-').path, tempDir('allot-relink-2-').path)
  ;[relay1, relay2] = await Promise.all([spawnRelay(dirs[0]!), spawnRelay(dirs[1]!)])
})
afterAll(async () => {
  await Promise.all([stopRelay(relay1), stopRelay(relay2)])
  for (const dir of dirs) removeDir(dir)
})

async function issueCode(relay: RelayProcess, org: string): Promise<string> {
  const res = await http(relay, 'POST', `/admin/orgs/${org}/enrollment-codes`, { storeName: 'Main street' })
  expect(res.status).toBeLessThan(300)
  return res.json.code as string
}

async function archivedTypes(relay: RelayProcess, org: string, replicaId: string): Promise<string[]> {
  const res = await http(relay, 'GET', `/admin/orgs/${org}/archive?replicaId=${replicaId}&limit=10000`)
  expect(res.status).toBe(200)
  return (res.json.events as { type: string }[]).map((e) => e.type)
}

/** A store of its own organization (`org` on both relays), linked to relay 1. */
async function linkedStore(org: string): Promise<{
  node: StoreNode
  owner: Session
  cashier: Session
  productId: string
  replicaId: string
  close: () => Promise<void>
}> {
  const dir = tempDir('relink')
  const node = await openNodeAt(dir.path)
  const { owner, cashier, productId } = await setUpStore(node)
  await Promise.all([createOrg(relay1, org), createOrg(relay2, org)])
  await apiOf(node, owner)['sync.link']({
    relayUrl: relay1.url,
    enrollmentCode: await issueCode(relay1, org),
  })
  const health = await apiOf(node, owner)['system.health']({})
  return {
    node,
    owner,
    cashier,
    productId,
    replicaId: health.replicaId ?? '',
    close: async () => {
      await node.close()
      dir.remove()
    },
  }
}

describe('relay re-link', () => {
  it('moves a linked store to another relay; later sales reach the new relay', async () => {
    const org = 'moved'
    const s = await linkedStore(org)
    try {
      const status = await apiOf(s.node, s.owner)['sync.relink']({
        relayUrl: relay2.url,
        enrollmentCode: await issueCode(relay2, org),
      })
      expect(status.linked).toBe(true)
      expect(status.relayUrl).toBe(relay2.url)
      expect(status.lastSyncAt).toBeDefined()
      // The new relay received the store's history on the first sync (restock of the setup).
      expect(await archivedTypes(relay2, org, s.replicaId)).toContain('restock')

      await apiOf(s.node, s.cashier)['sales.checkout']({
        idempotencyKey: 'relink-sale-2',
        lines: [{ productId: s.productId, qty: 2 }],
        payment: { method: 'cash', tenderedMinor: 1000 },
      })
      await waitUntil(
        async () => (await archivedTypes(relay2, org, s.replicaId)).includes('sale'),
        15_000,
        'the sale on relay 2',
      )
      const synced = await apiOf(s.node, s.owner)['sync.status']({})
      expect(synced.relayUrl).toBe(relay2.url)
      // The old relay is no longer fed.
      expect(await archivedTypes(relay1, org, s.replicaId)).not.toContain('sale')
    } finally {
      await s.close()
    }
  })

  it('keeps the old link when the new relay refuses the code, and is owner only', async () => {
    const org = 'kept'
    const s = await linkedStore(org)
    try {
      const refused = await s.node.call(
        'sync.relink',
        { relayUrl: relay2.url, enrollmentCode: 'NOPE-NOPE-NOPE' },
        s.owner,
      )
      expect(refused.error?.code).toBe('VALIDATION')
      expect(refused.error?.message).toMatch(/refused the enrollment code/)
      const unreachable = await s.node.call(
        'sync.relink',
        { relayUrl: 'http://127.0.0.1:1', enrollmentCode: await issueCode(relay2, org) },
        s.owner,
      )
      expect(unreachable.error?.message).toMatch(/Cannot reach the relay/)

      const forbidden = await s.node.call(
        'sync.relink',
        { relayUrl: relay2.url, enrollmentCode: await issueCode(relay2, org) },
        s.cashier,
      )
      expect(forbidden.error?.code).toBe('FORBIDDEN')

      const status = await apiOf(s.node, s.owner)['sync.status']({})
      expect(status.relayUrl).toBe(relay1.url)
      expect(status.linked).toBe(true)
      // Still syncing with relay 1.
      await apiOf(s.node, s.cashier)['sales.checkout']({
        idempotencyKey: 'relink-sale-1',
        lines: [{ productId: s.productId, qty: 1 }],
        payment: { method: 'cash', tenderedMinor: 1000 },
      })
      await waitUntil(
        async () => (await archivedTypes(relay1, org, s.replicaId)).includes('sale'),
        15_000,
        'the sale on relay 1',
      )
      expect(await archivedTypes(relay2, org, s.replicaId)).toEqual([])
    } finally {
      await s.close()
    }
  })

  it('goes back to the old relay when the new one refuses the store on connect', async () => {
    const org = 'taken'
    const s = await linkedStore(org)
    const other = await linkedStore('other')
    try {
      // Relay 2's org `taken` first gets another organization's document ...
      await apiOf(other.node, other.owner)['sync.relink']({
        relayUrl: relay2.url,
        enrollmentCode: await issueCode(relay2, org),
      })
      // ... so it refuses this store's document on connect (after a valid enrollment).
      const refused = await s.node.call(
        'sync.relink',
        { relayUrl: relay2.url, enrollmentCode: await issueCode(relay2, org) },
        s.owner,
      )
      expect(refused.error?.code).toBe('CONFLICT')
      expect(refused.error?.message).toMatch(/another organization/)
      const status = await apiOf(s.node, s.owner)['sync.status']({})
      expect(status.relayUrl).toBe(relay1.url)
      await waitUntil(
        async () => (await apiOf(s.node, s.owner)['sync.status']({})).state === 'online',
        15_000,
        'back online on relay 1',
      )
    } finally {
      await Promise.all([s.close(), other.close()])
    }
  })

  it('one store of a chain cannot move alone to an empty relay: it stays on the old one', async () => {
    const org = 'pair'
    const a = await linkedStore(org)
    const dir = tempDir('relink-b')
    const b = await openNodeAt(dir.path)
    try {
      await apiOf(b, { userId: null })['setup.joinOrganization']({
        relayUrl: relay1.url,
        enrollmentCode: await issueCode(relay1, org),
        storeName: 'Harbour Road',
        storeCode: 'HR',
      })
      await waitUntil(
        async () => (await apiOf(a.node, a.owner)['stores.list']({})).stores.length === 2,
        15_000,
        'store B at store A',
      )
      const refused = await a.node.call(
        'sync.relink',
        { relayUrl: relay2.url, enrollmentCode: await issueCode(relay2, org) },
        a.owner,
      )
      expect(refused.error?.code).toBe('CONFLICT')
      expect(refused.error?.message).toMatch(/stays linked to/)
      await waitUntil(
        async () => (await apiOf(a.node, a.owner)['sync.status']({})).state === 'online',
        15_000,
        'back online on relay 1',
      )
      expect((await apiOf(a.node, a.owner)['sync.status']({})).relayUrl).toBe(relay1.url)
    } finally {
      await b.close()
      dir.remove()
      await a.close()
    }
  })

  it('refuses to re-link a store that is not linked', async () => {
    const dir = tempDir('relink-standalone')
    const node = await openNodeAt(dir.path)
    try {
      const { owner } = await setUpStore(node)
      const res = await node.call('sync.relink', { relayUrl: relay2.url, enrollmentCode: 'X' }, owner)
      expect(res.error?.code).toBe('CONFLICT')
    } finally {
      await node.close()
      dir.remove()
    }
  })
})
