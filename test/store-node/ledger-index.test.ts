import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { UPKEEP_DELAY_MS } from '../../store-node/db/replica-store.ts'
import { openDatabase, withoutFsync, type Database } from '../../shared/node/sqlite.ts'
import {
  connectApi,
  setUpStandaloneStore,
  startStoreNode,
  tempDir,
  apiOf,
  openNodeAt,
  openTestNode,
  setUpStore,
} from '../support/index.ts'

const count = (db: Database, sql: string) => (db.prepare(sql).get() as { n: number }).n
const cursor = (db: Database) => count(db, 'SELECT pos AS n FROM ledger_index_cursor')
const lastPos = (db: Database) => count(db, 'SELECT COALESCE(MAX(pos), 0) AS n FROM ledger')

describe('ledger read indexes', () => {
  it('a sale commits its ledger row; the indexes follow, and every read sees the sale', async () => {
    const { node, close } = await openTestNode()
    try {
      const { owner, productId } = await setUpStore(node)
      node.store.upkeep()
      const linesBefore = count(node.db, 'SELECT COUNT(*) AS n FROM ledger_lines')

      const sale = await apiOf(node, owner)['sales.checkout']({
        idempotencyKey: 'index-sale-1',
        lines: [{ productId, qty: 2 }],
        payment: { method: 'card' },
      })
      // The commit wrote the ledger row only: its index rows wait for the upkeep or a read.
      expect(count(node.db, "SELECT COUNT(*) AS n FROM ledger WHERE type = 'sale'")).toBe(1)
      expect(count(node.db, 'SELECT COUNT(*) AS n FROM ledger_lines')).toBe(linesBefore)
      expect(cursor(node.db)).toBeLessThan(lastPos(node.db))

      // A read catches up first.
      expect((await apiOf(node, owner)['sales.get']({ saleId: sale.id })).id).toBe(sale.id)
      expect(cursor(node.db)).toBe(lastPos(node.db))
      expect(count(node.db, 'SELECT COUNT(*) AS n FROM ledger_lines')).toBe(linesBefore + 1)
      // The index batch ran without its own fsync; the connection is back to FULL for sales.
      expect(node.db.pragma('synchronous', { simple: true })).toBe(2)
      const movements = await apiOf(node, owner)['reports.movements']({ productId })
      expect(movements.rows[0]).toMatchObject({ eventId: sale.id, delta: -2 })

      // Indexing twice changes nothing.
      node.store.upkeep()
      expect(count(node.db, 'SELECT COUNT(*) AS n FROM ledger_lines')).toBe(linesBefore + 1)
    } finally {
      await close()
    }
  })

  it('rows a killed process left unindexed are indexed at the next start, once', async () => {
    const dir = tempDir('ledger-index-crash')
    try {
      const proc = await startStoreNode(dir.path)
      const { api, transport } = await connectApi(proc.ready.api, proc.token)
      const product = await setUpStandaloneStore(api, { sku: 'I-1', name: 'Ink', priceMinor: 120 }, 100)
      const ids: string[] = []
      for (let i = 0; i < 5; i++) {
        const sale = await api['sales.checkout']({
          idempotencyKey: `index-crash-${i}`,
          lines: [{ productId: product.id, qty: 1 }],
          payment: { method: 'cash' },
        })
        ids.push(sale.id)
      }
      transport.close()
      await proc.kill('SIGKILL') // well inside the upkeep's delay

      const node = await openNodeAt(dir.path)
      try {
        expect(cursor(node.db)).toBeLessThan(lastPos(node.db))
        // The upkeep scheduled at load indexes them without waiting for a read.
        await new Promise((r) => setTimeout(r, UPKEEP_DELAY_MS + 500))
        expect(cursor(node.db)).toBe(lastPos(node.db))
        const session = { userId: null }
        await apiOf(node, session)['session.login']({
          method: 'password',
          username: 'owner',
          password: 'owner-password',
        })
        const list = await apiOf(node, session)['sales.list']({})
        expect(list.total).toBe(5)
        expect(new Set(list.items.map((s) => s.id))).toEqual(new Set(ids))
        expect(cursor(node.db)).toBe(lastPos(node.db))
        expect(count(node.db, "SELECT COUNT(*) AS n FROM ledger_lines WHERE type = 'sale'")).toBe(5)
      } finally {
        await node.close()
      }
    } finally {
      dir.remove()
    }
  })

  it('the store node indexes on close, so a clean restart has nothing to catch up', async () => {
    const dir = tempDir('ledger-index-close')
    try {
      const open = () => openNodeAt(dir.path)
      const node = await open()
      const { owner, productId } = await setUpStore(node)
      await apiOf(node, owner)['sales.checkout']({
        idempotencyKey: 'index-close-1',
        lines: [{ productId, qty: 1 }],
        payment: { method: 'card' },
      })
      await node.close()
      const again = await open()
      try {
        expect(cursor(again.db)).toBe(lastPos(again.db))
      } finally {
        await again.close()
      }
    } finally {
      dir.remove()
    }
  })
})

describe('withoutFsync', () => {
  it('commits at NORMAL inside and restores the connection’s own level after, never raising it', () => {
    const dir = tempDir('without-fsync')
    try {
      const db = openDatabase(join(dir.path, 'x.db'))
      const level = () => db.pragma('synchronous', { simple: true })
      expect(level()).toBe(2)
      expect(withoutFsync(db, level)).toBe(1)
      expect(level()).toBe(2)
      db.pragma('synchronous = OFF')
      expect(withoutFsync(db, level)).toBe(0)
      expect(level()).toBe(0)
      db.close()
    } finally {
      dir.remove()
    }
  })
})
