/**
 * The escrow property suite: random multi-replica schedules (see schedule.ts). The default run
 * checks at least 10,000 small schedules in total across its shards; ALLOT_LONG=1 runs 200,000
 * longer ones. ALLOT_RUNS / ALLOT_STEPS override the totals, ALLOT_STATS=1 prints coverage counters.
 */
import fc from 'fast-check'
import { describe, it } from 'vitest'
import { initialStockArb, runSchedule, stats, stepArb } from './schedule.ts'

const LONG = process.env.ALLOT_LONG === '1'
const TOTAL_RUNS = Number(process.env.ALLOT_RUNS ?? (LONG ? 200_000 : 10_000))
const MAX_STEPS = Number(process.env.ALLOT_STEPS ?? (LONG ? 40 : 14))

export function describeEscrowProperty(shard: number, shards: number): void {
  const runs = Math.ceil(TOTAL_RUNS / shards)
  describe(`escrow property, shard ${shard}/${shards}: random multi-replica schedules`, () => {
    it(
      `value ≥ 0, own rights ≥ 0, Σ rights = value after every step; convergence; incremental = refold; checkpoints change nothing (${runs} schedules)`,
      () => {
        fc.assert(
          fc.property(
            initialStockArb,
            fc.array(stepArb, { minLength: 4, maxLength: MAX_STEPS, size: 'max' }),
            (stock, steps) => {
              runSchedule(steps, stock)
            },
          ),
          { numRuns: runs },
        )
        if (LONG || process.env.ALLOT_STATS === '1') console.log(JSON.stringify(stats, null, 1))
      },
      24 * 3600_000,
    )
  })
}
