import { setFlagsFromString } from 'node:v8'

/**
 * A store node's memory is mostly one long-lived Y.Doc (the catalog: one Yjs item per product
 * field) built in one burst at start-up. With V8's defaults that burst leaves the heap sized for
 * its peak: 50k products took ~410 MB RSS. Optimizing for size keeps it near what is live (~260 MB)
 * with no measurable change in checkout time (docs/performance.md, bench e). Process-wide, so it
 * is called by the entry points that host a StoreNode (headless CLI, Electron main), before loading.
 */
export function preferCompactHeap(): void {
  setFlagsFromString('--optimize-for-size')
}
