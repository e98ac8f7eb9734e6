import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ApiError } from '../../shared/api/errors.ts'
import { openDatabase } from '../../shared/node/sqlite.ts'
import { waitUntil, startChain, synced, twoStores } from '../support/index.ts'

// A store sends a change to the relay only once SQLite has committed it. A change whose commit
// fails (here: a trigger that refuses the sale's idempotency record, after the Yjs update was made)
// must never reach the relay: there it would be a sale the store never recorded, and the store's
// next sale at that seq a "fork" the relay refuses.

let chain: Awaited<ReturnType<typeof startChain>> | undefined
afterEach(async () => {
  await chain?.close()
  chain = undefined
})

/** Runs SQL on a store's database from outside (the store node sees the schema change). */
function onStoreDb(dir: string, sql: string): void {
  const db = openDatabase(join(dir, 'store.db'))
  try {
    db.exec(sql)
  } finally {
    db.close()
  }
}

describe('sending to the relay after the commit', () => {
  it('a sale whose commit fails never reaches the relay; the restarted store syncs on', async () => {
    chain = await startChain(2)
    const [a, b] = twoStores(chain)
    const product = await a.api['catalog.upsert']({ sku: 'SAC-1', name: 'Committed soap', priceMinor: 250 })
    await a.api['stock.restock']({ productId: product.id, qty: 10 })
    const sell = (key: string) =>
      a.api['sales.checkout']({
        idempotencyKey: key,
        lines: [{ productId: product.id, qty: 1 }],
        payment: { method: 'card' },
      })
    const first = await sell('sac-first')

    onStoreDb(
      a.dir,
      `CREATE TRIGGER inject_failure BEFORE INSERT ON idempotency WHEN NEW.key = 'sac-fails'
         BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
    )
    const failed = await sell('sac-fails').catch((e: unknown) => e)
    expect((failed as ApiError).code).toBe('INTERNAL')
    const halted = await a.api['sync.status']({})
    expect(halted.state).toBe('stopped')
    expect(halted.stoppedReason).toMatch(/store broken/)
    // Nor can it be pointed at a relay again before the restart.
    const relinked = await a.api['sync.relink']({
      relayUrl: chain.relay.url,
      enrollmentCode: 'ABCD-EFGH-JKLM',
    }).catch((e: unknown) => e)
    expect((relinked as ApiError).code).toBe('INTERNAL')
    expect((relinked as ApiError).message).toMatch(/restarted/)

    // The store must be restarted; it comes back without the failed sale and sells on.
    await a.stop()
    onStoreDb(a.dir, 'DROP TRIGGER inject_failure')
    await a.restart()
    const second = await sell('sac-second')
    // The relay accepts it: it never saw another event at that seq (otherwise: a refused fork).
    await synced(a, 15_000)
    await waitUntil(
      async () => (await b.api['sales.list']({})).items.some((s) => s.id === second.id),
      10_000,
      'second sale at B',
    )
    const atB = (await b.api['sales.list']({})).items.filter((s) => s.replicaId === a.replicaId)
    expect(atB.map((s) => s.id).sort()).toEqual([first.id, second.id].sort())
    expect((await b.api['stock.get']({ productId: product.id })).value).toBe(8)
  })
})
