// Attack: flood the relay with bytes through one device token. Limits used to count messages
// only: 20 × 4 MiB updates were accepted in 4 s. The relay now keeps a byte budget per device
// token (over all its connections) whose burst still lets one largest frame through, so a long
// offline store's big SyncStep2 passes while a flood is cut off with 4531.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  TestPeer,
  createOrg,
  enrollDevice,
  removeDir,
  scrapeMetrics,
  spawnRelay,
  stopRelay,
  sleep,
  waitUntil,
  type CloseInfo,
  type RelayProcess,
  tempDir,
} from '../support/index.ts'

const KiB = 1024
const MAX_PAYLOAD = 1024 * KiB
// the finding's 20 × 4 MiB at a 32 MiB frame cap, scaled to a 1 MiB cap so the test stays light
const UPDATE_BYTES = 200 * KiB
const ORG = 'flood'

let relay: RelayProcess
let dataDir: string

beforeAll(async () => {
  dataDir = tempDir('allot-sec-bytes-').path
  relay = await spawnRelay(dataDir, [
    '--max-payload',
    String(MAX_PAYLOAD),
    '--token-byte-rate',
    String(256 * KiB),
  ])
  await createOrg(relay, ORG)
})

afterAll(async () => {
  if (relay) await stopRelay(relay)
  removeDir(dataDir)
})

const url = () => `${relay.wsUrl}/sync/${ORG}`

function bigEvent(replicaId: string, seq: number, bytes: number): Record<string, unknown> {
  return { seq, id: `${replicaId}-${seq}`, type: 'adjust', at: 'now', by: 'c', note: 'x'.repeat(bytes) }
}

describe('bytes per second per device token', () => {
  it('cuts off 20 large updates sent over two connections of one token (4531)', async () => {
    const attacker = await enrollDevice(relay, ORG, 'r-flood')
    const watcherDevice = await enrollDevice(relay, ORG, 'r-watch')
    const watcher = new TestPeer(url(), { token: watcherDevice.token })
    // two connections of the same token share one budget
    const conns = [0, 1].map(() => new TestPeer(url(), { token: attacker.token, sendLocal: false }))
    await Promise.all([watcher, ...conns].map((p) => p.waitSynced()))
    const closes: Array<CloseInfo | null> = [null, null]
    conns.forEach((c, i) => void c.closed.then((info) => (closes[i] = info)))

    // each update from its own fresh client: none depends on another, whichever connection is faster
    for (let seq = 1; seq <= 20; seq++) {
      const source = new Y.Doc()
      source.getArray('log:r-flood').push([bigEvent('r-flood', seq, UPDATE_BYTES)])
      const conn = conns[seq % 2]!
      if (conn.ws.readyState === conn.ws.OPEN) conn.sendUpdate(Y.encodeStateAsUpdate(source))
    }
    await waitUntil(() => closes.some((c) => c !== null), 10_000, 'a flooding connection closed')
    const refused = closes.find((c) => c !== null)!
    expect(refused).toMatchObject({ code: 4531, reason: 'too many bytes per second for this device' })
    // the burst (1 MiB) and a little refill: far from the 20 updates (4 MiB) that were sent
    await sleep(500)
    expect(watcher.doc.getArray('log:r-flood').length).toBeLessThan(10)
    expect(await scrapeMetrics(relay)).toMatch(
      /allot_relay_limit_refusals_total\{limit="token-bytes"\} [1-9]/,
    )
    for (const p of [watcher, ...conns]) p.close()
  })

  it("lets one SyncStep2 close to the largest frame through (a long offline store's catch-up)", async () => {
    const store = await enrollDevice(relay, ORG, 'r-offline')
    const watcherDevice = await enrollDevice(relay, ORG, 'r-watch-2')
    const watcher = new TestPeer(url(), { token: watcherDevice.token })
    await watcher.waitSynced()
    // sold offline: ~900 KiB of its own events waiting, sent as one SyncStep2 on connect
    const offline = new Y.Doc()
    const events = Array.from({ length: 9 }, (_, i) => bigEvent('r-offline', i + 1, 100 * KiB))
    offline.getArray('log:r-offline').push(events)
    expect(Y.encodeStateAsUpdate(offline).byteLength).toBeGreaterThan(900 * KiB)
    const peer = new TestPeer(url(), { token: store.token, doc: offline })
    await watcher.waitFor(() => watcher.doc.getArray('log:r-offline').length === 9, 10_000, 'catch-up')
    const outcome = await Promise.race([peer.closed.then(() => 'closed'), sleep(300).then(() => 'open')])
    expect(outcome).toBe('open')
    for (const p of [watcher, peer]) p.close()
  })
})
