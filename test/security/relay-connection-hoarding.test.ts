// Attack: hold many concurrent sync connections, with one leaked token or from one address. Each
// connection may buffer a frame up to the payload cap and gets every broadcast, and there was no
// cap on connections per token. Now a token holds at most --token-connections (4532) and an
// address at most --address-connections (4533); both are transient, so a retry succeeds once
// older connections close.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  TestPeer,
  createOrg,
  enrollDevice,
  removeDir,
  scrapeMetrics,
  spawnRelay,
  stopRelay,
  withTimeout,
  type RelayProcess,
  tempDir,
} from '../support/index.ts'

const ORG = 'hoard'
let relay: RelayProcess
let dataDir: string
const peers: TestPeer[] = []

beforeAll(async () => {
  dataDir = tempDir('allot-sec-conns-').path
  relay = await spawnRelay(dataDir, [
    '--token-connections',
    '3',
    '--address-connections',
    '5',
    '--upgrade-burst',
    '100',
  ])
  await createOrg(relay, ORG)
})

afterAll(async () => {
  for (const p of peers) p.close()
  if (relay) await stopRelay(relay)
  removeDir(dataDir)
})

function connect(token: string, localAddress?: string): TestPeer {
  const peer = new TestPeer(`${relay.wsUrl}/sync/${ORG}`, {
    token,
    ...(localAddress ? { localAddress } : {}),
  })
  peers.push(peer)
  return peer
}

/** Retries while the relay has not yet seen the freed connection close (transient 4532). */
async function connectOnceFreed(token: string, localAddress: string): Promise<void> {
  const deadline = Date.now() + 5000
  for (;;) {
    const peer = connect(token, localAddress)
    const outcome = await Promise.race([
      peer.waitSynced().then(() => 'synced' as const),
      peer.closed.then((c) => c.code),
    ])
    if (outcome === 'synced') return
    expect(outcome).toBe(4532)
    if (Date.now() > deadline) throw new Error('the freed slot never came back')
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe('concurrent connections', () => {
  it('one token holds at most --token-connections; other tokens are unaffected (4532)', async () => {
    const leaked = await enrollDevice(relay, ORG, 'r-leaked')
    const held = [0, 1, 2].map(() => connect(leaked.token, '127.0.0.3'))
    await Promise.all(held.map((p) => p.waitSynced()))
    const extra = connect(leaked.token, '127.0.0.3')
    expect(await withTimeout(extra.closed, 5000, 'extra refused')).toMatchObject({
      code: 4532,
      reason: 'more than 3 connections for this device',
    })
    const honest = await enrollDevice(relay, ORG, 'r-honest')
    await connect(honest.token, '127.0.0.4').waitSynced()

    // transient: once one closes, the token connects again
    held[0]!.close()
    await connectOnceFreed(leaked.token, '127.0.0.3')
    expect(await scrapeMetrics(relay)).toMatch(
      /allot_relay_limit_refusals_total\{limit="token-connections"\} 1/,
    )
  })

  it('one address holds at most --address-connections whatever the tokens (4533)', async () => {
    const tokens = await Promise.all(
      ['r-a1', 'r-a2', 'r-a3'].map(async (r) => (await enrollDevice(relay, ORG, r)).token),
    )
    const held = [0, 1, 2, 3, 4].map((i) => connect(tokens[i % 3]!, '127.0.0.5'))
    await Promise.all(held.map((p) => p.waitSynced()))
    const extra = connect(tokens[2]!, '127.0.0.5')
    expect(await withTimeout(extra.closed, 5000, 'extra refused')).toMatchObject({
      code: 4533,
      reason: 'more than 5 connections from this address',
    })
    // another address is unaffected
    await connect(tokens[2]!, '127.0.0.6').waitSynced()
    expect(await scrapeMetrics(relay)).toMatch(
      /allot_relay_limit_refusals_total\{limit="address-connections"\} 1/,
    )
  })
})
