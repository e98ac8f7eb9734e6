// Test harness: runs the REAL relay (`node sync-server/cli.ts`) as a child process and talks to
// it over HTTP and real WebSockets. Shared by test/relay and test/sync.
import type { ChildProcess } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { sleep, waitUntil } from './wait.ts'
import WebSocket from 'ws'
import { spawnReady } from './processes.ts'

/** Where a running relay answers, and the keys a test uses on it (a process or in process). */
export interface RelayEndpoints {
  url: string
  wsUrl: string
  port: number
  dataDir: string
  adminKey: string
  /** Bearer key for GET /metrics. */
  metricsKey: string
}

export interface RelayProcess extends RelayEndpoints {
  child: ChildProcess
  stderr: string[]
  /** Resolves with the exit code (null when killed by a signal) once the process is gone. */
  exited: Promise<number | null>
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

export async function spawnRelay(dataDir: string, extraArgs: string[] = [], port = 0): Promise<RelayProcess> {
  const args = [
    '--data',
    dataDir,
    '--port',
    String(port),
    '--host',
    '127.0.0.1',
    '--log-level',
    'warn',
    ...extraArgs,
  ]
  const relay = await spawnReady<{ url: string; port: number; adminKeyFile: string; metricsKeyFile: string }>(
    'sync-server/cli.ts',
    args,
    {
      name: 'relay',
      timeoutMs: 20_000,
    },
  )
  return {
    url: relay.ready.url,
    wsUrl: relay.ready.url.replace(/^http/, 'ws'),
    port: relay.ready.port,
    dataDir,
    adminKey: readFileSync(relay.ready.adminKeyFile, 'utf8').trim(),
    metricsKey: relay.ready.metricsKeyFile ? readFileSync(relay.ready.metricsKeyFile, 'utf8').trim() : '',
    child: relay.child,
    stderr: relay.logs,
    exited: relay.exited,
  }
}

/** Sends `signal`; a relay still running after `graceMs` is killed, so no test leaves one behind. */
export async function stopRelay(
  relay: RelayProcess,
  signal: NodeJS.Signals = 'SIGTERM',
  graceMs = 10_000,
): Promise<void> {
  if (relay.child.exitCode !== null || relay.child.signalCode !== null) return
  relay.child.kill(signal)
  const timer = setTimeout(() => relay.child.kill('SIGKILL'), graceMs)
  await relay.exited
  clearTimeout(timer)
}

/**
 * Response bodies in tests are read ad hoc (`res.json.devices[0].sync`); asserting on them is the
 * check, so a loose type is deliberate here and nowhere else.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LooseJson = any

/** What the HTTP helpers need of a relay: a spawned process or an in-process one. */
export type RelayAddress = Pick<RelayProcess, 'url' | 'adminKey'>

export async function http(
  relay: RelayAddress,
  method: string,
  path: string,
  body?: unknown,
  auth: 'admin' | 'none' | { bearer: string } = 'admin',
): Promise<{ status: number; json: LooseJson; headers: Headers }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (auth === 'admin') headers.authorization = `Bearer ${relay.adminKey}`
  else if (auth !== 'none') headers.authorization = `Bearer ${auth.bearer}`
  const res = await fetch(relay.url + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  let json: LooseJson
  try {
    json = JSON.parse(text)
  } catch {
    json = text
  }
  return { status: res.status, json, headers: res.headers }
}

/** One Prometheus scrape of the relay's /metrics (with the metrics key). */
export async function scrapeMetrics(relay: RelayProcess): Promise<string> {
  const res = await fetch(`${relay.url}/metrics`, {
    headers: { authorization: `Bearer ${relay.metricsKey}` },
  })
  if (res.status !== 200) throw new Error(`GET /metrics answered ${res.status}`)
  return res.text()
}

export interface EnrolledDevice {
  deviceId: string
  replicaId: string
  token: string
}

export async function createOrg(relay: RelayAddress, orgId: string): Promise<void> {
  const res = await http(relay, 'POST', '/admin/orgs', { orgId, name: `Org ${orgId}` })
  if (res.status !== 201) throw new Error(`create org failed: ${JSON.stringify(res.json)}`)
}

export async function enrollDevice(
  relay: RelayAddress,
  orgId: string,
  replicaId: string,
  codeOptions: { storeCode?: string; headOffice?: boolean } = {},
): Promise<EnrolledDevice> {
  const code = await http(relay, 'POST', `/admin/orgs/${orgId}/enrollment-codes`, {
    storeName: `Store ${replicaId}`,
    ...codeOptions,
  })
  if (code.status !== 201) throw new Error(`issue code failed: ${JSON.stringify(code.json)}`)
  const res = await http(relay, 'POST', '/enroll', { code: code.json.code, replicaId }, 'none')
  if (res.status !== 201) throw new Error(`enroll failed: ${JSON.stringify(res.json)}`)
  return { deviceId: res.json.deviceId, replicaId, token: res.json.token }
}

export interface CloseInfo {
  code: number
  reason: string
}

/** A bare y-protocols peer over a real socket: handshake, applies what the relay sends, records echoes. */
export class TestPeer {
  readonly doc: Y.Doc
  readonly ws: WebSocket
  readonly closed: Promise<CloseInfo>
  readonly opened: Promise<void>
  /** Every update frame received from the relay (echoes included). */
  readonly received: Uint8Array[] = []
  synced = false
  private readonly syncedWaiters: Array<() => void> = []
  private readonly receiveWaiters: Array<() => void> = []
  static readonly REMOTE = Symbol('remote')

  constructor(
    url: string,
    options: {
      token?: string
      doc?: Y.Doc
      headers?: Record<string, string>
      protocols?: string[]
      sendLocal?: boolean
      /** Source address of the connection (any 127.x.y.z works on Linux loopback). */
      localAddress?: string
    } = {},
  ) {
    this.doc = options.doc ?? new Y.Doc()
    const headers = { ...(options.headers ?? {}) }
    if (options.token) headers.authorization = `Bearer ${options.token}`
    this.ws = new WebSocket(url, options.protocols ?? [], {
      headers,
      ...(options.localAddress ? { localAddress: options.localAddress } : {}),
    })
    this.ws.on('error', () => {})
    this.opened = new Promise((r) => this.ws.once('open', () => r()))
    this.closed = new Promise((r) =>
      this.ws.once('close', (code, reason) => r({ code, reason: reason.toString() })),
    )
    this.ws.on('open', () => this.sendSync((e) => syncProtocol.writeSyncStep1(e, this.doc)))
    this.ws.on('message', (data: Buffer) => this.onMessage(new Uint8Array(data)))
    if (options.sendLocal !== false) this.doc.on('update', this.onLocalUpdate)
  }

  private readonly onLocalUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin !== TestPeer.REMOTE && this.ws.readyState === WebSocket.OPEN) this.sendUpdate(update)
  }

  private onMessage(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message)
    if (decoding.readVarUint(decoder) !== 0) return
    const sub = decoding.readVarUint(decoder)
    if (sub === 0) {
      const sv = decoding.readVarUint8Array(decoder)
      this.sendSync((e) => syncProtocol.writeSyncStep2(e, this.doc, sv))
      return
    }
    const update = decoding.readVarUint8Array(decoder)
    Y.applyUpdate(this.doc, update, TestPeer.REMOTE)
    this.received.push(update)
    for (const w of this.receiveWaiters.splice(0)) w()
    if (sub === 1) {
      this.synced = true
      for (const w of this.syncedWaiters.splice(0)) w()
    }
  }

  private sendSync(write: (encoder: encoding.Encoder) => void): void {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, 0)
    write(encoder)
    this.ws.send(encoding.toUint8Array(encoder))
  }

  sendUpdate(update: Uint8Array): void {
    this.sendSync((e) => syncProtocol.writeUpdate(e, update))
  }

  sendRaw(bytes: Uint8Array | string): void {
    this.ws.send(bytes)
  }

  waitSynced(timeoutMs = 10_000): Promise<void> {
    if (this.synced) return Promise.resolve()
    return withTimeout(new Promise<void>((r) => this.syncedWaiters.push(r)), timeoutMs, 'peer sync')
  }

  /** Waits until `predicate` holds, re-checking after every frame from the relay. */
  async waitFor(predicate: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!predicate()) {
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`timed out waiting for ${what}`)
      await Promise.race([new Promise<void>((r) => this.receiveWaiters.push(r)), sleep(Math.min(left, 200))])
    }
  }

  close(): void {
    this.doc.off('update', this.onLocalUpdate)
    this.ws.terminate()
  }
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([
      promise,
      new Promise<never>(
        (_, reject) => (timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms)),
      ),
    ])
  } finally {
    clearTimeout(timer)
  }
}

/** Deterministic PRNG for reproducible fuzzing and jitter tests. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export { sleep, waitUntil }
