// (p) The relay on PostgreSQL next to the SQLite relay, same load, same run: propagation A→B
// p50/p99 with A and B on one instance and on two instances of one database, and sustained
// updates/s (writers push sale events as fast as the relay takes them; a reader on the other
// instance must receive every one).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import { createOrg, removeDir, spawnRelay, stopRelay, type RelayProcess } from '../cluster/relay-harness.ts'
import { tempDir } from '../cluster/processes.ts'
import { spawnPgRelay } from '../cluster/pg-relays.ts'
import { postgresUnavailable, startPostgres } from '../cluster/postgres.ts'
import type { BenchRow } from './report.ts'
import { benchRelayArgs, saleEvent } from './relay.bench.ts'
import { summarize } from './stats.ts'
import { LightPeer, enrollMany, openPeers } from './support/peers.ts'

const ORG = 'bench'

interface Setup {
  name: string
  /** Where the writers connect, and where the readers connect. */
  writeTo: RelayProcess
  readFrom: RelayProcess
}

interface Result {
  p50: number
  p99: number
  updatesPerSec: number
}

async function measure(setup: Setup, stores: number, samples: number, perWriter: number): Promise<Result> {
  const tokens = await enrollMany(setup.writeTo, ORG, [
    ...Array.from({ length: stores }, (_, i) => `s${i}`),
    'reader',
  ])
  const token = (id: string) => tokens.get(id)!
  // stores alternate between the write side and the read side
  const peers = await openPeers(
    stores,
    (i) =>
      new LightPeer(`${(i % 2 === 0 ? setup.writeTo : setup.readFrom).wsUrl}/sync/${ORG}`, {
        doc: new Y.Doc(),
        token: token(`s${i}`),
      }),
    25,
  )
  await Promise.all(peers.map((p) => p.until(() => p.synced, 30_000, 'initial sync')))
  const seqs = new Array<number>(stores).fill(0)
  const latencies: number[] = []
  for (let k = -20; k < samples; k++) {
    // a on the write side (even), b on the read side (odd)
    const a = (((k + 20) * 13) % Math.floor(stores / 2)) * 2
    const b = (((k + 20) * 17) % Math.floor(stores / 2)) * 2 + 1
    const pa = peers[a]!
    const pb = peers[b]!
    const key = `log:s${a}`
    const want = ++seqs[a]!
    const start = performance.now()
    pa.doc!.getArray(key).push([saleEvent(`s${a}`, want)])
    await pb.until(() => pb.doc!.getArray(key).length >= want, 10_000, 'propagation')
    if (k >= 0) latencies.push(performance.now() - start)
  }
  const reader = new LightPeer(`${setup.readFrom.wsUrl}/sync/${ORG}`, { token: token('reader') })
  await reader.until(() => reader.synced, 30_000, 'reader sync')
  const writers = peers.filter((_, i) => i % 2 === 0).slice(0, 10)
  const base = reader.frames
  const total = writers.length * perWriter
  const start = performance.now()
  for (let round = 0; round < perWriter; round++) {
    for (const [w, peer] of writers.entries()) {
      const arr = peer.doc!.getArray(`log:s${w * 2}`)
      arr.push([saleEvent(`s${w * 2}`, arr.length + 1)])
    }
    if (round % 5 === 4) await new Promise<void>((ok) => setImmediate(ok))
  }
  const deadline = performance.now() + 120_000
  while (reader.frames - base < total) {
    if (performance.now() > deadline) throw new Error(`${setup.name}: updates incomplete after 120 s`)
    await new Promise((ok) => setTimeout(ok, 5))
  }
  const seconds = (performance.now() - start) / 1000
  reader.close()
  for (const p of peers) p.close()
  const s = summarize(latencies)
  return { p50: s.p50, p99: s.p99, updatesPerSec: total / seconds }
}

/** (p) SQLite relay, one PostgreSQL instance, two PostgreSQL instances: the same measurements. */
export async function benchRelayPg(stores: number, samples: number, perWriter: number): Promise<BenchRow[]> {
  if (postgresUnavailable !== null) {
    process.stderr.write(`bench p skipped: ${postgresUnavailable}\n`)
    return []
  }
  const results: Record<'sqlite' | 'pg1' | 'pg2', Result> = {} as never
  const sqliteDir = tempDir('allot-bench-relay-sqlite-').path
  let sqlite: RelayProcess | undefined
  try {
    sqlite = await spawnRelay(sqliteDir, benchRelayArgs)
    await createOrg(sqlite, ORG)
    results.sqlite = await measure(
      { name: 'SQLite', writeTo: sqlite, readFrom: sqlite },
      stores,
      samples,
      perWriter,
    )
  } finally {
    if (sqlite) await stopRelay(sqlite)
    removeDir(sqliteDir)
  }
  const server = await startPostgres()
  const keyDir = mkdtempSync(join(tmpdir(), 'allot-bench-pg-'))
  const relays: RelayProcess[] = []
  try {
    const keyFile = join(keyDir, 'admin-key')
    const one = await spawnPgRelay(await server.createDatabase('bench_one'), keyFile, {
      extra: benchRelayArgs,
    })
    relays.push(one)
    await createOrg(one, ORG)
    results.pg1 = await measure(
      { name: 'PostgreSQL ×1', writeTo: one, readFrom: one },
      stores,
      samples,
      perWriter,
    )
    const url = await server.createDatabase('bench_two')
    const [a, b] = await Promise.all([
      spawnPgRelay(url, keyFile, { extra: benchRelayArgs }),
      spawnPgRelay(url, keyFile, { extra: benchRelayArgs }),
    ])
    relays.push(a, b)
    await createOrg(a, ORG)
    results.pg2 = await measure(
      { name: 'PostgreSQL ×2', writeTo: a, readFrom: b },
      stores,
      samples,
      perWriter,
    )
  } finally {
    await Promise.allSettled(relays.map((r) => stopRelay(r)))
    await server.remove()
    rmSync(keyDir, { recursive: true, force: true })
  }
  const rows: BenchRow[] = []
  const base = 'SQLite relay'
  for (const [key, label] of [
    ['pg1', 'PostgreSQL, 1 instance'],
    ['pg2', 'PostgreSQL, 2 instances (A and B on different instances)'],
  ] as const) {
    const r = results[key]
    rows.push(
      {
        group: 'p. relay on PostgreSQL',
        metric: `${label}: propagation A→B p50, ${stores} stores`,
        unit: 'ms',
        allot: r.p50,
        baseline: results.sqlite.p50,
        baselineName: base,
        goal: '≤ 20 ms',
        met: r.p50 <= 20,
      },
      {
        group: 'p. relay on PostgreSQL',
        metric: `${label}: propagation A→B p99, ${stores} stores`,
        unit: 'ms',
        allot: r.p99,
        baseline: results.sqlite.p99,
        baselineName: base,
        goal: '≤ 100 ms',
        met: r.p99 <= 100,
      },
      {
        group: 'p. relay on PostgreSQL',
        metric: `${label}: updates/s (10 writers × ${perWriter}, one organization)`,
        unit: '/s',
        allot: r.updatesPerSec,
        baseline: results.sqlite.updatesPerSec,
        baselineName: base,
      },
    )
  }
  return rows
}
