// Reconnect delays: exponential, capped, with jitter so hundreds of stores that lost the relay
// at the same moment do not all come back at the same moment.
export interface BackoffOptions {
  /** Delay before the first retry, before jitter. */
  initialMs: number
  /** Upper bound of the un-jittered delay. */
  maxMs: number
  /** A connection that stays open this long resets the attempt counter. */
  stableAfterMs: number
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000, stableAfterMs: 10_000 }

/** "Equal jitter": half of the exponential delay is fixed, the other half random. */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number): number {
  const exponential = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(attempt, 30))
  const r = Math.min(1, Math.max(0, random()))
  return Math.round(exponential / 2 + r * (exponential / 2))
}
