// kill -9 the relay, repeatedly, under a stream of updates: every update whose echo (the relay's
// durable acknowledgement) reached the writer is in the relay after the restart.
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  TestPeer,
  createOrg,
  enrollDevice,
  mulberry32,
  removeDir,
  sleep,
  spawnRelay,
  stopRelay,
  type RelayProcess,
  tempDir,
} from '../support/index.ts'

const ROUNDS = 20
const RELAY_ARGS = ['--upgrade-rate', '1000', '--upgrade-burst', '1000', '--compact-rows', '40']
const dataDir = tempDir('allot-relay-kill-').path
let relay: RelayProcess | undefined

afterAll(async () => {
  if (relay) await stopRelay(relay, 'SIGKILL')
  removeDir(dataDir)
})

/** Seqs of log events contained in updates the relay sent (each one is committed state). */
function seqsIn(update: Uint8Array): number[] {
  const seqs: number[] = []
  for (const struct of Y.decodeUpdate(update).structs) {
    if (struct instanceof Y.Item && struct.content instanceof Y.ContentAny) {
      for (const value of struct.content.arr) {
        const seq = (value as { seq?: unknown } | null)?.seq
        if (typeof seq === 'number') seqs.push(seq)
      }
    }
  }
  return seqs
}

describe('relay crash safety', () => {
  it(`keeps every acknowledged update across ${ROUNDS} kill -9`, async () => {
    relay = await spawnRelay(dataDir, RELAY_ARGS)
    await createOrg(relay, 'k9')
    const writer = await enrollDevice(relay, 'k9', 'rW')
    const reader = await enrollDevice(relay, 'k9', 'rR')
    const writerDoc = new Y.Doc()
    const log = writerDoc.getArray('log:rW')
    const acknowledged = new Set<number>()
    const random = mulberry32(7)
    let seq = 0
    let totalLostChecks = 0

    for (let round = 0; round < ROUNDS; round++) {
      const peer = new TestPeer(`${relay.wsUrl}/sync/k9`, { token: writer.token, doc: writerDoc })
      await peer.waitSynced()
      let seen = 0
      const collect = () => {
        for (; seen < peer.received.length; seen++)
          for (const s of seqsIn(peer.received[seen]!)) acknowledged.add(s)
      }
      // a stream of single-event updates until the relay dies under it
      const stream = setInterval(() => {
        for (let i = 0; i < 3; i++) {
          seq++
          log.push([{ seq, id: `w-${seq}`, type: 'sale', at: new Date().toISOString(), by: 'rW' }])
        }
        collect()
      }, 2)
      await sleep(40 + Math.floor(random() * 120))
      relay.child.kill('SIGKILL')
      await relay.exited
      clearInterval(stream)
      collect()
      peer.close()

      relay = await spawnRelay(dataDir, RELAY_ARGS)
      const verifier = new TestPeer(`${relay.wsUrl}/sync/k9`, { token: reader.token })
      await verifier.waitSynced()
      const present = new Set(
        verifier.doc
          .getArray<{ seq: number }>('log:rW')
          .toArray()
          .map((e) => e.seq),
      )
      verifier.close()
      const lost = [...acknowledged].filter((s) => !present.has(s))
      expect(lost, `round ${round}: acknowledged but missing after kill -9`).toEqual([])
      totalLostChecks += acknowledged.size
    }
    // the run must actually have acknowledged a good part of the stream
    expect(acknowledged.size).toBeGreaterThan(ROUNDS * 3)
    expect(totalLostChecks).toBeGreaterThan(0)

    // and after a last reconnect the writer's unacknowledged tail arrives too: nothing lost overall
    const peer = new TestPeer(`${relay.wsUrl}/sync/k9`, { token: writer.token, doc: writerDoc })
    await peer.waitSynced()
    const verifier = new TestPeer(`${relay.wsUrl}/sync/k9`, { token: reader.token })
    await verifier.waitFor(
      () => verifier.doc.getArray('log:rW').length === seq,
      10_000,
      'full log at the relay',
    )
    const seqs = verifier.doc
      .getArray<{ seq: number }>('log:rW')
      .toArray()
      .map((e) => e.seq)
    expect(seqs).toEqual(Array.from({ length: seq }, (_, i) => i + 1))
    peer.close()
    verifier.close()
  })
})
