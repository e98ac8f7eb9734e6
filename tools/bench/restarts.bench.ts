import { join } from 'node:path'
import * as Y from 'yjs'
import { tempDir } from '../cluster/processes.ts'
import { openBenchTill, withoutFsync, type BenchTill } from './support/bench-till.ts'
import type { BenchRow } from './report.ts'
import { summarize, timeEach } from './stats.ts'

/** Yjs clients the till's document has ever had. */
export function clientCount(till: BenchTill): number {
  return Y.decodeStateVector(Y.encodeStateVector(till.node.store.doc)).size
}

/**
 * Times `n` checkouts on each till, in alternating blocks so both see the same machine state:
 * the two figures are measured side by side in one run.
 */
export async function sideBySide(
  tills: [BenchTill, BenchTill],
  n: number,
  tag: string,
): Promise<[number[], number[]]> {
  const out: [number[], number[]] = [[], []]
  const block = 50
  for (let done = 0; done < n; done += block) {
    // Which goes first alternates too: a block right after the other till's is no warmer or colder.
    const order = (done / block) % 2 === 0 ? [0, 1] : [1, 0]
    for (const k of order) {
      const till = tills[k]!
      const size = Math.min(block, n - done)
      out[k]!.push(...(await timeEach(size, 5, (i) => till.checkout(`${tag}-${k}-${done}`, i))))
    }
  }
  return out
}

/**
 * (r) A till after `restarts` clean restarts (in process: close and open the StoreNode), a sale
 * after each, next to a fresh till that made as many sales without restarting. Kept client ids
 * leave the restarted till's document with as many Yjs clients as the fresh one's, so a checkout
 * costs the same (issue 22: ratio ≤ 1.2).
 */
export async function benchRestarts(restarts: number, n: number): Promise<BenchRow[]> {
  const dir = tempDir('bench-restarts')
  try {
    const restarted = await openBenchTill(join(dir.path, 'restarted'))
    const fresh = await openBenchTill(join(dir.path, 'fresh'))
    const clientsBefore = clientCount(restarted)
    for (let r = 0; r < restarts; r++) {
      await restarted.restart()
      await withoutFsync(restarted.node, () => restarted.checkout('between', r))
    }
    await withoutFsync(fresh.node, () => timeEach(restarts, 0, (i) => fresh.checkout('between', i)))
    const [afterRestarts, freshTill] = await sideBySide([restarted, fresh], n, 'r')
    const a = summarize(afterRestarts)
    const f = summarize(freshTill)
    const rows: BenchRow[] = [
      {
        group: 'r. restarts',
        metric: `checkout p50 after ${restarts.toLocaleString('en')} clean restarts`,
        unit: 'ms',
        allot: a.p50,
        baseline: f.p50,
        baselineName: 'a fresh till, as many sales',
        goal: '≤ 1.2× baseline',
        met: a.p50 <= 1.2 * f.p50,
      },
      {
        group: 'r. restarts',
        metric: `Yjs clients after ${restarts.toLocaleString('en')} clean restarts`,
        unit: 'clients',
        allot: clientCount(restarted),
        baseline: clientsBefore,
        baselineName: 'before them',
        goal: 'no more',
        met: clientCount(restarted) <= clientsBefore,
      },
    ]
    await restarted.node.close()
    await fresh.node.close()
    return rows
  } finally {
    dir.remove()
  }
}
