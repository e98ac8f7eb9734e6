import { execSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'

/** One line of the benchmark table: Allot's figure next to a baseline measured in the same run. */
export interface BenchRow {
  group: string
  metric: string
  unit: string
  allot: number
  baseline?: number
  baselineName?: string
  /** Human-readable goal, e.g. "≤ 1.5× baseline" or "≤ 5 ms". */
  goal?: string
  /** Whether the goal was met (undefined when there is no goal). */
  met?: boolean
}

const fmt = (x: number | undefined) =>
  x === undefined || Number.isNaN(x) ? '—' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(3)

export function printTable(rows: BenchRow[]): void {
  const header = ['metric', 'Allot', 'baseline', 'ratio', 'goal', '']
  const lines = rows.map((r) => [
    `${r.group}: ${r.metric} (${r.unit})`,
    fmt(r.allot),
    r.baseline === undefined ? '—' : `${fmt(r.baseline)} ${r.baselineName ?? ''}`.trim(),
    r.baseline ? `${(r.allot / r.baseline).toFixed(2)}×` : '—',
    r.goal ?? '',
    r.met === undefined ? '' : r.met ? 'met' : 'MISSED',
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)))
  const render = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')
  console.log(render(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const l of lines) console.log(render(l))
}

export function writeJson(rows: BenchRow[], mode: string, dir = 'bench-results'): string {
  mkdirSync(dir, { recursive: true })
  let commit = 'unknown'
  try {
    commit = execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim()
  } catch {
    // not a git checkout
  }
  const at = new Date().toISOString()
  const file = join(dir, `bench-${at.replace(/[:.]/g, '-')}.json`)
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? '',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: process.platform,
  }
  writeFileSync(file, JSON.stringify({ at, commit, mode, machine, rows }, null, 2))
  return file
}
