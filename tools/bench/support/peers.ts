// Bench-only lightweight y-protocols peers and relay helpers: enough of the y-websocket protocol
// to sync a Y.Doc (or just count update frames) against the Allot relay or @y/websocket-server.
import { request } from 'node:http'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import WebSocket from 'ws'
import type { RelayProcess } from '../../cluster/relay-harness.ts'

export const REMOTE = Symbol('bench-remote')

export interface PeerOptions {
  token?: string
  /** Keep a Y.Doc (apply every update, send local ones). Without it the peer only counts frames. */
  doc?: Y.Doc
}

/** One y-websocket connection. Counts update frames; with a doc, applies them and sends local updates. */
export class LightPeer {
  readonly ws: WebSocket
  readonly doc: Y.Doc | undefined
  readonly opened: Promise<void>
  /** Sync update frames received (SyncStep2 and Update). */
  frames = 0
  synced = false
  private readonly waiters: Array<() => void> = []

  constructor(url: string, options: PeerOptions = {}) {
    this.doc = options.doc
    const headers: Record<string, string> = {}
    if (options.token) headers.authorization = `Bearer ${options.token}`
    this.ws = new WebSocket(url, { headers, perMessageDeflate: false })
    this.ws.binaryType = 'nodebuffer'
    this.ws.on('error', () => {})
    this.opened = new Promise((ok, fail) => {
      this.ws.once('open', () => ok())
      this.ws.once('close', (code, reason) => fail(new Error(`closed ${code} ${reason.toString()}`)))
    })
    this.ws.on('open', () => {
      const sv = this.doc ? Y.encodeStateVector(this.doc) : new Uint8Array([0])
      this.send((e) => {
        encoding.writeVarUint(e, 0)
        encoding.writeVarUint8Array(e, sv)
      })
    })
    this.ws.on('message', (data: Buffer) => this.onMessage(data))
    this.doc?.on('update', this.onLocal)
  }

  private readonly onLocal = (update: Uint8Array, origin: unknown): void => {
    if (origin !== REMOTE && this.ws.readyState === WebSocket.OPEN)
      this.send((e) => syncProtocol.writeUpdate(e, update))
  }

  private onMessage(data: Buffer): void {
    if (data[0] !== 0) return
    const sub = data[1]
    if (sub === 1 || sub === 2) {
      this.frames++
      if (this.doc) {
        const decoder = decoding.createDecoder(data)
        decoding.readVarUint(decoder)
        decoding.readVarUint(decoder)
        Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder), REMOTE)
      }
      if (sub === 1) this.synced = true
      for (const w of this.waiters.splice(0)) w()
    } else if (sub === 0 && this.doc) {
      const decoder = decoding.createDecoder(data)
      decoding.readVarUint(decoder)
      decoding.readVarUint(decoder)
      const sv = decoding.readVarUint8Array(decoder)
      const doc = this.doc
      this.send((e) => syncProtocol.writeSyncStep2(e, doc, sv))
    }
  }

  private send(write: (e: encoding.Encoder) => void): void {
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, 0)
    write(e)
    this.ws.send(encoding.toUint8Array(e))
  }

  /** Resolves once `predicate` holds, re-checked after every received frame. */
  async until(predicate: () => boolean, timeoutMs = 30_000, what = 'condition'): Promise<void> {
    const deadline = performance.now() + timeoutMs
    while (!predicate()) {
      if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`)
      await new Promise<void>((ok) => {
        const t = setTimeout(ok, 50)
        this.waiters.push(() => {
          clearTimeout(t)
          ok()
        })
      })
    }
  }

  close(): void {
    this.doc?.off('update', this.onLocal)
    this.ws.terminate()
  }
}

/** Opens `count` peers, `batch` at a time (a thousand simultaneous handshakes is a SYN flood). */
export async function openPeers(
  count: number,
  make: (i: number) => LightPeer,
  batch = 100,
): Promise<LightPeer[]> {
  const peers: LightPeer[] = []
  for (let start = 0; start < count; start += batch) {
    const chunk = Array.from({ length: Math.min(batch, count - start) }, (_, k) => make(start + k))
    peers.push(...chunk)
    await Promise.all(chunk.map((p) => p.opened))
  }
  return peers
}

function post(
  relay: RelayProcess,
  path: string,
  body: unknown,
  localAddress: string,
  admin: boolean,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const url = new URL(relay.url + path)
  const payload = JSON.stringify(body)
  return new Promise((ok, fail) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          ...(admin ? { authorization: `Bearer ${relay.adminKey}` } : {}),
        },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (text += c))
        res.on('end', () =>
          ok({ status: res.statusCode ?? 0, json: JSON.parse(text || '{}') as Record<string, unknown> }),
        )
      },
    )
    req.on('error', fail)
    req.end(payload)
  })
}

/**
 * Enrolls many devices. The relay rate-limits enrollment per client IP (burst 10), which is right
 * for a real network; the bench spreads its enrollments over loopback addresses 127.0.0.x instead
 * of waiting minutes.
 */
export async function enrollMany(
  relay: RelayProcess,
  orgId: string,
  replicaIds: string[],
): Promise<Map<string, string>> {
  const tokens = new Map<string, string>()
  for (const [i, replicaId] of replicaIds.entries()) {
    const localAddress = `127.0.1.${1 + Math.floor(i / 8)}`
    const code = await post(
      relay,
      `/admin/orgs/${orgId}/enrollment-codes`,
      { storeName: `Store ${replicaId}` },
      localAddress,
      true,
    )
    if (code.status !== 201) throw new Error(`issue code failed: ${JSON.stringify(code.json)}`)
    const res = await post(relay, '/enroll', { code: code.json.code, replicaId }, localAddress, false)
    if (res.status !== 201) throw new Error(`enroll failed: ${JSON.stringify(res.json)}`)
    tokens.set(replicaId, String(res.json.token))
  }
  return tokens
}
