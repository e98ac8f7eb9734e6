import { balanceKey } from '../../shared/core/balances.ts'
import { sleep } from '../cluster/relay-harness.ts'
import { ORG_ID, startCluster, ResilientClient, type Cluster } from './cluster.ts'
import { healAll, runFaults, type FaultLog, type FaultTiming } from './faults.ts'
import { Recorder, isLostAnswer } from './recorder.ts'
import { createRng, subSeed } from './rng.ts'
import {
  checkCardObservation,
  checkArchive,
  checkDisks,
  checkObservation,
  checkSalesList,
  fetchArchive,
  figuresOf,
  foldArchive,
  loadRelayDoc,
} from './verify.ts'
import { loadPgRelayDoc } from './pg-relay-doc.ts'
import { RogueDevice, type RogueStats } from './rogue.ts'
import { runClient, type SharedState } from './workload.ts'
import { http } from '../cluster/relay-harness.ts'
import { issueCode } from '../cluster/chain.ts'

// One chaos run: a relay and N store nodes as real processes, a random workload from several
// clients per store while faults are injected, then heal, quiescence, and the checks.

export interface ChaosOptions {
  stores: number
  ops: number
  seed: number
  clientsPerStore?: number
  products?: number
  /** Keep injecting faults until at least this many, even after the workload is done. */
  minFaults?: number
  thinkMs?: readonly [number, number]
  faults?: FaultTiming
  convergeTimeoutMs?: number
  /** Keep the data directories (their paths are printed). */
  keepData?: boolean
  /** Add a rogue till that sends crafted updates throughout (tools/chaos/rogue.ts). */
  rogue?: boolean
  /** Relay instances on one PostgreSQL database (`database`); stores are split across them. */
  relays?: number
  database?: string | null
  say?: (line: string) => void
}

export interface ChaosReport {
  seed: number
  stores: number
  /** Relay instances (more than one: on PostgreSQL). */
  relays?: number
  operations: {
    attempted: number
    acknowledged: Record<string, number>
    uncertain: Record<string, number>
    settledByRetry: number
    cardPayments: number
    cardRequests: number
  }
  refusals: Record<string, number>
  refusalsByOp: Record<string, number>
  faults: FaultLog
  samples: number
  largestPendingBacklog: number
  workloadMs: number
  convergeMs: number | undefined
  totalMs: number
  archivedEvents: number
  violations: string[]
  dataDirs?: string[]
  rogue?: RogueStats
}

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const say = options.say ?? (() => {})
  const started = Date.now()
  const rec = new Recorder()
  const faults: FaultLog = { counts: {}, total: 0, lines: [] }
  const clientsPerStore = options.clientsPerStore ?? 3
  const productCount = options.products ?? 6
  const timing = options.faults ?? { gapMs: [300, 1500], holdMs: [400, 2500] }
  say(
    `chaos: seed ${options.seed}, ${options.stores} stores × ${clientsPerStore} clients, ${options.ops} operations`,
  )

  const cluster: Cluster = await startCluster(options.stores, [], {
    relays: options.relays ?? 1,
    database: options.database ?? null,
  })
  let workloadMs = 0
  let convergeMs: number | undefined
  let archivedEvents = 0
  let rogue: RogueDevice | undefined
  try {
    const { stores } = cluster
    const setupRng = createRng(subSeed(options.seed, 0))
    // Catalog at the first store; every store restocks everything once it has seen it.
    const first = new ResilientClient(stores[0]!)
    const products: string[] = []
    const cards = stores.map((_, i) => `GC-CHAOS-${i}`)
    for (let i = 0; i < productCount; i++) {
      const p = await (
        await first.api()
      )['catalog.upsert']({
        sku: `CH-${i}`,
        name: `Chaos item ${i}`,
        priceMinor: 100 + i * 37,
        taxRateBp: 700,
        policy: i === productCount - 1 ? 'local' : 'pool',
      })
      products.push(p.id)
    }
    first.close()
    const samplers = stores.map((s) => new ResilientClient(s))
    for (const [i, s] of stores.entries()) {
      const api = await samplers[i]!.api()
      const deadline = Date.now() + 30_000
      for (const productId of products) {
        while (!(await api['catalog.get']({ id: productId }).catch(() => undefined))) {
          if (Date.now() > deadline) throw new Error(`${s.name} never received the catalog`)
          await sleep(100)
        }
        const ref = await api['stock.restock']({ productId, qty: setupRng.int(20, 60) })
        rec.ack({ kind: 'restock', eventId: ref.id, replicaId: ref.replicaId, store: s.index })
      }
      // One gift card sold at each store; the workload pays with any of them at any store.
      await api['cards.sell']({
        idempotencyKey: `chaos-card-${options.seed}-${i}`,
        cardId: cards[i]!,
        amountMinor: 2_000,
        payment: { method: 'cash' },
      })
    }

    if (options.rogue) {
      const relayProc = cluster.relay.proc!
      const code = await issueCode(relayProc, ORG_ID, 'Rogue till')
      const rogueReplica = `rogue-${options.seed}`
      const enrolled = await http(relayProc, 'POST', '/enroll', { code, replicaId: rogueReplica }, 'none')
      if (enrolled.status !== 201) throw new Error(`rogue enrollment: ${JSON.stringify(enrolled.json)}`)
      // through whichever instance is up (the last one: its victims are mostly on the others)
      rogue = new RogueDevice(
        () => {
          const up = cluster.relays.findLast((r) => r.proc)?.proc
          return up ? `${up.wsUrl}/sync/${ORG_ID}` : undefined
        },
        enrolled.json.token as string,
        rogueReplica,
        createRng(subSeed(options.seed, 4)),
      )
      rogue.start()
    }

    // Sampling: every store's figures, throughout, must be a consistent cut.
    let sampling = true
    const badSamples = stores.map(() => 0)
    const sampleLoop = async (i: number) => {
      const client = samplers[i]!
      const store = stores[i]!
      while (sampling) {
        try {
          const api = await client.api()
          for (const cardId of cards) {
            const c = await api['cards.balance']({ cardId })
            rec.samples++
            const bad = checkCardObservation(
              `${store.name} at +${((Date.now() - started) / 1000).toFixed(1)}s`,
              c,
            )
            if (bad.length > 0 && ++badSamples[i]! <= 5) for (const v of bad) rec.violation(v)
          }
          for (const productId of products) {
            const s = await api['stock.get']({ productId })
            rec.samples++
            const bad = checkObservation(
              `${store.name} at +${((Date.now() - started) / 1000).toFixed(1)}s`,
              s,
            )
            // The first few of each store are enough to diagnose; the count says how many more.
            if (bad.length > 0 && ++badSamples[i]! <= 5) for (const v of bad) rec.violation(v)
          }
          const status = await api['sync.status']({})
          if (status.pendingEvents > rec.maxPending) {
            rec.maxPending = status.pendingEvents
            rec.maxPendingAt = store.name
          }
        } catch (error) {
          if (!isLostAnswer(error))
            rec.violation(`${store.name} sampler: ${error instanceof Error ? error.message : String(error)}`)
        }
        await sleep(40)
      }
    }
    const sampling$ = Promise.all(stores.map((_, i) => sampleLoop(i)))

    // Workload and faults.
    let next = 0
    const state: SharedState = {
      seed: options.seed,
      products,
      stores,
      rec,
      takeOp: () => (next < options.ops ? next++ : undefined),
      sales: new Map(stores.map((s) => [s.index, []])),
      holds: new Map(stores.map((s) => [s.index, []])),
      cards,
      thinkMs: options.thinkMs ?? [0, 20],
    }
    const clients: ResilientClient[] = []
    const workStart = Date.now()
    let workloadDone = false
    const work = Promise.all(
      stores.flatMap((s) =>
        Array.from({ length: clientsPerStore }, (_, c) => {
          const client = new ResilientClient(s)
          clients.push(client)
          return runClient(state, client, c, createRng(subSeed(options.seed, 1, s.index, c)))
        }),
      ),
    ).then(() => {
      workloadDone = true
      workloadMs = Date.now() - workStart
      say(`workload done in ${(workloadMs / 1000).toFixed(1)} s`)
    })
    const minFaults = options.minFaults ?? 0
    const faulting = runFaults(
      cluster,
      { relay: createRng(subSeed(options.seed, 2)), stores: createRng(subSeed(options.seed, 3)) },
      timing,
      () => !workloadDone || faults.total < minFaults,
      faults,
      say,
    )
    await work
    await faulting
    for (const c of clients) c.close()

    // Heal and wait for quiescence: every store online, nothing pending, identical figures twice in a row.
    await healAll(cluster)
    if (rogue) {
      // once healed, the rogue finishes a handful of attacks even in a short run
      await rogue.stop(8)
      for (const attack of rogue.stats.accepted) rec.violation(`the relay took the rogue till's ${attack}`)
    }
    const healedAt = Date.now()
    say('healed; waiting for quiescence')
    const timeout = options.convergeTimeoutMs ?? 120_000
    let lastFigures: string[] = []
    let lastStatus = ''
    let stable = 0
    let frozen = false
    while (!frozen && Date.now() - healedAt < timeout) {
      try {
        const apis = await Promise.all(samplers.map((c) => c.api()))
        const statuses = await Promise.all(apis.map((a) => a['sync.status']({})))
        lastStatus = statuses
          .map(
            (st, i) =>
              `${stores[i]!.name}:${st.state}/${st.pendingEvents}${st.stoppedReason ? `(${st.stoppedReason})` : ''}`,
          )
          .join(' ')
        if (statuses.every((st) => st.state === 'online' && st.pendingEvents === 0)) {
          lastFigures = await Promise.all(apis.map((a) => figuresOf(a, products)))
          const again = await Promise.all(apis.map((a) => a['sync.status']({})))
          if (
            lastFigures.every((f) => f === lastFigures[0]) &&
            again.every((st) => st.state === 'online' && st.pendingEvents === 0)
          ) {
            if (++stable >= 2) {
              convergeMs ??= Date.now() - healedAt
              // Freeze: cut every store off, so the rebalancers (which only act online) write
              // nothing between the checks below. Accept only if nothing was written meanwhile.
              for (const st of stores) st.proxy.sever()
              await sleep(300)
              const after = await Promise.all(apis.map((a) => a['sync.status']({})))
              const figures = await Promise.all(apis.map((a) => figuresOf(a, products)))
              if (after.every((st) => st.pendingEvents === 0) && figures.every((f) => f === lastFigures[0]))
                frozen = true
              else {
                for (const st of stores) st.proxy.heal()
                stable = 0
              }
            }
          } else stable = 0
        } else stable = 0
      } catch (error) {
        if (!isLostAnswer(error)) throw error
      }
      if (!frozen) await sleep(250)
    }
    if (!frozen) convergeMs = undefined
    sampling = false
    await sampling$
    for (const [i, n] of badSamples.entries())
      if (n > 5)
        rec.violation(`${stores[i]!.name}: ${n} observations broke the consistent-cut guarantee in all`)
    if (convergeMs === undefined) {
      rec.violation(`no quiescence within ${timeout} ms: ${lastStatus}`)
      const distinct = new Set(lastFigures)
      if (distinct.size > 1)
        rec.violation(`stores disagree: ${[...distinct].map((f) => f.slice(0, 300)).join(' | ')}`)
    } else say(`converged ${(convergeMs / 1000).toFixed(1)} s after healing`)

    // The checks, live.
    const apis = await Promise.all(samplers.map((c) => c.api()))
    const replicaIds = stores.map((s) => s.replicaId)
    const archive = await fetchArchive(cluster.relay, replicaIds)
    archivedEvents = archive.length
    if (rogue) {
      const rogueArchive = await fetchArchive(cluster.relay, [`rogue-${options.seed}`])
      if (rogueArchive.length > 0) rec.violation(`the rogue till has ${rogueArchive.length} archived events`)
    }
    for (const v of checkArchive(rec, archive, replicaIds)) rec.violation(`archive: ${v}`)
    const archivedSales = new Set(archive.filter((e) => e.type === 'sale').map((e) => e.id))
    let firstIds: string[] | undefined
    for (const [i, api] of apis.entries()) {
      const { problems, ids } = await checkSalesList(stores[i]!.name, api, rec, archivedSales)
      for (const p of problems) rec.violation(p)
      firstIds ??= ids
      if (ids.join() !== firstIds.join())
        rec.violation(`${stores[i]!.name}: lists other sales than ${stores[0]!.name}`)
      const alerts = await api['integrity.alerts']({})
      for (const a of alerts.alerts)
        rec.violation(`${stores[i]!.name}: integrity alert ${a.kind}: ${a.message}`)
    }
    const folded = foldArchive(archive)
    for (const [i, api] of apis.entries()) {
      for (const cardId of cards) {
        const c = await api['cards.balance']({ cardId })
        const want = folded.value.get(balanceKey(cardId)) ?? 0
        if (c.balanceMinor !== want)
          rec.violation(
            `${stores[i]!.name}: balance ${c.balanceMinor} of ${cardId}, the archive folds to ${want}`,
          )
        for (const v of checkCardObservation(`${stores[i]!.name} at the end`, c)) rec.violation(v)
      }
      for (const productId of products) {
        const s = await api['stock.get']({ productId })
        const want = folded.value.get(productId) ?? 0
        if (s.value !== want)
          rec.violation(`${stores[i]!.name}: value ${s.value} of ${productId}, the archive folds to ${want}`)
        const rights = folded.rights.get(productId) ?? new Map<string, number>()
        for (const h of s.holders)
          if ((rights.get(h.replicaId) ?? 0) !== h.rights)
            rec.violation(
              `${stores[i]!.name}: rights of ${h.replicaId.slice(0, 8)} on ${productId} = ${h.rights}, the archive folds to ${rights.get(h.replicaId) ?? 0}`,
            )
        for (const [r, n] of rights)
          if (n !== 0 && !s.holders.some((h) => h.replicaId === r))
            rec.violation(
              `${stores[i]!.name}: no rights shown for ${r.slice(0, 8)} on ${productId}, the archive folds to ${n}`,
            )
      }
    }
    for (const c of samplers) c.close()

    // The checks, on disk: stop everything cleanly, then compare documents and ledgers.
    await Promise.all(stores.map((s) => s.stop('SIGTERM')))
    for (const relay of cluster.relays) await relay.stop('SIGTERM')
    const relayDoc = options.database
      ? await loadPgRelayDoc(options.database)
      : loadRelayDoc(cluster.relay.dir)
    for (const v of checkDisks(relayDoc, stores, archive)) rec.violation(`disk: ${v}`)
    relayDoc.doc.destroy()
  } catch (error) {
    rec.violation(`run aborted: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  } finally {
    await rogue?.stop()
    await cluster.close(options.keepData === true)
  }

  const acknowledged: Record<string, number> = {}
  for (const a of rec.acked.values()) acknowledged[a.kind] = (acknowledged[a.kind] ?? 0) + 1
  return {
    seed: options.seed,
    stores: options.stores,
    relays: options.database ? (options.relays ?? 1) : 1,
    operations: {
      attempted: rec.attempted,
      acknowledged,
      uncertain: rec.uncertain,
      settledByRetry: rec.settledByRetry,
      cardPayments: rec.cardPayments,
      cardRequests: rec.cardRequests,
    },
    refusals: rec.refusals,
    refusalsByOp: rec.refusalsByOp,
    faults,
    samples: rec.samples,
    largestPendingBacklog: rec.maxPending,
    workloadMs,
    convergeMs,
    totalMs: Date.now() - started,
    archivedEvents,
    violations: rec.violations,
    ...(options.keepData ? { dataDirs: cluster.dirs.map((d) => d.path) } : {}),
    ...(rogue ? { rogue: rogue.stats } : {}),
  }
}

export function formatReport(r: ChaosReport): string {
  const kv = (o: Record<string, number>) =>
    Object.entries(o)
      .sort()
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || 'none'
  const lines = [
    `chaos summary (seed ${r.seed}, ${r.stores} stores${r.relays && r.relays > 1 ? `, ${r.relays} relay instances on PostgreSQL` : ''})`,
    `  operations     ${r.operations.attempted} attempted; acknowledged: ${kv(r.operations.acknowledged)}`,
    `  lost answers   uncertain: ${kv(r.operations.uncertain)}; idempotent retries settled: ${r.operations.settledByRetry}`,
    `  gift cards     ${r.operations.cardPayments} sales paid partly by card; ${r.operations.cardRequests} balance requests after a refusal`,
    `  refusals       ${kv(r.refusals)}`,
    `  faults         ${r.faults.total}: ${kv(r.faults.counts as Record<string, number>)}`,
    `  observations   ${r.samples} stock.get samples; largest pending backlog ${r.largestPendingBacklog} events`,
    ...(r.rogue
      ? [
          `  rogue till     sent: ${kv(r.rogue.sent)}; closed with: ${kv(r.rogue.closes)}; inert: ${r.rogue.inert}; taken: ${r.rogue.accepted.length}`,
        ]
      : []),
    `  timings        workload ${(r.workloadMs / 1000).toFixed(1)} s; converged ${r.convergeMs === undefined ? 'NEVER' : `${(r.convergeMs / 1000).toFixed(1)} s`} after healing; total ${(r.totalMs / 1000).toFixed(1)} s`,
    `  relay archive  ${r.archivedEvents} events`,
  ]
  if (r.dataDirs) lines.push(`  data kept in   ${r.dataDirs.join(' ')}`)
  if (r.violations.length === 0) lines.push('  result         OK: no violation')
  else {
    lines.push(`  result         ${r.violations.length} VIOLATION(S) — reproduce with --seed ${r.seed}`)
    for (const v of r.violations.slice(0, 50)) lines.push(`    - ${v}`)
  }
  return lines.join('\n')
}
