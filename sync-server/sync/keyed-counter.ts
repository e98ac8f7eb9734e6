// Counts what is open per key (a device token hash, a client address, an integration key) so a
// cap can refuse the next one. Keys whose count drops to zero are forgotten.
export class KeyedCounter {
  private readonly counts = new Map<string, number>()

  /** Counts one more for `key` unless it already has `max`; false when refused. */
  tryAcquire(key: string, max: number): boolean {
    const current = this.counts.get(key) ?? 0
    if (current >= max) return false
    this.counts.set(key, current + 1)
    return true
  }

  release(key: string): void {
    const current = this.counts.get(key) ?? 0
    if (current <= 1) this.counts.delete(key)
    else this.counts.set(key, current - 1)
  }
}
