// npm run bench [-- --full] [-- --only a,h]: every benchmark, one table, same-run baselines.
import { parseArgs } from 'node:util'
import { benchCheckout } from './checkout.bench.ts'
import { printTable, writeJson, type BenchRow } from './report.ts'
import { benchSearch } from './search.bench.ts'

const { values } = parseArgs({ options: { full: { type: 'boolean', default: false }, only: { type: 'string' } } })
const full = values.full
const only = values.only ? new Set(values.only.split(',')) : undefined
const want = (key: string) => !only || only.has(key)

const rows: BenchRow[] = []
const started = performance.now()
const run = async (key: string, name: string, bench: () => Promise<BenchRow[]>) => {
  if (!want(key)) return
  process.stderr.write(`bench ${key}: ${name}…\n`)
  rows.push(...(await bench()))
}

await run('a', 'durable checkout', () => benchCheckout(full ? 5000 : 1000))
await run('h', 'catalog search', () => benchSearch(100_000, full ? 5000 : 1000))

printTable(rows)
const file = writeJson(rows, full ? 'full' : 'quick')
console.log(`\n${rows.length} figures in ${((performance.now() - started) / 1000).toFixed(0)} s; written to ${file}`)
