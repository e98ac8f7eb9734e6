// Behind the shipped nginx every client reaches the relay from 127.0.0.1, so per-address limits
// (enrollment attempts, connections) hit every client at once: one attacker exhausting the
// enrollment budget locked out every store being provisioned. With --trust-proxy the relay takes
// the client's address from X-Forwarded-For / X-Real-IP, but only when the socket's peer is a
// trusted proxy, and only the right-most address that is not itself a trusted proxy (what a
// client writes further left proves nothing). From anyone else those headers are ignored.
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { UsageError, parseArgs } from '../../sync-server/config.ts'
import {
  TestPeer,
  createOrg,
  enrollDevice,
  removeDir,
  spawnRelay,
  stopRelay,
  withTimeout,
  type LooseJson,
  type RelayProcess,
  tempDir,
} from '../support/index.ts'

const ORG = 'proxied'
const dirs: string[] = []
const relays: RelayProcess[] = []
const peers: TestPeer[] = []

afterAll(async () => {
  for (const p of peers) p.close()
  for (const r of relays) await stopRelay(r)
  for (const d of dirs) removeDir(d)
})

async function relayWith(args: string[]): Promise<RelayProcess> {
  const dir = tempDir('allot-sec-xff-').path
  dirs.push(dir)
  const relay = await spawnRelay(dir, args)
  relays.push(relay)
  await createOrg(relay, ORG)
  return relay
}

/** POST /enroll with a wrong code, as a client behind (or pretending to be behind) a proxy. */
function enrollAttempt(
  relay: RelayProcess,
  headers: Record<string, string>,
  localAddress = '127.0.0.1',
): Promise<{ status: number; json: LooseJson }> {
  const body = JSON.stringify({ code: 'AAAA-BBBB-CCCC', replicaId: 'r-guess' })
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: relay.port,
        path: '/enroll',
        method: 'POST',
        localAddress,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (text += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as LooseJson }))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

const ENROLL_LIMIT = ['--enroll-burst', '2', '--enroll-rate', '0.001']

describe('--trust-proxy', () => {
  let proxied: RelayProcess
  beforeAll(async () => {
    proxied = await relayWith([...ENROLL_LIMIT, '--trust-proxy', '127.0.0.1,::1'])
  })

  it('limits enrollment per client behind the proxy, not for everyone at once', async () => {
    const attacker = { 'x-forwarded-for': '203.0.113.5' }
    expect((await enrollAttempt(proxied, attacker)).status).toBe(401)
    expect((await enrollAttempt(proxied, attacker)).status).toBe(401)
    expect((await enrollAttempt(proxied, attacker)).status).toBe(429)
    // the attacker writes addresses of its own to the left of what nginx appended: ignored
    const spoofed = { 'x-forwarded-for': '198.51.100.1, 203.0.113.5' }
    expect((await enrollAttempt(proxied, spoofed)).status).toBe(429)
    // a store being provisioned behind the same proxy still gets its attempts
    expect((await enrollAttempt(proxied, { 'x-forwarded-for': '203.0.113.6' })).status).toBe(401)
    expect((await enrollAttempt(proxied, { 'x-real-ip': '203.0.113.7' })).status).toBe(401)
  })

  it('ignores the headers from a peer that is not a trusted proxy', async () => {
    // 127.0.0.9 is not in the list: its X-Forwarded-For is whatever it likes, so it is not read
    const direct = '127.0.0.9'
    expect((await enrollAttempt(proxied, { 'x-forwarded-for': '192.0.2.1' }, direct)).status).toBe(401)
    expect((await enrollAttempt(proxied, { 'x-forwarded-for': '192.0.2.2' }, direct)).status).toBe(401)
    expect((await enrollAttempt(proxied, { 'x-forwarded-for': '192.0.2.3' }, direct)).status).toBe(429)
    expect((await enrollAttempt(proxied, { 'x-real-ip': '192.0.2.4' }, direct)).status).toBe(429)
  })

  it('caps device connections per client address behind the proxy (4533), not for the proxy itself', async () => {
    // every socket comes from the proxy's address: its socket cap does not apply to it
    const relay = await relayWith([
      '--trust-proxy',
      '127.0.0.1',
      '--address-connections',
      '2',
      '--address-sockets',
      '2',
    ])
    const tokens = await Promise.all(
      ['r1', 'r2', 'r3'].map(async (r) => (await enrollDevice(relay, ORG, r)).token),
    )
    const behind = (token: string, client: string) => {
      const peer = new TestPeer(`${relay.wsUrl}/sync/${ORG}`, {
        token,
        headers: { 'x-forwarded-for': client },
      })
      peers.push(peer)
      return peer
    }
    const held = [behind(tokens[0]!, '198.51.100.7'), behind(tokens[1]!, '198.51.100.7')]
    await Promise.all(held.map((p) => p.waitSynced()))
    const third = behind(tokens[2]!, '198.51.100.7')
    expect((await withTimeout(third.closed, 5000, 'third refused')).code).toBe(4533)
    // another client behind the same proxy connects
    await behind(tokens[2]!, '198.51.100.8').waitSynced()
  })
})

describe('--trust-proxy LIST', () => {
  it('takes addresses and CIDRs, IPv4 and IPv6, and refuses anything else at start', () => {
    const ok = parseArgs(['--data', 'd', '--trust-proxy', '127.0.0.1, ::1,10.0.0.0/8,fd00::/8'])
    expect(ok.trustProxy).toEqual(['127.0.0.1', '::1', '10.0.0.0/8', 'fd00::/8'])
    for (const bad of ['nginx', '10.0.0.0/33', '10.0.0.1/8/1', '::1/129', '300.1.1.1'])
      expect(() => parseArgs(['--data', 'd', '--trust-proxy', bad]), bad).toThrow(UsageError)
  })
})

describe('without --trust-proxy', () => {
  it('forwarding headers cannot buy a client fresh enrollment attempts', async () => {
    const direct = await relayWith(ENROLL_LIMIT)
    expect((await enrollAttempt(direct, { 'x-forwarded-for': '192.0.2.1' })).status).toBe(401)
    expect((await enrollAttempt(direct, { 'x-forwarded-for': '192.0.2.2' })).status).toBe(401)
    expect((await enrollAttempt(direct, { 'x-forwarded-for': '192.0.2.3' })).status).toBe(429)
    expect((await enrollAttempt(direct, { 'x-real-ip': '192.0.2.4' })).status).toBe(429)
  })
})
