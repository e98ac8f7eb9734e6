// Malformed input: random bytes, truncated and oversized frames close only the offending
// connection; the relay stays ready and other clients keep syncing.
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import {
  TestPeer,
  createOrg,
  enrollDevice,
  http,
  mulberry32,
  removeDir,
  spawnRelay,
  stopRelay,
  withTimeout,
  type EnrolledDevice,
  type RelayProcess,
  tempDir,
} from '../support/index.ts'

const MAX_PAYLOAD = 64 * 1024
let relay: RelayProcess
let dataDir: string
let fuzzer: EnrolledDevice
let bystander: TestPeer
let witness: TestPeer

beforeAll(async () => {
  dataDir = tempDir('allot-relay-fuzz-').path
  // generous upgrade budget: this test reconnects the same device many times
  relay = await spawnRelay(dataDir, [
    '--max-payload',
    String(MAX_PAYLOAD),
    '--upgrade-rate',
    '1000',
    '--upgrade-burst',
    '1000',
  ])
  await createOrg(relay, 'fz')
  fuzzer = await enrollDevice(relay, 'fz', 'r-fuzz')
  const good = await enrollDevice(relay, 'fz', 'r-good')
  const watcher = await enrollDevice(relay, 'fz', 'r-watch')
  bystander = new TestPeer(`${relay.wsUrl}/sync/fz`, { token: good.token })
  witness = new TestPeer(`${relay.wsUrl}/sync/fz`, { token: watcher.token })
  await Promise.all([bystander.waitSynced(), witness.waitSynced()])
})

afterAll(async () => {
  bystander.close()
  witness.close()
  await stopRelay(relay)
  removeDir(dataDir)
})

function validUpdateFrame(): Uint8Array {
  const doc = new Y.Doc()
  doc
    .getArray('log:r-fuzz')
    .push([{ seq: 1, id: 'x', type: 'sale', at: 'now', by: 'r-fuzz', lines: 'x'.repeat(200) }])
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc))
  return encoding.toUint8Array(encoder)
}

async function sendAndExpectClose(frame: Uint8Array | string): Promise<{ code: number; reason: string }> {
  const peer = new TestPeer(`${relay.wsUrl}/sync/fz`, { token: fuzzer.token, sendLocal: false })
  await peer.opened
  peer.sendRaw(frame)
  return withTimeout(peer.closed, 5000, 'fuzzed connection close')
}

let bystanderSeq = 0
async function othersStillSync(): Promise<void> {
  bystanderSeq++
  bystander.doc
    .getArray('log:r-good')
    .push([{ seq: bystanderSeq, id: `g${bystanderSeq}`, type: 'sale', at: 'now', by: 'r-good' }])
  await witness.waitFor(
    () => witness.doc.getArray('log:r-good').length === bystanderSeq,
    10_000,
    'witness sees bystander',
  )
  expect(bystander.ws.readyState).toBe(bystander.ws.OPEN)
  expect((await http(relay, 'GET', '/readyz', undefined, 'none')).status).toBe(200)
}

describe('fuzzing the relay', () => {
  it('closes on random bytes', async () => {
    const random = mulberry32(42)
    for (let round = 0; round < 12; round++) {
      const frame = new Uint8Array(1 + Math.floor(random() * 300))
      for (let i = 0; i < frame.length; i++) frame[i] = Math.floor(random() * 256)
      // steer half of the frames into the sync/update decoder, where a crash would hurt most
      if (round % 2 === 0) {
        frame[0] = 0
        frame[1] = 2
      } else frame[0] = 4 + (frame[0]! % 120)
      const close = await sendAndExpectClose(frame)
      expect([4400, 4422]).toContain(close.code)
    }
    await othersStillSync()
  })

  it('closes on truncated frames', async () => {
    const full = validUpdateFrame()
    for (const cut of [1, 2, 3, Math.floor(full.length / 2), full.length - 1]) {
      const close = await sendAndExpectClose(full.subarray(0, cut))
      expect(close.code).toBe(4400)
    }
    expect((await sendAndExpectClose('not binary')).code).toBe(4400)
    await othersStillSync()
  })

  it('closes on oversized frames with 1009', async () => {
    const close = await sendAndExpectClose(new Uint8Array(MAX_PAYLOAD + 1024))
    expect(close.code).toBe(1009)
    await othersStillSync()
  })
})
