import { describe, expect, it } from 'vitest'
import type { Session } from '../../store-node/api/dispatch.ts'
import { apiOf, cleanupAfterEach, openSetUpStore } from '../support/index.ts'

const later = cleanupAfterEach()

describe('the lock screen switches cashier without typing a user name', () => {
  it("lists this store's active staff with a PIN, by name only, to anyone at the till", async () => {
    const s = await openSetUpStore('lock-screen', later)
    await s.owner['users.create']({ username: 'ann', displayName: 'Ann Able', role: 'cashier', pin: '2468' })
    await s.owner['users.create']({
      username: 'nopin',
      displayName: 'No Pin',
      role: 'manager',
      password: 'long-password-1',
    })
    const gone = await s.owner['users.create']({
      username: 'gone',
      displayName: 'Gone Away',
      role: 'cashier',
      pin: '1357',
    })
    await s.owner['users.disable']({ id: gone.id })
    await s.owner['users.create']({
      username: 'elsewhere',
      displayName: 'Else Where',
      role: 'cashier',
      pin: '9753',
      storeIds: ['another-store'],
    })

    const nobody: Session = { userId: null }
    const { staff } = await apiOf(s.node, nobody)['session.staff']({})
    expect(staff).toEqual([
      { username: 'ann', displayName: 'Ann Able', role: 'cashier' },
      { username: 'cashier', displayName: 'Cas Hier', role: 'cashier' },
      { username: 'owner', displayName: 'owner', role: 'owner' },
    ])
    expect(JSON.stringify(staff)).not.toMatch(/hash|scrypt|id"/i)
    // a tile and the PIN: the till now works as Ann
    const view = await apiOf(s.node, nobody)['session.login']({ method: 'pin', username: 'ann', pin: '2468' })
    expect(view.user).toMatchObject({ username: 'ann', role: 'cashier' })
  })
})
