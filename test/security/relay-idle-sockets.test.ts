// Attack: exhaust the relay's file descriptors with sockets that never send a request. Before, 300
// idle sockets (or half-sent requests) stayed open forever and a relay limited to 256
// descriptors refused a real device. Now one peer address holds at most --address-sockets open
// sockets, and a socket that has not completed a request or upgrade within
// --first-request-timeout-ms is closed.
import { execFileSync } from 'node:child_process'
import { connect, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  TestPeer,
  createOrg,
  enrollDevice,
  removeDir,
  scrapeMetrics,
  sleep,
  spawnRelay,
  stopRelay,
  waitUntil,
  type RelayProcess,
  tempDir,
} from '../support/index.ts'

const ORG = 'idle'
const ATTACKER = '127.0.0.2'
let relay: RelayProcess
let dataDir: string
const sockets: Socket[] = []

beforeAll(async () => {
  dataDir = tempDir('allot-sec-idle-').path
  relay = await spawnRelay(dataDir, ['--address-sockets', '50', '--first-request-timeout-ms', '1500'])
  // the finding's setting: a process limited to 256 descriptors
  execFileSync('prlimit', ['--pid', String(relay.child.pid), '--nofile=256:256'])
  await createOrg(relay, ORG)
})

afterAll(async () => {
  for (const s of sockets) s.destroy()
  if (relay) await stopRelay(relay)
  removeDir(dataDir)
})

function idleSocket(partial: boolean): Promise<{ closedAt: () => number | null }> {
  return new Promise((resolve) => {
    let closedAt: number | null = null
    const socket = connect({ host: '127.0.0.1', port: relay.port, localAddress: ATTACKER })
    sockets.push(socket)
    socket.on('error', () => {})
    socket.on('close', () => (closedAt = Date.now()))
    socket.on('connect', () => {
      // half a request: headers never finished
      if (partial) socket.write('GET /sync/idle HTTP/1.1\r\nHost: relay\r\nUpgrade: websocket\r\n')
      resolve({ closedAt: () => closedAt })
    })
    socket.setTimeout(10_000, () => resolve({ closedAt: () => closedAt }))
  })
}

describe('sockets that never complete a request', () => {
  it('300 idle or half-open sockets from one address neither lock out a device nor stay open', async () => {
    const device = await enrollDevice(relay, ORG, 'r-real')
    const opened = Date.now()
    const idle = await Promise.all(Array.from({ length: 300 }, (_, i) => idleSocket(i % 2 === 0)))

    // a real device, from another address, still connects and syncs
    const peer = new TestPeer(`${relay.wsUrl}/sync/${ORG}`, { token: device.token })
    await peer.waitSynced(5000)
    peer.doc.getArray('log:r-real').push([{ seq: 1, id: 'e1', type: 'sale', at: 'now', by: 'c' }])
    await peer.waitFor(() => peer.received.length >= 2, 5000, 'echo')

    // every idle socket is closed by the relay: over the cap at once, the rest after the timeout
    await waitUntil(() => idle.every((s) => s.closedAt() !== null), 8000, 'idle sockets closed')
    const lastClose = Math.max(...idle.map((s) => s.closedAt()!)) - opened
    expect(lastClose).toBeLessThan(5000)
    // and the device that did complete its upgrade is still connected
    await sleep(200)
    expect(peer.ws.readyState).toBe(peer.ws.OPEN)
    const metrics = await scrapeMetrics(relay)
    expect(metrics).toMatch(/allot_relay_limit_refusals_total\{limit="address-sockets"\} [1-9]\d*/)
    expect(metrics).toMatch(/allot_relay_limit_refusals_total\{limit="first-request-timeout"\} [1-9]\d*/)
    peer.close()
  })
})
