// Helpers for the event-feed tests: integration keys, feed requests, valid log events written by
// a bare y-protocols peer, and a small Server-Sent Events parser over a fetch() body stream.
import { randomUUID } from 'node:crypto'
import * as Y from 'yjs'
import { http, TestPeer, type LooseJson, type RelayProcess } from '../../tools/cluster/relay-harness.ts'

export async function issueKey(
  relay: RelayProcess,
  orgId: string,
  name = 'erp',
): Promise<{ id: string; key: string }> {
  const res = await http(relay, 'POST', `/admin/orgs/${orgId}/integration-keys`, { name })
  if (res.status !== 201) throw new Error(`issue key failed: ${res.status} ${JSON.stringify(res.json)}`)
  return { id: res.json.id as string, key: res.json.key as string }
}

export async function feed(
  relay: RelayProcess,
  orgId: string,
  key: string | null,
  query: Record<string, string | number> = {},
): Promise<{ status: number; json: LooseJson; headers: Headers }> {
  const qs = new URLSearchParams(
    Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]),
  ).toString()
  return http(
    relay,
    'GET',
    `/v1/orgs/${orgId}/events${qs ? `?${qs}` : ''}`,
    undefined,
    key === null ? 'none' : { bearer: key },
  )
}

/** Reads the whole feed from `after` in pages of `limit`; returns the envelopes and the final cursor. */
export async function drain(
  relay: RelayProcess,
  orgId: string,
  key: string,
  after: string | undefined,
  limit = 50,
  types?: string,
): Promise<{ events: LooseJson[]; cursor: string | undefined }> {
  const events: LooseJson[] = []
  let cursor = after
  for (;;) {
    const q: Record<string, string | number> = { limit }
    if (cursor !== undefined) q.after = cursor
    if (types) q.types = types
    const res = await feed(relay, orgId, key, q)
    if (res.status !== 200) throw new Error(`feed ${res.status}: ${JSON.stringify(res.json)}`)
    events.push(...(res.json.events as LooseJson[]))
    cursor = res.json.cursor as string
    if (!res.json.hasMore) return { events, cursor }
  }
}

const AT = '2030-01-02T03:04:05.000Z'

/** A schema-valid log event of `type` for replica `replicaId`. */
export function makeEvent(replicaId: string, seq: number, type: string): Record<string, unknown> {
  const common = { seq, id: randomUUID(), at: AT, by: `user-${replicaId}` }
  switch (type) {
    case 'sale':
      return {
        ...common,
        type,
        lines: [{ productId: 'p1', qty: 2, unitPriceMinor: 250, taxRate: 2000 }],
        totals: { subtotalMinor: 500, taxMinor: 100, totalMinor: 600 },
        payment: { method: 'card', tenderedMinor: 600, changeMinor: 0 },
      }
    case 'restock':
      return { ...common, type, productId: 'p1', qty: 10 }
    case 'adjust':
      return { ...common, type, productId: 'p1', delta: -1, reason: 'damaged' }
    case 'request':
      return { ...common, type, productId: 'p1', donor: 'other', qty: 1 }
    case 'checkpoint':
      return { ...common, type, upTo: seq - 1, totals: {}, holds: [], requests: [], answered: [], orders: [] }
    default:
      throw new Error(`no sample for ${type}`)
  }
}

/** One replica's writer: a Y.Doc that survives relay restarts, re-synced by a fresh TestPeer. */
export class Writer {
  readonly doc = new Y.Doc()
  readonly written: Array<Record<string, unknown>> = []
  peer: TestPeer | null = null
  private readonly replicaId: string
  private readonly token: string

  constructor(replicaId: string, token: string) {
    this.replicaId = replicaId
    this.token = token
  }

  async connect(relay: RelayProcess, orgId: string): Promise<void> {
    this.peer?.close()
    this.peer = new TestPeer(`${relay.wsUrl}/sync/${orgId}`, { token: this.token, doc: this.doc })
    await this.peer.waitSynced()
  }

  /** Appends events (one transaction) and returns them. */
  append(types: string[]): Array<Record<string, unknown>> {
    const events = types.map((t, i) => makeEvent(this.replicaId, this.written.length + i + 1, t))
    this.doc.getArray(`log:${this.replicaId}`).push(events)
    this.written.push(...events)
    return events
  }

  close(): void {
    this.peer?.close()
    this.peer = null
  }
}

export interface SseMessage {
  id: string | undefined
  event: string
  data: string
}

/**
 * A Server-Sent Events client over fetch(): parses the stream as the HTML spec says (fields,
 * comments, CRLF/LF, multi-line data, id-only blocks updating lastEventId) and can reconnect
 * with `Last-Event-ID`, like EventSource, but with an Authorization header.
 */
export class SseClient {
  readonly messages: SseMessage[] = []
  lastEventId = ''
  comments = 0
  status = 0
  ended: Promise<void> = Promise.resolve()
  private controller: AbortController | null = null
  private waiters: Array<() => void> = []

  async open(url: string, key: string): Promise<void> {
    this.controller = new AbortController()
    const headers: Record<string, string> = { accept: 'text/event-stream', authorization: `Bearer ${key}` }
    if (this.lastEventId) headers['last-event-id'] = this.lastEventId
    const res = await fetch(url, { headers, signal: this.controller.signal })
    this.status = res.status
    if (res.status !== 200 || !res.body) throw new Error(`SSE open failed: ${res.status} ${await res.text()}`)
    if (!(res.headers.get('content-type') ?? '').startsWith('text/event-stream'))
      throw new Error('not an event stream')
    this.ended = this.read(res.body)
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder()
    let buffer = ''
    let data: string[] = []
    let event = ''
    let idBuffer: string | undefined
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true })
        for (;;) {
          const nl = buffer.search(/\r\n|\r|\n/)
          if (nl < 0) break
          const line = buffer.slice(0, nl)
          buffer = buffer.slice(nl + (buffer.startsWith('\r\n', nl) ? 2 : 1))
          if (line === '') {
            if (idBuffer !== undefined) this.lastEventId = idBuffer
            if (data.length > 0) {
              this.messages.push({ id: idBuffer, event: event || 'message', data: data.join('\n') })
            }
            data = []
            event = ''
            idBuffer = undefined
            for (const w of this.waiters.splice(0)) w()
            continue
          }
          if (line.startsWith(':')) {
            this.comments++
            continue
          }
          const colon = line.indexOf(':')
          const field = colon < 0 ? line : line.slice(0, colon)
          let value = colon < 0 ? '' : line.slice(colon + 1)
          if (value.startsWith(' ')) value = value.slice(1)
          if (field === 'data') data.push(value)
          else if (field === 'event') event = value
          else if (field === 'id' && !value.includes('\u0000')) idBuffer = value
        }
      }
    } catch {
      // aborted or the connection dropped: the caller reconnects with lastEventId
    } finally {
      for (const w of this.waiters.splice(0)) w()
    }
  }

  async waitFor(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!predicate()) {
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`timed out waiting for ${what} (${this.messages.length} messages)`)
      await Promise.race([
        new Promise<void>((r) => this.waiters.push(r)),
        new Promise<void>((r) => setTimeout(r, Math.min(left, 200))),
      ])
    }
  }

  close(): void {
    this.controller?.abort()
  }
}

export function parsed(messages: SseMessage[]): LooseJson[] {
  return messages.map((m) => JSON.parse(m.data) as LooseJson)
}
