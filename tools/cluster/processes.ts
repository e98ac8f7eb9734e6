import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { storeNodeFlags } from '../../store-node/infra/node-flags.ts'

// Real processes for integration tests: a store node or a relay as a child, its JSON ready line
// awaited, and everything killed and removed afterwards.

export const repoRoot = resolve(import.meta.dirname, '../..')

/**
 * Children still running. A test that fails before its own cleanup would leave them behind, so
 * whatever is left is killed when this process (the test worker, the bench) exits.
 */
const live = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL')
})

export interface Spawned<Ready> {
  child: ChildProcess
  ready: Ready
  /** stderr lines so far (JSON logs), for diagnosing a failure. */
  logs: string[]
  logTail(): string
  exited: Promise<number | null>
  /** Sends `signal` (SIGTERM by default) and resolves with the exit code. */
  kill(signal?: NodeJS.Signals): Promise<number | null>
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
  stop(graceMs?: number): Promise<void>
}

export function tempDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `allot-${prefix}-`))
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) }
}

export interface SpawnOptions {
  name?: string
  timeoutMs?: number
  env?: NodeJS.ProcessEnv
  /** Flags for Node itself, before the script. */
  nodeFlags?: string[]
}

/**
 * Starts `node <script> ...args` (this Node, so Node 24 runs the .ts directly) and resolves with
 * its first stdout line that parses as `{event: 'ready'}`; fails with the log tail if the process
 * exits or stays silent past the timeout.
 */
export async function spawnReady<Ready>(
  script: string,
  args: string[],
  options: SpawnOptions | number = {},
): Promise<Spawned<Ready>> {
  const {
    name = script,
    timeoutMs = 30_000,
    env = {},
    nodeFlags = [],
  } = typeof options === 'number' ? { timeoutMs: options } : options
  const child = spawn(process.execPath, [...nodeFlags, join(repoRoot, script), ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ALLOT_LOG_LEVEL: process.env.ALLOT_LOG_LEVEL ?? 'warn',
      // never outlive the tool or test that started it (shared/node/exit-with-parent.ts)
      ALLOT_EXIT_WITH_PARENT: '1',
      ...env,
    },
  })
  live.add(child)
  child.once('exit', () => live.delete(child))
  const logs: string[] = []
  createInterface({ input: child.stderr! }).on('line', (line) => {
    logs.push(line)
    if (logs.length > 500) logs.shift()
    if (process.env.ALLOT_HARNESS_LOGS) process.stderr.write(`[${name}] ${line}\n`)
  })
  const logTail = () => logs.slice(-40).join('\n')
  const exited = new Promise<number | null>((ok) =>
    child.once('exit', (code, signal) => {
      if (process.env.ALLOT_HARNESS_LOGS)
        process.stderr.write(`[${name}] exited (code ${code}, signal ${signal})\n`)
      ok(code)
    }),
  )
  const ready = await new Promise<Ready>((ok, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      fail(new Error(`${name} not ready after ${timeoutMs} ms:\n${logTail()}`))
    }, timeoutMs)
    void exited.then((code) => {
      clearTimeout(timer)
      fail(new Error(`${name} exited with ${code} before ready:\n${logTail()}`))
    })
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { event?: string }
        if (parsed.event === 'ready') {
          clearTimeout(timer)
          ok(parsed as Ready)
        }
      } catch {
        // not a JSON line: only the ready line is contractual on stdout
      }
    })
  })
  const running = () => child.exitCode === null && child.signalCode === null
  return {
    child,
    ready,
    logs,
    logTail,
    exited,
    kill: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (running()) child.kill(signal)
      return exited
    },
    stop: async (graceMs = 5000) => {
      if (!running()) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
      await exited
      clearTimeout(timer)
    },
  }
}

export interface StoreReady {
  event: 'ready'
  api: string
  replicaId: string
}

export async function startStoreNode(dataDir: string, extra: string[] = []) {
  const node = await spawnReady<StoreReady>(
    'store-node/cli.ts',
    ['--data', dataDir, '--port', '0', '--host', '127.0.0.1', ...extra],
    { nodeFlags: storeNodeFlags },
  )
  const token = readFileSync(join(dataDir, 'api-token'), 'utf8').trim()
  return { ...node, token }
}
