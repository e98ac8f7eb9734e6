import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { ApiError } from '../../shared/api/errors.ts'
import { connectApi } from '../support/api-client.ts'
import { startStoreNode, tempDir } from '../support/processes.ts'

// kill -9 a real store-node process in the middle of a stream of checkouts, many times. Every
// checkout the client saw acknowledged must be there exactly once after the restart, and
// retrying any key (acknowledged or not) must never create a second sale.
const kills = Number(process.env.ALLOT_CRASH_KILLS ?? 50)

describe('store node crash durability (kill -9)', () => {
  const dir = tempDir('crash')
  afterAll(() => dir.remove())

  it(`keeps every acknowledged sale exactly once across ${kills} SIGKILLs`, async () => {
    let node = await startStoreNode(dir.path)
    let { api, transport } = await connectApi(node.ready.api, node.token)
    await api['setup.createOrganization']({ orgName: 'Crash', currency: 'EUR', storeName: 'Till', storeCode: 'T1', owner: { username: 'owner', password: 'owner-password' } })
    const product = await api['catalog.upsert']({ sku: 'C-1', name: 'Cola', priceMinor: 150 })
    await api['stock.restock']({ productId: product.id, qty: 1_000_000 })
    transport.close()
    await node.kill('SIGTERM')

    const acked = new Map<string, string>() // idempotency key -> sale id the API answered
    const attempted = new Set<string>()
    let killsDone = 0

    for (let round = 0; round < kills; round++) {
      node = await startStoreNode(dir.path)
      ;({ api, transport } = await connectApi(node.ready.api, node.token))
      await api['session.login']({ method: 'password', username: 'owner', password: 'owner-password' })

      // Retry every key this test ever tried: acknowledged ones return the same sale, the others
      // either return the sale that was committed before the kill or make it now, once.
      for (const key of attempted) {
        const sale = await api['sales.checkout']({ idempotencyKey: key, lines: [{ productId: product.id, qty: 1 }], payment: { method: 'card' } })
        if (acked.has(key)) expect(sale.id).toBe(acked.get(key))
        acked.set(key, sale.id)
      }
      const listed = await api['sales.list']({ limit: 1000 })
      expect(listed.total).toBe(attempted.size)
      expect(new Set(listed.items.map((s) => s.id))).toEqual(new Set(acked.values()))
      const stock = await api['stock.get']({ productId: product.id })
      expect(stock.value).toBe(1_000_000 - attempted.size)

      // A stream of checkouts, several in flight, killed at a random moment.
      let streaming = true
      const stream = (async () => {
        const inFlight = new Set<Promise<void>>()
        while (streaming) {
          const key = `crash-${randomUUID()}`
          attempted.add(key)
          const p = api['sales.checkout']({ idempotencyKey: key, lines: [{ productId: product.id, qty: 1 }], payment: { method: 'card' } }).then(
            (sale) => {
              acked.set(key, sale.id)
            },
            (error: unknown) => {
              if (!(error instanceof ApiError) || error.message !== 'Connection to the store closed') streaming = false
            },
          )
          inFlight.add(p)
          void p.finally(() => inFlight.delete(p))
          if (inFlight.size >= 4) await Promise.race(inFlight)
        }
        await Promise.allSettled(inFlight)
      })()
      await new Promise((r) => setTimeout(r, 30 + Math.random() * 120))
      node.child.kill('SIGKILL')
      await node.exited
      streaming = false
      await stream
      transport.close()
      killsDone++
    }

    // Final check after the last kill.
    node = await startStoreNode(dir.path)
    ;({ api, transport } = await connectApi(node.ready.api, node.token))
    await api['session.login']({ method: 'password', username: 'owner', password: 'owner-password' })
    for (const key of attempted) {
      const sale = await api['sales.checkout']({ idempotencyKey: key, lines: [{ productId: product.id, qty: 1 }], payment: { method: 'card' } })
      if (acked.has(key)) expect(sale.id).toBe(acked.get(key))
    }
    const listed = await api['sales.list']({ limit: 1000 })
    expect(listed.total).toBe(attempted.size)
    const ids = listed.items.map((s) => s.id)
    expect(new Set(ids).size).toBe(ids.length)
    transport.close()
    await node.kill('SIGTERM')
    expect(killsDone).toBe(kills)
    expect(acked.size).toBeGreaterThan(kills) // the stream really ran between kills
  }, 600_000)
})
