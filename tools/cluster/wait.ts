// Waiting for something that happens asynchronously (sync, restarts), in one place for tests,
// the chaos run and the benches.

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms))
}

/** Polls `predicate` until it is true; throws naming `what` after `timeoutMs`. */
export async function waitUntil(
  predicate: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(25)
  }
}

/** Retries `fn` until it resolves and returns its value; throws its last error after `timeoutMs`. */
export async function eventually<T>(fn: () => Promise<T>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      return await fn()
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(
          `timed out waiting for ${what}: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        )
    }
    await sleep(250)
  }
}
