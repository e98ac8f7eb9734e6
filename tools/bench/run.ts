// npm run bench [-- --full] [-- --only a,h] [-- --seed 7]: every benchmark, one table, same-run baselines.
import { parseArgs } from 'node:util'
import { benchCatchUp } from './catchup.bench.ts'
import { benchCentral } from './central.bench.ts'
import { benchChainSize } from './chain-size.bench.ts'
import { benchCheckout } from './checkout.bench.ts'
import { benchColdStart } from './coldstart.bench.ts'
import { benchEscrow } from './escrow.bench.ts'
import { benchRelay } from './relay.bench.ts'
import { benchRelayPg } from './relay-pg.bench.ts'
import { benchRestarts } from './restarts.bench.ts'
import { benchSize } from './size.bench.ts'
import { benchMatrix } from './matrix.bench.ts'
import { benchReports } from './reports.bench.ts'
import { printTable, writeJson, type BenchRow } from './report.ts'
import { benchSearch } from './search.bench.ts'
import { benchValidation } from './validation.bench.ts'
import { exitWithParent } from '../../shared/node/exit-with-parent.ts'

// stopped through npm's PID, stop too: the relay and stores started here watch this process
exitWithParent(() => process.exit(130), { always: true })

const { values } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    only: { type: 'string' },
    seed: { type: 'string' }, // of the simulations (g); default 42
  },
})
const full = values.full
const only = values.only ? new Set(values.only.split(',')) : undefined
const want = (key: string) => !only || only.has(key)

const rows: BenchRow[] = []
const started = performance.now()
const run = async (key: string, name: string, bench: () => Promise<BenchRow[]>) => {
  if (!want(key)) return
  process.stderr.write(`bench ${key}: ${name}…\n`)
  const t0 = performance.now()
  rows.push(...(await bench()))
  process.stderr.write(`bench ${key}: ${((performance.now() - t0) / 1000).toFixed(1)} s\n`)
}

await run('a', 'durable checkout', () => benchCheckout(full ? 5000 : 1000))
await run('b', 'central-lock baseline', () =>
  benchCentral(20, full ? 10_000 : 3000, full ? 5000 : 2000, full ? 2000 : 400),
)
await run('c', 'propagation and relay fan-out', () => benchRelay(50, full ? 1000 : 200, 1000, full ? 50 : 10))
await run('p', 'relay on PostgreSQL, one and two instances', () =>
  benchRelayPg(20, full ? 1000 : 200, full ? 100 : 30),
)
await run('d', 'catch-up', () => benchCatchUp(10_000))
await run('e', 'cold start', () =>
  full ? benchColdStart(50_000, 1_000_000) : benchColdStart(10_000, 50_000),
)
await run('f', 'size', () => (full ? benchSize(10_000, 10, 100_000) : benchSize(2000, 5, 10_000)))
await run('g', 'escrow efficiency', () =>
  benchEscrow(20, 100, full ? 20_000 : 2000, values.seed === undefined ? 42 : Number(values.seed)),
)
await run('h', 'catalog search', () => benchSearch(100_000, full ? 5000 : 1000))
await run('m', 'stock matrix', () => benchMatrix(100_000, 49, full ? 1000 : 200))
await run('q', 'reports', () => benchReports(100_000, full ? 1_000_000 : 1_000_000, full ? 200 : 50))
await run('r', 'checkout after 1,000 clean restarts', () => benchRestarts(1000, full ? 2000 : 500))
await run('s', 'checkout by chain size', () => benchChainSize([100, 1000, 5000], full ? 2000 : 500))
await run('v', 'relay validation stall', () => benchValidation())

printTable(rows)
const file = writeJson(rows, full ? 'full' : 'quick')
console.log(
  `\n${rows.length} figures in ${((performance.now() - started) / 1000).toFixed(0)} s; written to ${file}`,
)
