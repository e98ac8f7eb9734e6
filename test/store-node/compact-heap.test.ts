import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

// In a fresh process, like the store node's entry points: the test runner's own heap would hide it.
const script = `
import { compactHeapSoon } from './store-node/doc/compact-heap.ts'
let burst = Array.from({ length: 400_000 }, (_, i) => [i, i + 1, i + 2])
const keep = burst.length
burst = undefined
await new Promise((r) => setTimeout(r, 20))
const before = process.memoryUsage().heapTotal
if (process.argv[1] === 'compact') compactHeapSoon(0)
await new Promise((r) => setTimeout(r, 50))
console.log(JSON.stringify({ keep, before, after: process.memoryUsage().heapTotal }))
`

function run(mode: string): { keep: number; before: number; after: number } {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, mode], {
    encoding: 'utf8',
    cwd: resolve(import.meta.dirname, '../..'),
  })
  return JSON.parse(out) as { keep: number; before: number; after: number }
}

describe('compactHeapSoon', () => {
  it('hands the heap left by a burst of short-lived allocation back', () => {
    const compacted = run('compact')
    const left = run('leave')
    expect(compacted.keep).toBe(400_000)
    // Left alone, V8 keeps the heap sized for the burst (tens of MB); compacted, it shrinks.
    expect(left.after).toBeGreaterThan(30 * 1024 * 1024)
    expect(compacted.after).toBeLessThan(left.after / 2)
  })
})
