// A short seeded chaos run against two relay instances on one PostgreSQL database: stores split
// across them, faults that kill and drain one instance at a time, a rogue till attacking through
// whichever instance is up; then the usual checks (converged, nothing negative, lost or doubled).
import { afterAll, describe, expect, it } from 'vitest'
import { formatReport, runChaos } from '../../tools/chaos/run.ts'
import { postgresUnavailable, startPostgres, type PostgresServer } from '../support/index.ts'

const seed = Number(process.env.ALLOT_CHAOS_SEED ?? 20_262)
let server: PostgresServer | undefined

afterAll(async () => {
  await server?.remove()
})

describe.skipIf(postgresUnavailable !== null)('chaos with two relay instances on PostgreSQL', () => {
  it('converges after faults, never shows a negative figure, loses and doubles nothing', async () => {
    server = await startPostgres()
    const database = await server.createDatabase('chaos')
    const report = await runChaos({
      stores: 4,
      ops: 400,
      seed,
      clientsPerStore: 2,
      products: 6,
      thinkMs: [5, 40],
      minFaults: 6,
      faults: { gapMs: [200, 900], holdMs: [300, 1500] },
      convergeTimeoutMs: 90_000,
      rogue: true,
      relays: 2,
      database,
    })
    const summary = formatReport(report)
    if (process.env.ALLOT_CHAOS_VERBOSE) console.log(summary)
    expect(report.violations, summary).toEqual([])
    expect(report.convergeMs, summary).toBeDefined()
    expect(report.faults.counts['relay-kill'] ?? 0, summary).toBeGreaterThan(0)
    expect(report.operations.acknowledged.checkout ?? 0, summary).toBeGreaterThan(80)
    expect(report.rogue!.accepted, summary).toEqual([])
  }, 180_000)
})
