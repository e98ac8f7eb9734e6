import { afterEach, describe, expect, it } from 'vitest'
import { ApiError } from '../../shared/api/errors.ts'
import { spawnRelay, stopRelay, waitUntil, startChain, twoStores } from '../support/index.ts'

// Real relay and store-node processes on loopback: sales propagate, partitions converge, rights
// flow by requests and grants, and sync status is honest throughout.

let chain: Awaited<ReturnType<typeof startChain>> | undefined
afterEach(async () => {
  await chain?.close()
  chain = undefined
})

describe('stores syncing through the relay', () => {
  it('shows a sale made at store A at store B, and converges after both sell while apart', async () => {
    chain = await startChain(2)
    const [a, b] = twoStores(chain)
    const product = await a.api['catalog.upsert']({ sku: 'SYNC-1', name: 'Synced soap', priceMinor: 300 })
    await a.api['stock.restock']({ productId: product.id, qty: 10 })
    await waitUntil(
      async () => (await b.api['stock.get']({ productId: product.id }).catch(() => undefined))?.value === 10,
      10_000,
      'restock at B',
    )
    await b.api['stock.restock']({ productId: product.id, qty: 5 })

    const sale = await a.api['sales.checkout']({
      idempotencyKey: 'sync-sale-1',
      lines: [{ productId: product.id, qty: 2 }],
      payment: { method: 'card' },
    })
    await waitUntil(
      async () => (await b.api['sales.list']({})).items.some((s) => s.id === sale.id),
      10_000,
      'sale at B',
    )
    expect((await b.api['sales.get']({ saleId: sale.id })).storeName).toBe('Store A')
    await waitUntil(async () => (await a.api['sync.status']({})).pendingEvents === 0, 10_000, 'A synced')
    expect((await a.api['sync.status']({})).state).toBe('online')

    // The relay goes away: both keep selling from their own rights; status is honest.
    await stopRelay(chain.relay)
    await waitUntil(async () => (await a.api['sync.status']({})).state !== 'online', 10_000, 'A offline')
    for (let i = 0; i < 3; i++) {
      await a.api['sales.checkout']({
        idempotencyKey: `apart-a-${i}`,
        lines: [{ productId: product.id, qty: 1 }],
        payment: { method: 'card' },
      })
      await b.api['sales.checkout']({
        idempotencyKey: `apart-b-${i}`,
        lines: [{ productId: product.id, qty: 1 }],
        payment: { method: 'card' },
      })
    }
    const offline = await a.api['sync.status']({})
    expect(offline.pendingEvents).toBe(3)
    expect(offline.oldestPendingAt).toBeDefined()
    // Each store can sell only what it holds: A had 8 left, B 5; B cannot oversell A's units.
    const over = await b.api['sales.checkout']({
      idempotencyKey: 'apart-b-over',
      lines: [{ productId: product.id, qty: 3 }],
      payment: { method: 'card' },
    }).catch((e: unknown) => e)
    expect((over as ApiError).code).toBe('OUT_OF_STOCK')

    chain.relay = await spawnRelay(chain.relayDir, [], chain.relay.port)
    await waitUntil(
      async () => {
        const [sa, sb] = await Promise.all([a.api['sync.status']({}), b.api['sync.status']({})])
        return (
          sa.state === 'online' && sb.state === 'online' && sa.pendingEvents === 0 && sb.pendingEvents === 0
        )
      },
      20_000,
      'both synced',
    )
    await waitUntil(
      async () => (await a.api['sales.list']({})).total === 7 && (await b.api['sales.list']({})).total === 7,
      10_000,
      'sales converge',
    )
    const [stockA, stockB] = await Promise.all([
      a.api['stock.get']({ productId: product.id }),
      b.api['stock.get']({ productId: product.id }),
    ])
    expect(stockA.value).toBe(15 - 8)
    expect(stockB.value).toBe(stockA.value)
    expect(stockA.holders).toEqual(stockB.holders)
    expect(stockA.holders.every((h) => h.rights >= 0)).toBe(true)
  })

  it('moves rights: A runs out, asks B, B grants while online; with B offline the request waits', async () => {
    chain = await startChain(2)
    const [a, b] = twoStores(chain)
    const product = await a.api['catalog.upsert']({ sku: 'RIGHTS-1', name: 'Rights rice', priceMinor: 500 })
    await waitUntil(
      async () => !!(await b.api['catalog.get']({ id: product.id }).catch(() => undefined)),
      10_000,
      'product at B',
    )
    await b.api['stock.restock']({ productId: product.id, qty: 40 })
    await waitUntil(
      async () => (await a.api['stock.get']({ productId: product.id })).value === 40,
      10_000,
      'B stock at A',
    )

    const short = await a.api['sales.checkout']({
      idempotencyKey: 'rights-1',
      lines: [{ productId: product.id, qty: 2 }],
      payment: { method: 'card' },
    }).catch((e: unknown) => e)
    expect((short as ApiError).code).toBe('OUT_OF_STOCK')
    const holders = (
      (short as ApiError).details as {
        lines: Array<{ holders: Array<{ replicaId: string; storeName: string }> }>
      }
    ).lines[0]!.holders
    expect(holders[0]).toMatchObject({ replicaId: b.replicaId, storeName: 'Store B' })

    await a.api['stock.request']({ productId: product.id, qty: 10, donorReplicaId: b.replicaId })
    await waitUntil(
      async () => (await a.api['stock.get']({ productId: product.id })).here >= 10,
      10_000,
      'grant from B',
    )
    const granted = await a.api['stock.get']({ productId: product.id })
    expect(granted.here).toBe(10) // B gives at most half of its 40, and no more than asked
    await a.api['sales.checkout']({
      idempotencyKey: 'rights-2',
      lines: [{ productId: product.id, qty: 2 }],
      payment: { method: 'card' },
    })

    // B goes offline; A's next request waits in the document until B is back.
    await b.stop()
    await a.api['stock.request']({ productId: product.id, qty: 5, donorReplicaId: b.replicaId })
    await new Promise((r) => setTimeout(r, 1500))
    expect((await a.api['stock.get']({ productId: product.id })).here).toBe(8)
    expect((await a.api['stock.get']({ productId: product.id })).requests).toHaveLength(1)
    await b.restart()
    await waitUntil(
      async () => (await a.api['stock.get']({ productId: product.id })).here === 13,
      15_000,
      'grant after B returns',
    )
    const final = await a.api['stock.get']({ productId: product.id })
    expect(final.value).toBe(38)
    expect(final.requests).toHaveLength(0)
  })
})
