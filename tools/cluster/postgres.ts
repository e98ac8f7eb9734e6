// A real PostgreSQL server for tests: Debian's binaries, a fresh cluster in a temp dir on a free
// 127.0.0.1 port, a non-superuser role owning each test database. initdb refuses root, so as
// root the server runs as the `postgres` system user (setpriv execs in place, so the child's pid
// is the postmaster's and signals reach it). Without binaries the suites are skipped with the
// reason; ALLOT_REQUIRE_POSTGRES=1 (set by .ci/run) makes that a failure instead.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

export const TEST_ROLE = 'allot'

function findBinDir(): string | null {
  const fromEnv = process.env.ALLOT_PG_BIN
  if (fromEnv) return existsSync(join(fromEnv, 'postgres')) ? fromEnv : null
  const base = '/usr/lib/postgresql'
  if (!existsSync(base)) return null
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a))
  return versions.length > 0 ? join(base, versions[0]!, 'bin') : null
}

function systemUser(name: string): { uid: number; gid: number } | null {
  const id = spawnSync('id', ['-u', name], { encoding: 'utf8' })
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' })
  if (id.status !== 0 || gid.status !== 0) return null
  return { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) }
}

const binDir = findBinDir()
const isRoot = process.getuid?.() === 0
const runAs = isRoot ? systemUser('postgres') : null

/** Why PostgreSQL tests cannot run here, or null when they can. */
export const postgresUnavailable: string | null =
  binDir === null
    ? 'no PostgreSQL server binaries (Debian: apt-get install postgresql; or set ALLOT_PG_BIN)'
    : isRoot && runAs === null
      ? 'running as root and there is no `postgres` system user to run initdb as'
      : null

if (postgresUnavailable !== null) {
  if (process.env.ALLOT_REQUIRE_POSTGRES === '1')
    throw new Error(`PostgreSQL is required here: ${postgresUnavailable}`)
  process.stderr.write(`PostgreSQL tests skipped: ${postgresUnavailable}\n`)
}

export interface PostgresServer {
  port: number
  dataDir: string
  /** A new database owned by the non-superuser test role; returns its relay URL. */
  createDatabase(name: string): Promise<string>
  /** Fast shutdown (SIGINT: clients disconnected, nothing committed lost). */
  stop(): Promise<void>
  /** Starts the server again on the same port and directory. */
  start(): Promise<void>
  /** Immediate shutdown (SIGQUIT: no checkpoint, crash recovery at the next start). */
  crash(): Promise<void>
  /** Stops the server and removes its directory. */
  remove(): Promise<void>
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

function asServerUser(command: string, args: string[]): { file: string; args: string[] } {
  if (!runAs) return { file: command, args }
  return {
    file: 'setpriv',
    args: [`--reuid=${runAs.uid}`, `--regid=${runAs.gid}`, '--init-groups', '--', command, ...args],
  }
}

async function waitForServer(
  port: number,
  cluster: string,
  child: ChildProcess,
  logs: string[],
): Promise<void> {
  const deadline = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`postgres exited before accepting connections:\n${logs.join('')}`)
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' })
    try {
      await client.connect()
      // the server on this port is ours (not another test worker's that took the port first)
      const dir = (await client.query<{ data_directory: string }>('SHOW data_directory')).rows[0]
        ?.data_directory
      await client.end()
      if (dir !== cluster) throw new Error(`port ${port} is served by another cluster (${dir})`)
      return
    } catch (err) {
      await client.end().catch(() => undefined)
      if (err instanceof Error && err.message.includes('another cluster')) throw err
      if (Date.now() > deadline)
        throw new Error(`postgres not ready after 30 s:\n${logs.join('')}`, { cause: err })
      await new Promise((r) => setTimeout(r, 100))
    }
  }
}

/** initdb in a fresh temp dir, then the server; call `remove()` in afterAll. */
export async function startPostgres(): Promise<PostgresServer> {
  if (postgresUnavailable !== null || binDir === null) throw new Error(postgresUnavailable ?? 'no binaries')
  const dataDir = mkdtempSync(join(tmpdir(), 'allot-pg-'))
  const cluster = join(dataDir, 'cluster')
  if (runAs) chownSync(dataDir, runAs.uid, runAs.gid)
  const init = asServerUser(join(binDir, 'initdb'), [
    '-D',
    cluster,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--no-sync',
    '--no-instructions',
  ])
  const initResult = spawnSync(init.file, init.args, { encoding: 'utf8' })
  if (initResult.status !== 0) {
    rmSync(dataDir, { recursive: true, force: true })
    throw new Error(`initdb failed: ${initResult.stderr}`)
  }
  // another test worker may take the free port first: the first start retries on a new one
  let port = await freePort()
  let child: ChildProcess | null = null
  let exited: Promise<void> = Promise.resolve()

  const start = async () => {
    const cmd = asServerUser(join(binDir, 'postgres'), [
      '-D',
      cluster,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${dataDir}`,
      '-c',
      'max_connections=200',
      '-c',
      'log_min_messages=warning',
    ])
    const logs: string[] = []
    const proc = spawn(cmd.file, cmd.args, { stdio: ['ignore', 'ignore', 'pipe'] })
    proc.stderr!.on('data', (chunk: Buffer) => {
      logs.push(chunk.toString())
      if (logs.length > 200) logs.shift()
    })
    child = proc
    exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
    process.once('exit', () => proc.kill('SIGKILL'))
    try {
      await waitForServer(port, cluster, proc, logs)
    } catch (err) {
      proc.kill('SIGKILL')
      throw err
    }
  }

  const signal = async (sig: NodeJS.Signals) => {
    const proc = child
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return
    proc.kill(sig)
    await exited
    child = null
  }

  const admin = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' })
    await client.connect()
    try {
      return await fn(client)
    } finally {
      await client.end()
    }
  }

  for (let attempt = 1; ; attempt++) {
    try {
      await start()
      break
    } catch (err) {
      if (attempt >= 3) {
        rmSync(dataDir, { recursive: true, force: true })
        throw err
      }
      port = await freePort()
    }
  }
  await admin((c) => c.query(`CREATE ROLE ${TEST_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE`))

  return {
    port,
    dataDir,
    async createDatabase(name: string) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`)
      await admin((c) => c.query(`CREATE DATABASE ${name} OWNER ${TEST_ROLE}`))
      return `postgres://127.0.0.1:${port}/${name}?user=${TEST_ROLE}`
    },
    stop: () => signal('SIGINT'),
    start,
    crash: () => signal('SIGQUIT'),
    async remove() {
      await signal('SIGINT')
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
