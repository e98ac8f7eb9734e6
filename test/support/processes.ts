import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'

// Real processes for integration tests: a store node or a relay as a child, its JSON ready line
// awaited, and everything killed and removed afterwards.

export const repoRoot = resolve(import.meta.dirname, '../..')

export interface Spawned<Ready> {
  child: ChildProcess
  ready: Ready
  /** stderr lines so far (JSON logs), for diagnosing a failure. */
  logs: string[]
  exited: Promise<number | null>
  kill(signal?: NodeJS.Signals): Promise<number | null>
}

export function tempDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `allot-${prefix}-`))
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) }
}

/** Starts `node <script> ...args` and resolves with its first stdout line that parses as `{event:'ready'}`. */
export async function spawnReady<Ready>(script: string, args: string[], timeoutMs = 30_000): Promise<Spawned<Ready>> {
  const child = spawn(process.execPath, [join(repoRoot, script), ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ALLOT_LOG_LEVEL: process.env.ALLOT_LOG_LEVEL ?? 'warn' },
  })
  const logs: string[] = []
  createInterface({ input: child.stderr! }).on('line', (line) => {
    logs.push(line)
    if (logs.length > 500) logs.shift()
  })
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)))
  const ready = await new Promise<Ready>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${script} not ready after ${timeoutMs} ms:\n${logs.join('\n')}`)), timeoutMs)
    void exited.then((code) => {
      clearTimeout(timer)
      fail(new Error(`${script} exited with ${code} before ready:\n${logs.join('\n')}`))
    })
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { event?: string }
        if (parsed.event === 'ready') {
          clearTimeout(timer)
          ok(parsed as Ready)
        }
      } catch {
        // not a JSON line: ignore
      }
    })
  })
  return {
    child,
    ready,
    logs,
    exited,
    kill: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    },
  }
}

export interface StoreReady {
  event: 'ready'
  api: string
  replicaId: string
}

export async function startStoreNode(dataDir: string, extra: string[] = []) {
  const node = await spawnReady<StoreReady>('store-node/cli.ts', ['--data', dataDir, '--port', '0', '--host', '127.0.0.1', ...extra])
  const token = readFileSync(join(dataDir, 'api-token'), 'utf8').trim()
  return { ...node, token }
}
