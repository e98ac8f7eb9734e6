import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LoginThrottle } from '../../store-node/trust/login-throttle.ts'
import {
  connectApi,
  foundOrganization,
  startStoreNode,
  tempDir,
  openRawApi,
  type RawAnswer,
} from '../support/index.ts'

// A PIN is four digits: an attacker holding the API token guesses them concurrently, so that a
// throttle counted only after the (slow) hash lets every guess in flight be evaluated.

const cashier = { username: 'cashier', pin: '4321' }

describe('login attempts are counted before the hash (a store-node process)', () => {
  const dir = tempDir('login-throttle')
  let node: Awaited<ReturnType<typeof startStoreNode>>

  beforeAll(async () => {
    node = await startStoreNode(dir.path)
    const { api, transport } = await connectApi(node.ready.api, node.token)
    await foundOrganization(api, { orgName: 'Throttle test' })
    await api['users.create']({
      username: cashier.username,
      displayName: 'Cas',
      role: 'cashier',
      pin: cashier.pin,
    })
    transport.close()
  })
  afterAll(async () => {
    await node?.stop()
    dir.remove()
  })

  it('evaluates at most 5 of 60 concurrent wrong PINs and refuses the right PIN during the lockout', async () => {
    const attacker = await openRawApi(node.ready.api, { headers: { authorization: `Bearer ${node.token}` } })
    const guesses = Array.from({ length: 60 }, (_, i) => String(1000 + i))
    const answers: RawAnswer[] = await Promise.all(
      guesses.map((pin) =>
        attacker.call('session.login', { method: 'pin', username: cashier.username, pin }),
      ),
    )
    const evaluated = answers.filter((a) => a.error?.message === 'Wrong username or PIN')
    const refusedAtOnce = answers.filter((a) => typeof a.error?.details?.retryAfterMs === 'number')
    expect(answers.every((a) => a.error?.code === 'UNAUTHENTICATED')).toBe(true)
    expect(evaluated).toHaveLength(5)
    expect(refusedAtOnce).toHaveLength(55)
    // Refused without hashing: every refusal arrived before the first evaluated guess was answered.
    const firstEvaluated = Math.min(...evaluated.map((a) => a.at))
    expect(refusedAtOnce.every((a) => a.at <= firstEvaluated)).toBe(true)

    const right = await attacker.call('session.login', { method: 'pin', ...cashier })
    expect(right.error?.code).toBe('UNAUTHENTICATED')
    expect(right.error?.details?.retryAfterMs).toBeGreaterThan(50_000)
    // Another account is not locked by it.
    const owner = await attacker.call('session.login', {
      method: 'password',
      username: 'owner',
      password: 'owner-password',
    })
    expect(owner.error).toBeUndefined()
    attacker.close()
  })
})

describe('LoginThrottle', () => {
  it('reserves before checking, locks after five failures, frees after the window', () => {
    let now = 0
    const throttle = new LoginThrottle({ nowMs: () => now })
    const inFlight = Array.from({ length: 5 }, () => throttle.reserve('ann'))
    expect(() => throttle.reserve('ann')).toThrow(/Too many failed attempts/)
    for (const attempt of inFlight) attempt.failed()
    now += 59_000
    expect(() => throttle.reserve('ann')).toThrow(/Too many failed attempts/)
    now += 1_001
    throttle.reserve('ann').succeeded()
    // A success clears the failures: four more wrong ones do not lock.
    for (let i = 0; i < 4; i++) throttle.reserve('ann').failed()
    throttle.reserve('ann').succeeded()
  })

  it('caps the secret checks the whole node runs at once, whatever the usernames', () => {
    const throttle = new LoginThrottle({ nowMs: () => 0, maxConcurrentChecks: 8 })
    const held = Array.from({ length: 8 }, (_, i) => throttle.reserve(`user-${i}`))
    let refused: unknown
    try {
      throttle.reserve('user-9')
    } catch (error) {
      refused = error
    }
    expect(refused).toMatchObject({ code: 'UNAUTHENTICATED', details: { retryAfterMs: 1000 } })
    held[0]!.release()
    throttle.reserve('user-9').succeeded()
  })
})
