// Limits (messages/s, upgrades per token), observability endpoints and graceful shutdown.
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  TestPeer,
  createOrg,
  enrollDevice,
  http,
  removeDir,
  scrapeMetrics,
  spawnRelay,
  stopRelay,
  withTimeout,
  type RelayProcess,
  tempDir,
} from '../support/index.ts'

const dirs: string[] = []
const relays: RelayProcess[] = []
afterAll(async () => {
  for (const r of relays) await stopRelay(r, 'SIGKILL')
  for (const d of dirs) removeDir(d)
})

async function relayWith(args: string[]): Promise<RelayProcess> {
  const dir = tempDir('allot-relay-limits-').path
  dirs.push(dir)
  const relay = await spawnRelay(dir, args)
  relays.push(relay)
  await createOrg(relay, 'lim')
  return relay
}

describe('limits', () => {
  it('closes 4529 when a connection sends too many messages per second', async () => {
    const relay = await relayWith(['--msg-rate', '5', '--msg-burst', '10'])
    const dev = await enrollDevice(relay, 'lim', 'r1')
    const peer = new TestPeer(`${relay.wsUrl}/sync/lim`, { token: dev.token })
    await peer.waitSynced()
    for (let i = 0; i < 30; i++)
      peer.doc.getArray('log:r1').push([{ seq: i + 1, id: `e${i}`, type: 'sale', at: 'now', by: 'r1' }])
    expect(await withTimeout(peer.closed, 5000, 'rate close')).toMatchObject({ code: 4529 })
  })

  it('closes 4530 when one token opens too many connections, but not for other tokens', async () => {
    const relay = await relayWith(['--upgrade-rate', '0.01', '--upgrade-burst', '2'])
    const dev = await enrollDevice(relay, 'lim', 'r1')
    const other = await enrollDevice(relay, 'lim', 'r2')
    const peers = [0, 1, 2].map(() => new TestPeer(`${relay.wsUrl}/sync/lim`, { token: dev.token }))
    const third = await withTimeout(peers[2]!.closed, 5000, 'third refused')
    expect(third.code).toBe(4530)
    const fine = new TestPeer(`${relay.wsUrl}/sync/lim`, { token: other.token })
    await fine.waitSynced()
    for (const p of [...peers, fine]) p.close()
  })
})

describe('observability and shutdown', () => {
  it('serves health, readiness and metrics; SIGTERM drains with 1012 and loses nothing acknowledged', async () => {
    const relay = await relayWith([])
    expect((await http(relay, 'GET', '/healthz', undefined, 'none')).status).toBe(200)
    expect((await http(relay, 'GET', '/readyz', undefined, 'none')).json).toEqual({ status: 'ready' })
    const devices = await Promise.all([1, 2, 3, 4].map((i) => enrollDevice(relay, 'lim', `r${i}`)))
    const peers = devices.map((d) => new TestPeer(`${relay.wsUrl}/sync/lim`, { token: d.token }))
    await Promise.all(peers.map((p) => p.waitSynced()))
    const writer = peers[0]!
    for (let i = 1; i <= 20; i++)
      writer.doc.getArray('log:r1').push([{ seq: i, id: `s${i}`, type: 'sale', at: 'now', by: 'r1' }])
    await writer.waitFor(() => peers[3]!.doc.getArray('log:r1').length === 20, 10_000, 'fan-out')

    const metrics = await scrapeMetrics(relay)
    for (const name of [
      'allot_relay_connections 4',
      'allot_relay_docs_loaded 1',
      'allot_relay_messages_total{direction="in",type="update"}',
      'allot_relay_message_bytes_total{direction="out",type="update"}',
      'allot_relay_sqlite_write_seconds_bucket',
      'nodejs_eventloop_lag_seconds',
      'allot_relay_auth_failures_total',
    ]) {
      expect(metrics).toContain(name)
    }

    relay.child.kill('SIGTERM')
    const closes = await Promise.all(peers.map((p) => withTimeout(p.closed, 10_000, 'drain close')))
    expect(closes.map((c) => c.code)).toEqual([1012, 1012, 1012, 1012])
    expect(await withTimeout(relay.exited, 15_000, 'exit')).toBe(0)

    const again = await spawnRelay(relay.dataDir)
    relays.push(again)
    const check = new TestPeer(`${again.wsUrl}/sync/lim`, { token: devices[1]!.token, doc: new Y.Doc() })
    await check.waitSynced()
    expect(check.doc.getArray('log:r1').length).toBe(20)
    check.close()
  })
})
