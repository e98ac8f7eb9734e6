import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { ApiError } from '../../shared/api/errors.ts'
import { connectApi, setUpStandaloneStore, startStoreNode, tempDir } from '../support/index.ts'

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
    const product = await setUpStandaloneStore(api, { sku: 'C-1', name: 'Cola', priceMinor: 150 }, 1_000_000)
    transport.close()
    await node.kill('SIGTERM')

    const acked = new Map<string, string>() // idempotency key -> sale id the API answered
    const attempted = new Set<string>()
    let lastRound = new Set<string>()
    let killsDone = 0

    const allSaleIds = async (): Promise<string[]> => {
      const ids: string[] = []
      for (let offset = 0; ; offset += 1000) {
        const page = await api['sales.list']({ offset, limit: 1000 })
        ids.push(...page.items.map((s) => s.id))
        if (offset + 1000 >= page.total) return ids
      }
    }
    const retry = async (keys: Iterable<string>) => {
      for (const key of keys) {
        const sale = await api['sales.checkout']({
          idempotencyKey: key,
          lines: [{ productId: product.id, qty: 1 }],
          payment: { method: 'card' },
        })
        if (acked.has(key)) expect(sale.id).toBe(acked.get(key))
        acked.set(key, sale.id)
      }
    }
    const verify = async () => {
      const ids = await allSaleIds()
      expect(new Set(ids).size).toBe(ids.length) // nothing twice
      expect(ids.length).toBe(attempted.size) // every attempted key settled into exactly one sale
      expect(new Set(ids)).toEqual(new Set(acked.values())) // every acknowledged sale is there
      expect((await api['stock.get']({ productId: product.id })).value).toBe(1_000_000 - attempted.size)
    }

    for (let round = 0; round < kills; round++) {
      node = await startStoreNode(dir.path)
      ;({ api, transport } = await connectApi(node.ready.api, node.token))
      await api['session.login']({ method: 'password', username: 'owner', password: 'owner-password' })

      // Retry every key of the killed round: acknowledged ones return the same sale, the others
      // either return the sale committed just before the kill or make it now, once.
      await retry(lastRound)
      await verify()
      lastRound = new Set()

      // A stream of checkouts, several in flight, killed at a random moment.
      let streaming = true
      const stream = (async () => {
        const inFlight = new Set<Promise<void>>()
        while (streaming) {
          const key = `crash-${randomUUID()}`
          attempted.add(key)
          lastRound.add(key)
          const p = api['sales.checkout']({
            idempotencyKey: key,
            lines: [{ productId: product.id, qty: 1 }],
            payment: { method: 'card' },
          }).then(
            (sale) => {
              acked.set(key, sale.id)
            },
            (error: unknown) => {
              if (!(error instanceof ApiError) || error.message !== 'Connection to the store closed')
                streaming = false
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
    await retry(lastRound)
    await verify()
    // Retrying every key ever used creates nothing new.
    await retry(attempted)
    await verify()
    transport.close()
    await node.kill('SIGTERM')
    expect(killsDone).toBe(kills)
    expect(acked.size).toBeGreaterThan(kills) // the stream really ran between kills
  }, 600_000)
})
