import type { MethodName } from '../../../shared/api/contract.ts'

/**
 * The live queries of a window, by StoreApi method: an action that changes something tells the
 * registry which methods' answers are now stale, and every screen showing one of them reloads.
 * No tick counters passed between panels.
 */
export class QueryRegistry {
  private readonly byMethod = new Map<MethodName, Set<() => void>>()

  /** Registers a reload for a query of `method`; returns the unregister function. */
  register(method: MethodName, reload: () => void): () => void {
    let set = this.byMethod.get(method)
    if (!set) {
      set = new Set()
      this.byMethod.set(method, set)
    }
    set.add(reload)
    return () => {
      set.delete(reload)
      if (set.size === 0) this.byMethod.delete(method)
    }
  }

  /** Reloads every live query of these methods. */
  invalidate(methods: readonly MethodName[]): void {
    for (const method of methods) for (const reload of [...(this.byMethod.get(method) ?? [])]) reload()
  }

  /** How many live queries a method has (for tests and diagnostics). */
  count(method: MethodName): number {
    return this.byMethod.get(method)?.size ?? 0
  }
}

/** Answers to a query arrive in order of asking: an older answer never overwrites a newer one. */
export class LatestOnly {
  private asked = 0

  /** Call when asking; the returned check says whether this answer is still the latest. */
  ask(): () => boolean {
    const mine = ++this.asked
    return () => mine === this.asked
  }
}
