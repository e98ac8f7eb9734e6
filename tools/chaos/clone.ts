import type { SyncStatus } from '../../shared/api/views.ts'
import { sleep } from '../cluster/relay-harness.ts'
import { ORG_ID, ChaosStore, ResilientClient, startCluster } from './cluster.ts'
import { tempDir } from '../cluster/processes.ts'
import { checkArchive, checkObservation, fetchArchive } from './verify.ts'
import { Recorder } from './recorder.ts'

// The clone scenario: a store's data directory (database, device token, everything) is copied
// into a second process that claims the same replica. Both sell the same rights while cut off.
// When they come back, the relay must refuse one of them (its sync stops with a 44xx reason),
// the other store must never see a negative figure, and the relay's archive must hold a single
// history for that replica.

export interface CloneResult {
  violations: string[]
  summary: string
}

export async function runCloneScenario(options: {
  seed: number
  say?: (line: string) => void
}): Promise<CloneResult> {
  const say = options.say ?? (() => {})
  const violations: string[] = []
  const cluster = await startCluster(2)
  const cloneDir = tempDir('chaos-clone')
  cluster.dirs.push(cloneDir)
  const [a, b] = cluster.stores as [ChaosStore, ChaosStore]
  const clone = new ChaosStore(9, cloneDir.path, a.proxy)
  let summary = ''
  const clients: ResilientClient[] = []
  try {
    const ca = new ResilientClient(a)
    const cb = new ResilientClient(b)
    clients.push(ca, cb)
    // A `local` product: its rights never move by themselves, so the arithmetic stays obvious.
    const product = await (
      await ca.api()
    )['catalog.upsert']({
      sku: `CLONE-${options.seed}`,
      name: 'Cloned goods',
      priceMinor: 500,
      policy: 'local',
    })
    await (await ca.api())['stock.restock']({ productId: product.id, qty: 10 })
    const deadline = Date.now() + 20_000
    while (
      (await (await cb.api())['stock.get']({ productId: product.id }).catch(() => undefined))?.value !== 10 ||
      (await (await ca.api())['sync.status']({})).pendingEvents !== 0
    ) {
      if (Date.now() > deadline) throw new Error('the restock never reached the second store')
      await sleep(100)
    }

    // A second device cannot enroll as the same replica.
    const code = await cluster.relay.admin('POST', `/admin/orgs/${ORG_ID}/enrollment-codes`, {
      storeName: 'Clone',
    })
    const enroll = await fetch(`${cluster.relay.proc!.url}/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: code.json.code, replicaId: a.replicaId }),
    })
    if (enroll.status !== 409)
      violations.push(
        `enrolling a second device as ${a.replicaId} answered ${enroll.status}, expected 409 replica-bound`,
      )

    // Copy the whole data directory while the store is stopped, then run both, cut off.
    await a.stop('SIGTERM')
    a.copyDataTo(clone.dir)
    a.proxy.sever()
    await a.start()
    await clone.start()
    if (clone.replicaId !== a.replicaId)
      violations.push(`the copy started as replica ${clone.replicaId}, not ${a.replicaId}`)
    const cc = new ResilientClient(clone)
    clients.push(cc)

    // The other store is watched throughout.
    let watching = true
    let samples = 0
    const watch = (async () => {
      while (watching) {
        try {
          const s = await (await cb.api())['stock.get']({ productId: product.id })
          samples++
          for (const v of checkObservation(`${b.name} while the clone was about`, s))
            if (!violations.includes(v)) violations.push(v)
        } catch {
          // a lost answer: sample again
        }
        await sleep(50)
      }
    })()

    const sold: string[] = []
    for (const [name, client, key] of [
      ['original', ca, `clone-${options.seed}-original`],
      ['clone', cc, `clone-${options.seed}-copy`],
    ] as const) {
      try {
        await (
          await client.api()
        )['sales.checkout']({
          idempotencyKey: key,
          lines: [{ productId: product.id, qty: 8 }],
          payment: { method: 'cash' },
        })
        sold.push(name)
      } catch (error) {
        say(
          `clone scenario: ${name} could not sell: ${error instanceof Error ? error.message : String(error)}`,
        )
      }
    }
    a.proxy.heal()

    // One of the two must be refused by the relay (a 44xx close: reconnecting cannot help).
    const statusOf = async (client: ResilientClient): Promise<SyncStatus> =>
      (await client.api())['sync.status']({})
    let sa: SyncStatus | undefined
    let sc: SyncStatus | undefined
    const until = Date.now() + 30_000
    for (;;) {
      ;[sa, sc] = await Promise.all([statusOf(ca), statusOf(cc)])
      const refused = [sa, sc].filter(
        (s) => s.state === 'stopped' && /\b44\d\d\b/.test(s.stoppedReason ?? ''),
      )
      const settled = [sa, sc].filter((s) => s.state === 'online' && s.pendingEvents === 0)
      if ((refused.length === 1 && settled.length === 1) || Date.now() > until) break
      await sleep(200)
    }
    await sleep(1500)
    watching = false
    await watch
    const refused = [sa, sc].filter((s) => s?.state === 'stopped' && /\b44\d\d\b/.test(s.stoppedReason ?? ''))
    if (refused.length !== 1)
      violations.push(
        `the relay did not refuse exactly one of the two writers of replica ${a.replicaId.slice(0, 8)}: original ${describe(sa)}, clone ${describe(sc)}`,
      )

    const stock = await (await cb.api())['stock.get']({ productId: product.id })
    violations.push(...checkObservation(`${b.name} after the clone came back`, stock))
    const alerts = await (await cb.api())['integrity.alerts']({})
    for (const alert of alerts.alerts)
      violations.push(`${b.name}: integrity alert ${alert.kind}: ${alert.message}`)
    const archive = await fetchArchive(cluster.relay, [a.replicaId, b.replicaId])
    for (const v of checkArchive(new Recorder(), archive, [a.replicaId, b.replicaId]).filter((v) =>
      /fork|gap|twice/.test(v),
    ))
      violations.push(`archive: ${v}`)
    summary = `sold offline by ${sold.join(' and ') || 'nobody'}; original ${describe(sa)}; clone ${describe(sc)}; ${b.name} sees value ${stock.value} after ${samples} samples`
  } catch (error) {
    violations.push(
      `clone scenario aborted: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    )
  } finally {
    for (const c of clients) c.close()
    await clone.stop('SIGKILL')
    await cluster.close()
  }
  return { violations, summary }
}

function describe(s: SyncStatus | undefined): string {
  if (!s) return 'unknown'
  return s.state === 'stopped'
    ? `stopped (${s.stoppedReason ?? '?'})`
    : `${s.state}, ${s.pendingEvents} pending`
}
