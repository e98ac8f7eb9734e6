import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'

/** A child process that printed its JSON ready line. */
export interface ReadyProcess<T> {
  child: ChildProcess
  ready: T
  /** Recent stderr lines (logs), for error messages when something goes wrong. */
  logTail(): string
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
  stop(graceMs?: number): Promise<void>
}

/**
 * Spawns `node <script> …args` (the current Node, so Node 24 runs the .ts directly) and waits for
 * the first stdout line that parses as JSON with `event: "ready"`. Fails with the log tail if the
 * process exits or stays silent past `timeoutMs`.
 */
export async function spawnReady<T extends { event: string }>(
  script: string,
  args: string[],
  options: { cwd: string; timeoutMs?: number; env?: NodeJS.ProcessEnv; name: string },
): Promise<ReadyProcess<T>> {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ALLOT_LOG_LEVEL: process.env.ALLOT_LOG_LEVEL ?? 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const tail: string[] = []
  createInterface({ input: child.stderr! }).on('line', (line) => {
    tail.push(line)
    if (tail.length > 40) tail.shift()
    if (process.env.ALLOT_HARNESS_LOGS) process.stderr.write(`[${options.name}] ${line}\n`)
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const logTail = () => tail.join('\n')

  const ready = await new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(
        new Error(
          `${options.name} printed no ready line within ${options.timeoutMs ?? 20_000} ms\n${logTail()}`,
        ),
      )
    }, options.timeoutMs ?? 20_000)
    const lines = createInterface({ input: child.stdout! })
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as T
        if (parsed && parsed.event === 'ready') {
          clearTimeout(timer)
          resolve(parsed)
        }
      } catch {
        // not JSON: ignore (only the ready line is contractual on stdout)
      }
    })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`${options.name} exited (${code ?? signal}) before it was ready\n${logTail()}`))
    })
  })

  return {
    child,
    ready,
    logTail,
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
      await exited
      clearTimeout(timer)
    },
  }
}
