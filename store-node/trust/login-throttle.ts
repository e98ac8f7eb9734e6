import { ApiError } from '../../shared/api/errors.ts'

export interface LoginThrottleOptions {
  nowMs: () => number
  /** Attempts per username that may be failed (within the window) or being checked at once. */
  maxAttempts?: number
  windowMs?: number
  /** Secret checks (scrypt) the whole node runs at once; more are refused, not queued. */
  maxConcurrentChecks?: number
}

/** One reserved attempt; settle it exactly once. */
export interface LoginAttempt {
  succeeded(): void
  failed(): void
  /** Neither a success nor a guess (e.g. the right secret at a store the user may not use). */
  release(): void
}

interface Entry {
  failures: number[]
  inFlight: number
  lockedUntil: number
}

const sweepAbove = 1000

/**
 * Login attempts are counted *before* the secret is hashed, so concurrent guesses cannot all be
 * evaluated: at most `maxAttempts` per username may be in flight or failed within the window, and
 * reaching that many failures locks the username for the window. Per store node, in memory.
 */
export class LoginThrottle {
  private readonly entries = new Map<string, Entry>()
  private readonly nowMs: () => number
  private readonly maxAttempts: number
  private readonly windowMs: number
  private readonly maxConcurrentChecks: number
  private checksInFlight = 0

  constructor(options: LoginThrottleOptions) {
    this.nowMs = options.nowMs
    this.maxAttempts = options.maxAttempts ?? 5
    this.windowMs = options.windowMs ?? 60_000
    this.maxConcurrentChecks = options.maxConcurrentChecks ?? 8
  }

  /** Reserves an attempt for `username` or throws UNAUTHENTICATED with `retryAfterMs`. */
  reserve(username: string): LoginAttempt {
    const now = this.nowMs()
    if (this.entries.size > sweepAbove) this.sweep(now)
    const entry = this.entries.get(username) ?? { failures: [], inFlight: 0, lockedUntil: 0 }
    entry.failures = entry.failures.filter((at) => at > now - this.windowMs)
    if (entry.lockedUntil > now) throw tooMany(entry.lockedUntil - now)
    if (entry.failures.length + entry.inFlight >= this.maxAttempts) {
      const oldest = entry.failures[0]
      throw tooMany(oldest === undefined ? 1000 : Math.max(1000, oldest + this.windowMs - now))
    }
    if (this.checksInFlight >= this.maxConcurrentChecks) {
      throw new ApiError(
        'UNAUTHENTICATED',
        'The store is checking other logins right now; try again in a moment',
        {
          retryAfterMs: 1000,
        },
      )
    }
    entry.inFlight += 1
    this.checksInFlight += 1
    this.entries.set(username, entry)

    let settled = false
    const settle = (outcome: 'succeeded' | 'failed' | 'released') => {
      if (settled) return
      settled = true
      entry.inFlight -= 1
      this.checksInFlight -= 1
      if (outcome === 'succeeded') entry.failures = []
      if (outcome === 'failed') {
        const at = this.nowMs()
        entry.failures.push(at)
        if (entry.failures.length >= this.maxAttempts) {
          entry.lockedUntil = at + this.windowMs
          entry.failures = []
        }
      }
      if (entry.inFlight === 0 && entry.failures.length === 0 && entry.lockedUntil <= this.nowMs())
        this.entries.delete(username)
    }
    return {
      succeeded: () => settle('succeeded'),
      failed: () => settle('failed'),
      release: () => settle('released'),
    }
  }

  /** Forgets usernames with nothing in flight, no recent failure and no lock (random names). */
  private sweep(now: number): void {
    for (const [username, e] of this.entries) {
      if (e.inFlight === 0 && e.lockedUntil <= now && e.failures.every((at) => at <= now - this.windowMs))
        this.entries.delete(username)
    }
  }
}

function tooMany(retryAfterMs: number): ApiError {
  return new ApiError('UNAUTHENTICATED', 'Too many failed attempts; try again in a minute', { retryAfterMs })
}
