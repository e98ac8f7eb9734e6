// Token bucket: `ratePerSecond` refill, `burst` capacity. Time comes from the caller so the
// limiter stays deterministic in tests.
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

  /** Takes one token; false when the bucket is empty. */
  take(now: number): boolean {
    const elapsed = Math.max(0, now - this.last) / 1000
    this.last = now
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.ratePerSecond)
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }

  /** True once the bucket has refilled completely, so a map of buckets can forget it. */
  isFull(now: number): boolean {
    const elapsed = Math.max(0, now - this.last) / 1000
    return this.tokens + elapsed * this.ratePerSecond >= this.burst
  }
}

/** One bucket per key (a device token hash), forgetting idle keys on sweep. */
export class KeyedRateLimiter {
  private readonly buckets = new Map<string, TokenBucket>()
  private readonly ratePerSecond: number
  private readonly burst: number

  constructor(ratePerSecond: number, burst: number) {
    this.ratePerSecond = ratePerSecond
    this.burst = burst
  }

  take(key: string, now: number): boolean {
    let bucket = this.buckets.get(key)
    if (!bucket) {
      bucket = new TokenBucket(this.ratePerSecond, this.burst, now)
      this.buckets.set(key, bucket)
    }
    return bucket.take(now)
  }

  sweep(now: number): void {
    for (const [key, bucket] of this.buckets) if (bucket.isFull(now)) this.buckets.delete(key)
  }
}
