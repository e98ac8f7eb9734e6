import { copyFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ApiError } from '../../shared/api/errors.ts'
import { connectApi, setUpStandaloneStore, startStoreNode, tempDir } from '../support/index.ts'

describe('stale-restore guard', () => {
  const dir = tempDir('stale')
  afterAll(() => dir.remove())

  it('refuses sales with SALES_LOCKED when an older copy of the database is put back', async () => {
    let node = await startStoreNode(dir.path)
    let { api, transport } = await connectApi(node.ready.api, node.token)
    const product = await setUpStandaloneStore(api, { sku: 'S-1', name: 'Soap', priceMinor: 250 }, 10)
    const sell = (key: string) =>
      api['sales.checkout']({
        idempotencyKey: key,
        lines: [{ productId: product.id, qty: 1 }],
        payment: { method: 'card' },
      })
    await sell('stale-key-1')
    const backup = await api['system.backup']({})
    await sell('stale-key-2')
    await sell('stale-key-3')
    transport.close()
    await node.kill('SIGTERM')

    // Put the older copy back, as a restore from backup (or a copied database) would.
    const db = join(dir.path, 'store.db')
    copyFileSync(backup.file, db)
    rmSync(`${db}-wal`, { force: true })
    rmSync(`${db}-shm`, { force: true })

    node = await startStoreNode(dir.path)
    ;({ api, transport } = await connectApi(node.ready.api, node.token))
    await api['session.login']({ method: 'password', username: 'owner', password: 'owner-password' })
    const status = await api['setup.status']({})
    expect(status.salesLocked).toMatch(/restored or copied/)
    expect((await api['system.health']({})).salesLocked).toBeDefined()
    const refused = await sell('stale-key-4').catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(ApiError)
    expect((refused as ApiError).code).toBe('SALES_LOCKED')
    // The old copy still knows only the first sale; nothing was sold on top of the forgotten ones.
    expect((await api['sales.list']({})).total).toBe(1)
    // No write to our own log at all: a new event would reuse the seq of a forgotten one.
    const restock = await api['stock.restock']({ productId: product.id, qty: 1 }).catch((e: unknown) => e)
    expect((restock as ApiError).code).toBe('SALES_LOCKED')
    // Catalog edits do not touch the log and stay possible.
    await api['catalog.upsert']({ id: product.id, sku: 'S-1', name: 'Soap bar', priceMinor: 260 })
    transport.close()
    await node.kill('SIGTERM')
  })
})
