/** Percentile of a sample (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank]!
}

export function summarize(samples: number[]): { p50: number; p99: number; mean: number; n: number } {
  const sorted = [...samples].sort((a, b) => a - b)
  const mean = sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length)
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), mean, n: sorted.length }
}

/**
 * Times `fn` `n` times (after `warmup` runs) and returns milliseconds per run. Between runs the
 * event loop turns once (untimed), as it does between two requests of a real server: timers that
 * fall due (deferred work such as the ledger index) run there, not inside the next measurement.
 */
export async function timeEach(n: number, warmup: number, fn: (i: number) => unknown): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i)
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const start = performance.now()
    await fn(i)
    out.push(performance.now() - start)
    await new Promise((resolve) => setImmediate(resolve))
  }
  return out
}
