import { act, renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import { createStoreApiClient, type StoreApiClient } from '../../shared/api/client.ts'
import type { MethodName } from '../../shared/api/contract.ts'
import { errorFromBody } from '../../shared/api/errors.ts'
import type { Session } from '../../store-node/api/dispatch.ts'
import type { StoreNode } from '../../store-node/store-node.ts'
import { ApiProvider } from '../../renderer/src/api/api-context.tsx'
import { QueryRegistry } from '../../renderer/src/api/query-registry.ts'
import { useStoreAction } from '../../renderer/src/api/use-store-action.ts'
import {
  QueryRegistryContext,
  useStorePagedQuery,
  useStoreQuery,
} from '../../renderer/src/api/use-store-query.ts'
import { cleanupAfterEach, openNodeAt, setUpStore, tempDir } from '../support/index.ts'

const later = cleanupAfterEach()

/**
 * The renderer's client over a real StoreNode (real SQLite, real handlers, real pushed events), as
 * the Electron IPC bridge gives it: one call in, one answer out, events pushed. `hold` keeps the
 * answers of calls it matches until released (a slow line); `loseNextAnswer` drops one answer after
 * the store has done the work (a connection cut on the way back).
 */
async function realStore() {
  const dir = tempDir('dom-hooks')
  const node: StoreNode = await openNodeAt(dir.path)
  later(() => dir.remove())
  later(() => node.close())
  const s = await setUpStore(node)
  const sent: Array<{ method: MethodName; input: unknown }> = []
  const held: Array<() => void> = []
  const line = {
    hold: undefined as ((method: MethodName, input: unknown) => boolean) | undefined,
    loseNext: false,
  }
  const clientFor = (session: Session): StoreApiClient =>
    createStoreApiClient({
      call: async (method, input) => {
        sent.push({ method, input })
        const envelope = await node.call(method, input, session)
        if (line.hold?.(method, input)) await new Promise<void>((release) => held.push(release))
        if (line.loseNext) {
          line.loseNext = false
          throw new Error('The connection to the store was lost.')
        }
        if (envelope.error) throw errorFromBody(envelope.error)
        return envelope.result
      },
      onEvent: (listener) => node.subscribe(listener),
    })
  const owner = clientFor(s.owner)
  const wrapper = ({ children }: { children: ReactNode }) => (
    <ApiProvider api={owner}>
      <QueryRegistryContext.Provider value={new QueryRegistry()}>{children}</QueryRegistryContext.Provider>
    </ApiProvider>
  )
  return { node, owner, productId: s.productId, wrapper, sent, held, line }
}

describe('the data layer against a real store node', () => {
  it('useStoreQuery drops an answer that arrives after a newer question', async () => {
    const store = await realStore()
    // The first question (all products) is answered late; the second (one product) at once.
    store.line.hold = (method, input) => method === 'stock.list' && (input as { query?: string }).query === ''
    const { result, rerender } = renderHook(
      ({ query }) => useStoreQuery('stock.list', { query, limit: 50 }),
      {
        wrapper: store.wrapper,
        initialProps: { query: '' },
      },
    )
    await waitFor(() => expect(store.held).toHaveLength(1))
    store.line.hold = undefined
    rerender({ query: 'nothing matches this' })
    await waitFor(() => expect(result.current.loading).toBe(false))
    expect(result.current.data?.items).toEqual([])
    act(() => store.held.shift()?.())
    // The late answer (one product) never replaces the newer one.
    await new Promise((r) => setTimeout(r, 50))
    expect(result.current.data?.items).toEqual([])
  })

  it('useStoreQuery loads again when the store pushes the event it listens to', async () => {
    const store = await realStore()
    const { result } = renderHook(
      () => useStoreQuery('stock.get', { productId: store.productId }, { refreshOn: ['stock.changed'] }),
      { wrapper: store.wrapper },
    )
    await waitFor(() => expect(result.current.data?.here).toBe(100))
    // Another client of the same store (not the hook) restocks: the store pushes stock.changed.
    await store.owner['stock.restock']({ productId: store.productId, qty: 5 })
    await waitFor(() => expect(result.current.data?.here).toBe(105))
  })

  it('useStorePagedQuery loads the next page on loadMore', async () => {
    const store = await realStore()
    for (const n of [1, 2, 3, 4])
      await store.owner['catalog.upsert']({
        sku: `EXTRA-${n}`,
        name: `Extra ${n}`,
        priceMinor: 100,
        taxRateBp: 0,
      })
    const { result } = renderHook(() => useStorePagedQuery('stock.list', {}, { pageSize: 2 }), {
      wrapper: store.wrapper,
    })
    await waitFor(() => expect(result.current.items).toHaveLength(2))
    expect(result.current.total).toBe(5)
    expect(result.current.hasMore).toBe(true)
    act(() => result.current.loadMore())
    await waitFor(() => expect(result.current.items).toHaveLength(4))
    act(() => result.current.loadMore())
    await waitFor(() => expect(result.current.items).toHaveLength(5))
    expect(result.current.hasMore).toBe(false)
    expect(new Set(result.current.items.map((r) => r.product.id)).size).toBe(5)
  })

  it('useStoreAction retries a lost answer with the same key, so the store sells once', async () => {
    const store = await realStore()
    const { result } = renderHook(() => useStoreAction('sales.checkout', { showError: 'inline' }), {
      wrapper: store.wrapper,
    })
    const sale = { lines: [{ productId: store.productId, qty: 2 }], payment: { method: 'card' as const } }
    store.line.loseNext = true
    await act(async () => void (await result.current.run(sale)))
    expect(result.current.error).toBe('The connection to the store was lost.')
    let answer: unknown
    await act(async () => void (answer = await result.current.run(sale)))
    expect(answer).toBeDefined()
    expect(result.current.error).toBeUndefined()
    const keys = store.sent
      .filter((c) => c.method === 'sales.checkout')
      .map((c) => (c.input as { idempotencyKey: string }).idempotencyKey)
    expect(keys).toHaveLength(2)
    expect(keys[0]).toBe(keys[1])
    expect((await store.owner['sales.list']({ offset: 0, limit: 10 })).total).toBe(1)
    expect((await store.owner['stock.get']({ productId: store.productId })).here).toBe(98)

    // After a success the next sale of the same cart is a new attempt with a new key.
    await act(async () => void (await result.current.run(sale)))
    const next = store.sent.filter((c) => c.method === 'sales.checkout').at(-1)
    expect((next?.input as { idempotencyKey: string }).idempotencyKey).not.toBe(keys[0])
    expect((await store.owner['sales.list']({ offset: 0, limit: 10 })).total).toBe(2)
  })

  it("useStoreAction shows the store's refusal in the staff's words", async () => {
    const store = await realStore()
    const { result } = renderHook(() => useStoreAction('sales.checkout', { showError: 'inline' }), {
      wrapper: store.wrapper,
    })
    await act(
      async () =>
        void (await result.current.run({
          lines: [{ productId: store.productId, qty: 101 }],
          payment: { method: 'card' },
        })),
    )
    expect(result.current.error).toBe('Not enough stock of this product at this store.')
    expect(result.current.pending).toBe(false)
  })
})
