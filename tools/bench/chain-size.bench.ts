import { join } from 'node:path'
import { tempDir } from '../cluster/processes.ts'
import { clientCount, sideBySide } from './restarts.bench.ts'
import { addBenchStore, openBenchTill, withoutFsync, type BenchTill } from './support/bench-till.ts'
import type { BenchRow } from './report.ts'
import { summarize } from './stats.ts'

/** Events each other till's log holds (after its checkpoints keep it bounded, a handful remain). */
const EVENTS_PER_TILL = 5

/**
 * Adds the logs of `tills` other tills to the till's document, as the relay would bring them: each
 * its own Yjs client, its `replicas` entry, its store and a few restocks of the shared product.
 */
function addOtherTills(till: BenchTill, tills: number): void {
  const restocks = Array.from({ length: EVENTS_PER_TILL }, () => ({ productId: till.productId, qty: 1 }))
  for (let t = 0; t < tills; t++) addBenchStore(till.node.store.doc, t, restocks)
}

/**
 * (s) A checkout on a till whose organization's document holds the logs of `tills` other tills
 * (one Yjs client each), next to a fresh till's, measured side by side. A Yjs transaction walks
 * every client the document has, so this grows with the chain (issue 22, item 4).
 */
export async function benchChainSize(sizes: number[], n: number): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  for (const tills of sizes) {
    const dir = tempDir(`bench-chain-${tills}`)
    try {
      const chain = await openBenchTill(join(dir.path, 'chain'))
      const fresh = await openBenchTill(join(dir.path, 'fresh'))
      await withoutFsync(chain.node, async () => chain.node.store.durable(() => addOtherTills(chain, tills)))
      const [inChain, alone] = await sideBySide([chain, fresh], n, `s${tills}`)
      rows.push({
        group: 's. chain size',
        metric: `checkout p50, ${tills.toLocaleString('en')} tills' logs (${clientCount(chain)} Yjs clients)`,
        unit: 'ms',
        allot: summarize(inChain).p50,
        baseline: summarize(alone).p50,
        baselineName: 'a fresh till alone',
      })
      await chain.node.close()
      await fresh.node.close()
    } finally {
      dir.remove()
    }
  }
  return rows
}
