// Multi-store chaos run (see docs/chaos.md):
//   npm run chaos -- --stores 8 --ops 20000 --seed 42
//   npm run chaos -- --relays 3 --database postgres://HOST:PORT/DB?user=U   (an empty database)
// Starts a relay and N store nodes as real processes on loopback, runs a random workload while
// injecting faults, heals, waits for quiescence and checks the invariants; then runs the clone
// scenario. Exits 1 on any violation, printing the seed that reproduces the run.
import { parseArgs } from 'node:util'
import { runCloneScenario } from '../tools/chaos/clone.ts'
import { formatReport, runChaos } from '../tools/chaos/run.ts'
import { exitWithParent } from '../shared/node/exit-with-parent.ts'

const usage = `usage: npm run chaos -- [--stores 8] [--ops 20000] [--seed N] [--clients 3] [--products 8]
                       [--min-faults N] [--think-ms 0-20] [--fault-gap-ms 300-1500] [--fault-hold-ms 400-2500]
                       [--converge-timeout-ms 180000] [--no-rogue] [--no-clone] [--keep-data] [--quiet]
                       [--relays N --database postgres://HOST:PORT/DB?user=U]`

// stopped through npm's PID, stop too: the relay and stores started here watch this process
exitWithParent(() => process.exit(130), { always: true })

const { values } = parseArgs({
  options: {
    stores: { type: 'string', default: '8' },
    ops: { type: 'string', default: '20000' },
    seed: { type: 'string' },
    clients: { type: 'string', default: '3' },
    products: { type: 'string', default: '8' },
    'min-faults': { type: 'string' },
    'think-ms': { type: 'string', default: '0-20' },
    'fault-gap-ms': { type: 'string', default: '300-1500' },
    'fault-hold-ms': { type: 'string', default: '400-2500' },
    'converge-timeout-ms': { type: 'string', default: '180000' },
    relays: { type: 'string', default: '1' },
    database: { type: 'string' },
    'no-rogue': { type: 'boolean', default: false },
    'no-clone': { type: 'boolean', default: false },
    'keep-data': { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
  strict: true,
})
if (values.help) {
  process.stdout.write(`${usage}\n`)
  process.exit(0)
}

function int(name: string, raw: string, min: number): number {
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min) {
    process.stderr.write(`--${name} must be an integer ≥ ${min}, got ${raw}\n${usage}\n`)
    process.exit(2)
  }
  return n
}
function range(name: string, raw: string): readonly [number, number] {
  const [lo, hi = lo] = raw.split('-')
  const a = int(name, lo ?? '', 0)
  const b = int(name, hi ?? '', a)
  return [a, b]
}

const relays = int('relays', values.relays, 1)
const database = values.database ?? null
if (database !== null && !/^postgres(ql)?:\/\//.test(database)) {
  process.stderr.write(`--database must be a postgres:// URL\n${usage}\n`)
  process.exit(2)
}
if (relays > 1 && database === null) {
  process.stderr.write(
    `--relays ${relays} needs --database (instances share one PostgreSQL database)\n${usage}\n`,
  )
  process.exit(2)
}

const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : int('seed', values.seed, 0)
const ops = int('ops', values.ops, 1)
const say = values.quiet ? () => {} : (line: string) => process.stdout.write(`${line}\n`)

const report = await runChaos({
  stores: int('stores', values.stores, 2),
  ops,
  seed,
  clientsPerStore: int('clients', values.clients, 1),
  products: int('products', values.products, 2),
  minFaults:
    values['min-faults'] === undefined
      ? Math.max(6, Math.round(ops / 400))
      : int('min-faults', values['min-faults'], 0),
  thinkMs: range('think-ms', values['think-ms']),
  faults: {
    gapMs: range('fault-gap-ms', values['fault-gap-ms']),
    holdMs: range('fault-hold-ms', values['fault-hold-ms']),
  },
  convergeTimeoutMs: int('converge-timeout-ms', values['converge-timeout-ms'], 1000),
  keepData: values['keep-data'],
  rogue: !values['no-rogue'],
  relays,
  database,
  say,
})
process.stdout.write(`${formatReport(report)}\n`)
let failed = report.violations.length > 0

if (!values['no-clone']) {
  const clone = await runCloneScenario({ seed, say })
  process.stdout.write(
    `clone scenario: ${clone.violations.length === 0 ? 'OK' : 'FAILED'} — ${clone.summary}\n`,
  )
  for (const v of clone.violations) process.stdout.write(`    - ${v}\n`)
  failed ||= clone.violations.length > 0
}

if (failed) {
  process.stdout.write(
    `FAILED — reproduce with: npm run chaos -- --stores ${values.stores} --ops ${ops} --seed ${seed}${database ? ` --relays ${relays} --database <an empty database>` : ''}\n`,
  )
  process.exit(1)
}
process.exit(0)
