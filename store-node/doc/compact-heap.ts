import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

type Gc = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void

/**
 * Hands the memory of the start-up burst back to the OS once the store is open. Decoding the
 * document (one Yjs item per catalog field) allocates far more than stays live, and V8 keeps its
 * heap sized for that peak: 50k products held ~420 MB RSS for ~130 MB of live objects. V8's
 * "last resort" collection (what it does under memory pressure) compacts the heap and releases
 * the empty pages — 424 → 246 MB there — in one pause of a few hundred ms, so it runs a little
 * after start, off the path of the first sale. Process-wide: called by the entry points that host
 * a StoreNode (headless CLI, Electron main), not by the library.
 */
export function compactHeapSoon(delayMs = 3000): NodeJS.Timeout {
  const timer = setTimeout(() => {
    // `gc` is only reachable with --expose-gc; turning the flag on here exposes it to a new context.
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as Gc | undefined
    gc?.({ type: 'major', execution: 'sync', flavor: 'last-resort' })
  }, delayMs)
  timer.unref()
  return timer
}
