import { describe, expect, it } from 'vitest'
import { CHECKPOINT_EVERY_COMMITS } from '../../store-node/db/replica-store.ts'
import { apiOf, openTestNode, setUpStore } from '../support/index.ts'

describe('upkeep after commits', () => {
  it('checkpoints the WAL between requests, not inside a sale’s commit', async () => {
    const { node, close } = await openTestNode()
    try {
      const { owner, productId } = await setUpStore(node, 1000)
      // SQLite's own in-commit checkpoint is only a backstop, far above the upkeep's threshold.
      expect(node.db.pragma('wal_autocheckpoint', { simple: true })).toBe(4000)
      const sell = (key: string) =>
        apiOf(node, owner)['sales.checkout']({
          idempotencyKey: key,
          lines: [{ productId, qty: 1 }],
          payment: { method: 'card' },
        })
      for (let i = 0; i < CHECKPOINT_EVERY_COMMITS + 10; i++) await sell(`upkeep-${i}`)
      node.store.upkeep()
      await sell('upkeep-after')
      // The checkpoint let the next commit start the WAL over: it holds that one sale's frames.
      const [wal] = node.db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>
      expect(wal!.log).toBeGreaterThan(0)
      expect(wal!.log).toBeLessThan(50)
    } finally {
      await close()
    }
  })
})
