// Attack: abuse awareness (presence), which the relay fans out to every connection of the
// organization. Before: 40 awareness messages put 80 MB of states in the relay and 81 MB went out
// to every device, and any connection could overwrite or remove another's state (y-protocols
// accepts any client id with a higher clock). Now a state is capped in size (4413, terminal: the
// same state would be resent), a connection owns the client ids it announced (others' entries are
// dropped, as stock clients echo them back) and may announce only a few (4534).
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
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
  withTimeout,
  type RelayProcess,
  tempDir,
} from '../support/index.ts'

const ORG = 'presence'
let relay: RelayProcess
let dataDir: string
const peers: TestPeer[] = []

beforeAll(async () => {
  dataDir = tempDir('allot-sec-awareness-').path
  relay = await spawnRelay(dataDir) // default caps: 32 KiB per state, 8 client ids per connection
  await createOrg(relay, ORG)
})

afterAll(async () => {
  for (const p of peers) p.close()
  if (relay) await stopRelay(relay)
  removeDir(dataDir)
})

type Entry = [clientId: number, clock: number, state: Record<string, unknown> | null]

/** A raw y-protocols awareness frame, as an attacker would write it. */
function awarenessFrame(entries: readonly Entry[]): Uint8Array {
  const update = encoding.createEncoder()
  encoding.writeVarUint(update, entries.length)
  for (const [clientId, clock, state] of entries) {
    encoding.writeVarUint(update, clientId)
    encoding.writeVarUint(update, clock)
    encoding.writeVarString(update, JSON.stringify(state))
  }
  const frame = encoding.createEncoder()
  encoding.writeVarUint(frame, 1)
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(update))
  return encoding.toUint8Array(frame)
}

/** A device that records every awareness frame the relay sends it. */
class Watcher {
  readonly peer: TestPeer
  readonly states = new Map<number, unknown>()
  bytes = 0

  constructor(token: string) {
    this.peer = connect(token)
    this.peer.ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data))
      if (decoding.readVarUint(decoder) !== 1) return
      this.bytes += data.byteLength
      const update = decoding.createDecoder(decoding.readVarUint8Array(decoder))
      const count = decoding.readVarUint(update)
      for (let i = 0; i < count; i++) {
        const clientId = decoding.readVarUint(update)
        decoding.readVarUint(update)
        const state: unknown = JSON.parse(decoding.readVarString(update))
        if (state === null) this.states.delete(clientId)
        else this.states.set(clientId, state)
      }
    })
  }

  async until(predicate: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 5000
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
      await sleep(20)
    }
  }
}

function connect(token: string): TestPeer {
  const peer = new TestPeer(`${relay.wsUrl}/sync/${ORG}`, { token })
  peers.push(peer)
  return peer
}

async function device(replicaId: string): Promise<TestPeer> {
  const peer = connect((await enrollDevice(relay, ORG, replicaId)).token)
  await peer.waitSynced()
  return peer
}

describe('awareness caps and ownership', () => {
  it('refuses a huge state (4413) before it is stored or fanned out', async () => {
    const watcher = new Watcher((await enrollDevice(relay, ORG, 'r-watch-1')).token)
    await watcher.peer.waitSynced()
    const attacker = await device('r-bloat')
    for (let i = 1; i <= 5; i++)
      attacker.sendRaw(awarenessFrame([[700_001, i, { blob: 'x'.repeat(1024 * 1024) }]]))
    expect(await withTimeout(attacker.closed, 5000, 'bloat refused')).toMatchObject({
      code: 4413,
      reason: 'awareness state over 32768 bytes',
    })
    await sleep(300)
    expect(watcher.bytes).toBe(0)
    expect(watcher.states.has(700_001)).toBe(false)
    expect(await scrapeMetrics(relay)).toMatch(
      /allot_relay_limit_refusals_total\{limit="awareness-state-size"\} 1/,
    )
  })

  it("drops updates and removals of another connection's client id; the attacker's own still count", async () => {
    const watcher = new Watcher((await enrollDevice(relay, ORG, 'r-watch-2')).token)
    await watcher.peer.waitSynced()
    const victim = await device('r-victim')
    victim.sendRaw(awarenessFrame([[4242, 1, { user: 'alice' }]]))
    await watcher.until(() => watcher.states.has(4242), "the victim's state")

    const attacker = await device('r-spoof')
    attacker.sendRaw(awarenessFrame([[4242, 50, { user: 'mallory' }]]))
    attacker.sendRaw(awarenessFrame([[4242, 51, null]]))
    // frames of one connection are handled in order: once its own state arrives, the rest was seen
    attacker.sendRaw(awarenessFrame([[5151, 1, { user: 'attacker' }]]))
    await watcher.until(() => watcher.states.has(5151), "the attacker's own state")
    expect(watcher.states.get(4242)).toEqual({ user: 'alice' })

    // a device joining now is told alice's state, not mallory's
    const late = new Watcher((await enrollDevice(relay, ORG, 'r-late')).token)
    await late.until(() => late.states.has(4242), 'states on join')
    expect(late.states.get(4242)).toEqual({ user: 'alice' })
    // dropping (not refusing) keeps stock clients, which echo every state they learn, connected
    expect(attacker.ws.readyState).toBe(attacker.ws.OPEN)
    expect(await scrapeMetrics(relay)).toMatch(/allot_relay_awareness_dropped_total [2-9]/)

    // when the victim leaves, its id is removed; a stale echo from the attacker cannot revive it
    victim.close()
    await watcher.until(() => !watcher.states.has(4242), "the victim's state removed")
    attacker.sendRaw(awarenessFrame([[4242, 1, { user: 'alice (stale)' }]]))
    attacker.sendRaw(awarenessFrame([[5151, 2, { user: 'attacker again' }]]))
    await watcher.until(
      () => (watcher.states.get(5151) as { user?: string } | undefined)?.user === 'attacker again',
      'the barrier',
    )
    expect(watcher.states.has(4242)).toBe(false)
  })

  it('refuses a connection that announces more client ids than allowed (4534)', async () => {
    const attacker = await device('r-many')
    const entries: Entry[] = Array.from({ length: 9 }, (_, i) => [800_000 + i, 1, { n: i }])
    attacker.sendRaw(awarenessFrame(entries))
    expect(await withTimeout(attacker.closed, 5000, 'many ids refused')).toMatchObject({
      code: 4534,
      reason: 'more than 8 awareness client ids on one connection',
    })
  })
})
