import { sleep } from '../cluster/relay-harness.ts'
import type { Cluster } from './cluster.ts'
import type { Rng } from './rng.ts'

// The fault schedule: two lanes run side by side while the workload runs — one for the relay and
// the links (graceful stop, kill -9, slow links), one for single stores (kill -9 and restart, cut
// off through the store's proxy). Each fault is applied, held for a while, then reverted.

export type FaultKind = 'relay-stop' | 'relay-kill' | 'delay' | 'store-kill' | 'sever' | 'sever-two'

export interface FaultTiming {
  gapMs: readonly [number, number]
  holdMs: readonly [number, number]
}

export interface FaultLog {
  counts: Partial<Record<FaultKind, number>>
  total: number
  lines: string[]
}

const relayLane: Readonly<Record<'relay-stop' | 'relay-kill' | 'delay', number>> = {
  'relay-stop': 2,
  'relay-kill': 3,
  delay: 2,
}
const storeLane: Readonly<Record<'store-kill' | 'sever' | 'sever-two', number>> = {
  'store-kill': 3,
  sever: 3,
  'sever-two': 1,
}

export function runFaults(
  cluster: Cluster,
  rngs: { relay: Rng; stores: Rng },
  timing: FaultTiming,
  keepGoing: () => boolean,
  log: FaultLog,
  say: (line: string) => void,
): Promise<void> {
  const started = Date.now()
  const note = (kind: FaultKind, detail: string) => {
    log.counts[kind] = (log.counts[kind] ?? 0) + 1
    log.total++
    const line = `+${((Date.now() - started) / 1000).toFixed(1)}s ${kind} ${detail}`
    log.lines.push(line)
    say(line)
  }

  // A lane also keeps going until it has injected each of its kinds once.
  const lane = async (rng: Rng, unused: readonly string[], apply: (rng: Rng) => Promise<void>) => {
    const more = () => keepGoing() || unused.length > 0
    while (more()) {
      await sleep(rng.int(timing.gapMs[0], timing.gapMs[1]))
      if (!more()) break
      await apply(rng)
    }
  }

  const hold = (rng: Rng) => sleep(rng.int(timing.holdMs[0], timing.holdMs[1]))

  // Each lane first goes through all of its kinds once (in a seeded order), then draws by weight,
  // so even a short run injects every kind of fault.
  const draw = <K extends string>(rng: Rng, weights: Readonly<Record<K, number>>, unused: K[]): K =>
    unused.length > 0 ? unused.splice(rng.int(0, unused.length - 1), 1)[0]! : rng.weighted(weights)
  const unusedRelay = Object.keys(relayLane) as Array<keyof typeof relayLane>
  const unusedStore = Object.keys(storeLane) as Array<keyof typeof storeLane>

  const relayFaults = lane(rngs.relay, unusedRelay, async (rng) => {
    const kind = draw(rng, relayLane, unusedRelay)
    if (kind === 'delay') {
      const targets = cluster.stores.filter(() => rng.chance(0.5))
      const ms = rng.int(20, 400)
      for (const s of targets) s.proxy.setDelay(ms)
      note(kind, `${ms} ms on ${targets.map((s) => s.name).join(',') || 'none'}`)
      await hold(rng)
      for (const s of targets) s.proxy.setDelay(0)
      return
    }
    // one relay: the same draws as ever (a seed replays); several: one instance at a time
    const index = cluster.relays.length > 1 ? rng.int(0, cluster.relays.length - 1) : 0
    const target = cluster.relays[index]!
    note(kind, cluster.relays.length > 1 ? `instance ${index}` : '')
    await target.stop(kind === 'relay-kill' ? 'SIGKILL' : 'SIGTERM')
    await hold(rng)
    await target.start()
  })

  const storeFaults = lane(rngs.stores, unusedStore, async (rng) => {
    const kind = draw(rng, storeLane, unusedStore)
    const store = rng.pick(cluster.stores)
    if (kind === 'store-kill') {
      note(kind, store.name)
      await store.stop('SIGKILL')
      await sleep(rng.int(100, Math.max(200, timing.holdMs[0])))
      await store.start()
      return
    }
    const targets = kind === 'sever-two' ? [store, rng.pick(cluster.stores)] : [store]
    note(kind, [...new Set(targets.map((s) => s.name))].join(','))
    for (const s of targets) s.proxy.sever()
    await hold(rng)
    for (const s of targets) s.proxy.heal()
  })

  return Promise.all([relayFaults, storeFaults]).then(() => undefined)
}

/** Ends every fault: relay up, links healed and fast, every store running. */
export async function healAll(cluster: Cluster): Promise<void> {
  for (const relay of cluster.relays) await relay.start()
  for (const s of cluster.stores) {
    s.proxy.setDelay(0)
    s.proxy.heal()
  }
  await Promise.all(cluster.stores.map((s) => s.start()))
}
