// Token bucket: `ratePerSecond` refill, `burst` capacity. Time comes from the caller so the
// limiter stays deterministic in tests. A take costs one token by default (messages, attempts);
// byte budgets take the frame's size.
export class TokenBucket {
  private tokens: number
  private last: number
  private readonly ratePerSecond: number
  private readonly burst: number

  constructor(ratePerSecond: number, burst: number, now: number) {
    this.ratePerSecond = ratePerSecond
    this.burst = burst
    this.tokens = burst
    this.last = now
  }

  /** Takes `cost` tokens; false (and nothing taken) when the bucket holds fewer. */
  take(now: number, cost = 1): boolean {
    const elapsed = Math.max(0, now - this.last) / 1000
    this.last = now
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.ratePerSecond)
    if (this.tokens < cost) return false
    this.tokens -= cost
    return true
  }

  /** True once the bucket has refilled completely, so a map of buckets can forget it. */
  isFull(now: number): boolean {
    const elapsed = Math.max(0, now - this.last) / 1000
    return this.tokens + elapsed * this.ratePerSecond >= this.burst
  }
}

/** Idle keys are forgotten at most this often, so a map of buckets cannot grow without bound. */
const SWEEP_EVERY_MS = 60_000

/** One bucket per key (a device token hash, a client address), forgetting idle keys. */
export class KeyedRateLimiter {
  private readonly buckets = new Map<string, TokenBucket>()
  private readonly ratePerSecond: number
  private readonly burst: number
  private lastSweep = Number.NEGATIVE_INFINITY

  constructor(ratePerSecond: number, burst: number) {
    this.ratePerSecond = ratePerSecond
    this.burst = burst
  }

  take(key: string, now: number, cost = 1): boolean {
    if (now - this.lastSweep >= SWEEP_EVERY_MS) this.sweep(now)
    let bucket = this.buckets.get(key)
    if (!bucket) {
      bucket = new TokenBucket(this.ratePerSecond, this.burst, now)
      this.buckets.set(key, bucket)
    }
    return bucket.take(now, cost)
  }

  sweep(now: number): void {
    this.lastSweep = now
    for (const [key, bucket] of this.buckets) if (bucket.isFull(now)) this.buckets.delete(key)
  }
}
