import { cpSync } from 'node:fs'
import { join } from 'node:path'
import type { StoreApiClient } from '../../shared/api/client.ts'
import type { WsTransport } from '../../shared/api/ws-transport.ts'
import {
  http,
  sleep,
  spawnRelay,
  stopRelay,
  type LooseJson,
  type RelayProcess,
} from '../cluster/relay-harness.ts'
import { connectApi } from '../cluster/api-client.ts'
import { issueCode, owner } from '../cluster/chain.ts'
import { startStoreNode, tempDir } from '../cluster/processes.ts'
import { spawnPgRelay } from '../cluster/pg-relays.ts'
import { startProxy, type ChaosProxy } from './proxy.ts'

// The processes of a chaos run: one relay (or several instances on one PostgreSQL database) and N
// store nodes, each store linked to a relay through its own severable proxy. Everything can be
// killed and restarted; clients reconnect.

export const ORG_ID = 'chaos'

type StoreProcess = Awaited<ReturnType<typeof startStoreNode>>

export class ChaosRelay {
  readonly dir: string
  port = 0
  proc: RelayProcess | undefined
  /** postgres:// URL of a shared database (the relay's admin key file is then DIR/admin-key). */
  readonly database: string | null
  private readonly extraArgs: string[]

  constructor(dir: string, extraArgs: string[] = [], database: string | null = null) {
    this.dir = dir
    this.extraArgs = extraArgs
    this.database = database
  }

  get up(): boolean {
    return this.proc !== undefined
  }

  async start(): Promise<void> {
    if (this.proc) return
    // A restart reuses the port the stores' proxies point at; a freshly killed listener may need a moment.
    let lastError: unknown
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        this.proc = this.database
          ? await spawnPgRelay(this.database, join(this.dir, 'admin-key'), {
              port: this.port,
              extra: this.extraArgs,
            })
          : await spawnRelay(this.dir, this.extraArgs, this.port)
        this.port = this.proc.port
        return
      } catch (error) {
        lastError = error
        await sleep(250)
      }
    }
    throw lastError
  }

  /** SIGTERM (graceful drain) or SIGKILL. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const proc = this.proc
    if (!proc) return
    this.proc = undefined
    await stopRelay(proc, signal)
  }

  async admin(method: string, path: string, body?: unknown): Promise<{ status: number; json: LooseJson }> {
    if (!this.proc) throw new Error('relay is down')
    return http(this.proc, method, path, body)
  }
}

export class ChaosStore {
  readonly index: number
  readonly name: string
  readonly dir: string
  readonly proxy: ChaosProxy
  replicaId = ''
  proc: StoreProcess | undefined
  /** Bumped on every (re)start, so clients know their connection is from an older process. */
  generation = 0
  private upWaiters: Array<() => void> = []

  constructor(index: number, dir: string, proxy: ChaosProxy) {
    this.index = index
    this.name = `S${index}`
    this.dir = dir
    this.proxy = proxy
  }

  get up(): boolean {
    return this.proc !== undefined
  }

  async start(): Promise<void> {
    if (this.proc) return
    this.proc = await startStoreNode(this.dir)
    this.replicaId = this.proc.ready.replicaId
    this.generation++
    for (const w of this.upWaiters.splice(0)) w()
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const proc = this.proc
    if (!proc) return
    this.proc = undefined
    await proc.kill(signal)
  }

  waitUp(): Promise<void> {
    if (this.proc) return Promise.resolve()
    return new Promise((ok) => this.upWaiters.push(ok))
  }

  /** A new logged-in owner connection to the current process. */
  async connect(): Promise<{ api: StoreApiClient; transport: WsTransport; generation: number }> {
    const proc = this.proc
    if (!proc) throw new Error(`${this.name} is down`)
    const generation = this.generation
    const conn = await connectApi(proc.ready.api, proc.token)
    await conn.api['session.login']({ method: 'password', ...owner })
    return { ...conn, generation }
  }

  /** Copies the data directory (for the clone scenario; the store should be stopped). */
  copyDataTo(dir: string): void {
    cpSync(this.dir, dir, { recursive: true })
  }
}

/** One API connection that survives store restarts: on a lost connection it waits and reconnects. */
export class ResilientClient {
  readonly store: ChaosStore
  private conn: { api: StoreApiClient; transport: WsTransport; generation: number } | undefined
  private dead = true

  constructor(store: ChaosStore) {
    this.store = store
  }

  async api(): Promise<StoreApiClient> {
    for (;;) {
      if (this.conn && !this.dead && this.conn.generation === this.store.generation && this.store.up)
        return this.conn.api
      this.conn?.transport.close()
      this.conn = undefined
      await this.store.waitUp()
      try {
        const conn = await this.store.connect()
        this.conn = conn
        this.dead = false
        void conn.transport.closed.then(() => {
          if (this.conn === conn) this.dead = true
        })
        return conn.api
      } catch {
        // The process died between waitUp and connect, or is still starting: try again.
        await sleep(100)
      }
    }
  }

  close(): void {
    this.conn?.transport.close()
    this.conn = undefined
  }
}

export interface Cluster {
  /** The first relay (admin calls); with several instances, `relays` holds them all. */
  relay: ChaosRelay
  relays: ChaosRelay[]
  stores: ChaosStore[]
  dirs: Array<{ path: string; remove: () => void }>
  close(keep?: boolean): Promise<void>
}

/**
 * Starts the relay, creates the organization, and links `count` stores, each through its own proxy:
 * the first creates the organization standalone and links (the relay adopts its document), the
 * others join with one-time enrollment codes.
 */
export async function startCluster(
  count: number,
  relayArgs: string[] = [],
  shared: { relays: number; database: string | null } = { relays: 1, database: null },
): Promise<Cluster> {
  const relayDir = tempDir('chaos-relay')
  const dirs = [relayDir]
  const relays = Array.from(
    { length: shared.database ? shared.relays : 1 },
    () => new ChaosRelay(relayDir.path, relayArgs, shared.database),
  )
  for (const r of relays) await r.start()
  const relay = relays[0]!
  const created = await relay.admin('POST', '/admin/orgs', { orgId: ORG_ID, name: 'Chaos chain' })
  if (created.status !== 201) throw new Error(`create org failed: ${JSON.stringify(created.json)}`)
  const stores: ChaosStore[] = []
  const cluster: Cluster = {
    relay,
    relays,
    stores,
    dirs,
    close: async (keep = false) => {
      await Promise.allSettled(stores.map((s) => s.stop('SIGKILL')))
      await Promise.allSettled(relays.map((r) => r.stop('SIGKILL')))
      await Promise.allSettled(stores.map((s) => s.proxy.close()))
      if (!keep) for (const d of dirs) d.remove()
    },
  }
  try {
    for (let i = 0; i < count; i++) {
      const dir = tempDir(`chaos-store-${i}`)
      dirs.push(dir)
      // stores are split across the instances
      const proxy = await startProxy({ host: '127.0.0.1', port: relays[i % relays.length]!.port })
      const store = new ChaosStore(i, dir.path, proxy)
      await store.start()
      const { api, transport } = await connectApi(store.proc!.ready.api, store.proc!.token)
      const code = await issueCode(relay.proc!, ORG_ID, `Store ${store.name}`)
      if (i === 0) {
        await api['setup.createOrganization']({
          orgName: 'Chaos chain',
          currency: 'EUR',
          storeName: `Store ${store.name}`,
          storeCode: store.name,
          owner,
        })
        await api['sync.link']({ relayUrl: proxy.url, enrollmentCode: code })
      } else {
        await api['setup.joinOrganization']({
          relayUrl: proxy.url,
          enrollmentCode: code,
          storeName: `Store ${store.name}`,
          storeCode: store.name,
        })
      }
      transport.close()
      stores.push(store)
    }
  } catch (error) {
    await cluster.close()
    throw error
  }
  return cluster
}
