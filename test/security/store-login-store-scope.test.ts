import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiError } from '../../shared/api/errors.ts'
import { waitUntil, owner, startChain, twoStores, type ChainStore } from '../support/index.ts'

// A user's `storeIds` say where they work. A cashier of store A who walks into store B (or whose
// PIN is known there) must not log in and sell at B; owners work at every store.

async function errorOf(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ApiError) return error
    throw error
  }
  throw new Error('expected the call to fail')
}

describe('storeIds are enforced at login (two stores of one chain, real processes)', () => {
  let chain: Awaited<ReturnType<typeof startChain>>
  let a: ChainStore
  let b: ChainStore
  let storeA: string
  let storeB: string

  beforeAll(async () => {
    chain = await startChain(2)
    ;[a, b] = twoStores(chain)
    storeA = (await a.api['setup.status']({})).storeId!
    storeB = (await b.api['setup.status']({})).storeId!
    // Staff of store A, created there (their account lists store A only).
    await a.api['users.create']({ username: 'cara', displayName: 'Cara', role: 'cashier', pin: '1111' })
    await a.api['users.create']({
      username: 'max',
      displayName: 'Max',
      role: 'manager',
      password: 'manager-pass-1',
    })
    await waitUntil(
      async () => (await b.api['users.list']({})).items.some((u) => u.username === 'max'),
      20_000,
      'the accounts to reach store B',
    )
  })
  afterAll(() => chain?.close())

  it('refuses a cashier (PIN) and a manager (password) of store A at store B, in plain words', async () => {
    await b.api['session.logout']({})
    const cashier = await errorOf(b.api['session.login']({ method: 'pin', username: 'cara', pin: '1111' }))
    expect(cashier.code).toBe('FORBIDDEN')
    expect(cashier.message).toBe(
      'Your account is not set up for Store B. Ask a manager or owner to add this store to your account.',
    )
    const manager = await errorOf(
      b.api['session.login']({ method: 'password', username: 'max', password: 'manager-pass-1' }),
    )
    expect(manager.code).toBe('FORBIDDEN')
    // Still nobody logged in on that connection: selling there is refused.
    expect((await errorOf(b.api['sales.list']({}))).code).toBe('UNAUTHENTICATED')

    // At their own store both log in; the owner logs in at both.
    await a.api['session.login']({ method: 'pin', username: 'cara', pin: '1111' })
    await a.api['session.login']({ method: 'password', username: 'max', password: 'manager-pass-1' })
    await b.api['session.login']({ method: 'password', ...owner })
    await a.api['session.login']({ method: 'password', ...owner })
  })

  it('lets them in once an owner adds the store, and logs them out at once when it is removed', async () => {
    const cara = (await b.api['users.list']({})).items.find((u) => u.username === 'cara')!
    // Store B is not head office: it may not give store A's staff access to itself.
    expect((await errorOf(b.api['users.update']({ id: cara.id, storeIds: [storeA, storeB] }))).code).toBe(
      'FORBIDDEN',
    )
    // Head office (store A founded the chain) may; store B learns it through the relay.
    await a.api['users.update']({ id: cara.id, storeIds: [storeA, storeB] })
    await waitUntil(
      async () =>
        (await b.api['users.list']({})).items.find((u) => u.id === cara.id)?.storeIds.includes(storeB) ===
        true,
      20_000,
      'the new store list to reach store B',
    )
    const session = await b.api['session.login']({ method: 'pin', username: 'cara', pin: '1111' })
    expect(session.user?.username).toBe('cara')
    await b.api['sales.list']({})

    // The owner at store A takes store B off Cara's account; store B's session ends with the change.
    await a.api['users.update']({ id: cara.id, storeIds: [storeA] })
    await waitUntil(
      async () =>
        (await b.api['sales.list']({}).then(
          () => 'in',
          (e: unknown) => e,
        )) instanceof ApiError,
      20_000,
      'the change to reach store B',
    )
    expect((await errorOf(b.api['sales.list']({}))).code).toBe('UNAUTHENTICATED')
    await b.api['session.login']({ method: 'password', ...owner })
  })
})
