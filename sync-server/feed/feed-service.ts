// The business event feed for other systems (ERP, web shop): `GET /v1/orgs/<org>/events`, as a
// JSON page (optionally long-polled with `wait`) or as Server-Sent Events, authenticated by an
// integration key; plus the admin routes that issue, list and revoke those keys.
// Format and semantics: docs/event-feed.md.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { randomBytes } from 'node:crypto'
import type { Logger } from 'pino'
import { Counter, Gauge } from 'prom-client'
import { z } from 'zod'
import { relayErrorEnvelope } from '../../shared/protocol/relay-error.ts'
import { HttpError, decodePathSegment, readJsonBody, sendJson } from '../http/http-util.ts'
import { KeyedCounter } from '../sync/keyed-counter.ts'
import type { RelayMetrics } from '../ops/metrics.ts'
import { newId, sha256Hex } from '../auth/tokens.ts'
import type { IntegrationKeyRow } from './feed-db.ts'
import type { FeedStore, RelayStore } from '../storage/relay-store.ts'
import {
  FEED_TYPES,
  FEED_VERSION,
  START_CURSOR,
  cursorMatches,
  decodeCursor,
  encodeCursor,
  toEnvelope,
  type FeedEnvelope,
} from './feed-schema.ts'

export interface FeedServiceDeps {
  feedDb: FeedStore
  relayDb: RelayStore
  metrics: RelayMetrics
  log: Logger
  now: () => number
  /** How often waiting long-polls and streams look for new events (ms). */
  pollIntervalMs?: number
  /** Comment line sent on an idle SSE stream so proxies keep it open (ms). */
  heartbeatMs?: number
  /** The request's client address (through trusted proxies); default: the socket's peer. */
  clientAddress?: (req: IncomingMessage) => string
  /** Concurrent long-polls and streams per integration key (default 8) and per address (32). */
  maxStreamsPerKey?: number
  maxStreamsPerAddress?: number
}

export const INTEGRATION_KEY_PREFIX = 'aik_'
const MAX_WAIT_SECONDS = 60
const DEFAULT_LIMIT = 100
const MAX_LIMIT = 1000
const SSE_PAGE = 500
const TOUCH_EVERY_MS = 60_000

const TypesParam = z
  .string()
  .max(500)
  .transform((s) =>
    s
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t.length > 0),
  )
  .pipe(z.array(z.enum(FEED_TYPES)).min(1))
const FeedQuery = z.object({
  after: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
  wait: z.coerce.number().min(0).max(MAX_WAIT_SECONDS).default(0),
  types: TypesParam.optional(),
})
const CreateKey = z.object({ name: z.string().min(1).max(200) })
const ORG_EVENTS = /^\/v1\/orgs\/([^/]+)\/events$/

interface Page {
  events: FeedEnvelope[]
  /** Cursor after everything scanned (may be past the last event: filtered types). */
  cursor: string
  pos: number
  hasMore: boolean
}

interface Waiter {
  orgId: string
  afterPos: number
  wake: () => void
}

interface Stream {
  keyId: string
  end: () => void
}

interface FeedMetrics {
  requests: Counter<'mode'>
  delivered: Counter<'mode'>
  streams: Gauge
}

export class FeedService {
  private readonly deps: FeedServiceDeps
  private readonly waiters = new Set<Waiter>()
  private readonly streams = new Set<Stream>()
  private readonly lastTouch = new Map<string, number>()
  /** Open long-polls and streams per integration key and per client address. */
  private readonly openPerKey = new KeyedCounter()
  private readonly openPerAddress = new KeyedCounter()
  private readonly feedMetrics: FeedMetrics
  private timer: NodeJS.Timeout | undefined
  private stopped = false

  constructor(deps: FeedServiceDeps) {
    this.deps = deps
    const registers = [deps.metrics.registry]
    this.feedMetrics = {
      requests: new Counter({
        name: 'allot_relay_feed_requests_total',
        help: 'Accepted event-feed requests by mode (poll = JSON page or long-poll, sse = stream)',
        labelNames: ['mode'],
        registers,
      }),
      delivered: new Counter({
        name: 'allot_relay_feed_events_delivered_total',
        help: 'Events sent to event-feed consumers, by mode',
        labelNames: ['mode'],
        registers,
      }),
      streams: new Gauge({
        name: 'allot_relay_feed_streams',
        help: 'Open Server-Sent Events feed streams',
        registers,
      }),
    }
  }

  // ---- routing ---------------------------------------------------------------------------------

  /** `GET /v1/orgs/<org>/events`. Never throws: errors are answered as `{code, message, details}`. */
  async handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    try {
      const m = ORG_EVENTS.exec(path)
      if (!m) throw new HttpError(404, 'not-found', `no route for ${req.method ?? 'GET'} ${path}`)
      if (req.method !== 'GET') {
        res.setHeader('allow', 'GET')
        throw new HttpError(405, 'method-not-allowed', 'the event feed is read with GET')
      }
      if (this.stopped) throw new HttpError(503, 'draining', 'relay is shutting down; retry shortly')
      const orgId = decodePathSegment(m[1]!)
      const key = this.authenticate(req, orgId)
      const url = new URL(req.url ?? '/', 'http://relay.invalid')
      const parsed = FeedQuery.safeParse(Object.fromEntries(url.searchParams))
      if (!parsed.success) {
        const first = parsed.error.issues[0]
        throw new HttpError(
          400,
          'invalid-input',
          `${first?.path.join('.') || 'query'}: ${first?.message ?? 'invalid'}`,
          {
            issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
          },
        )
      }
      const query = parsed.data
      const types: readonly string[] = query.types ?? FEED_TYPES
      const sse = (req.headers.accept ?? '').includes('text/event-stream')
      const lastEventId = req.headers['last-event-id']
      const start = this.resolveAfter(
        orgId,
        sse && typeof lastEventId === 'string' && lastEventId.length > 0 ? lastEventId : query.after,
      )
      // a plain page answers at once; only requests that stay open hold a slot
      const release = sse || query.wait > 0 ? this.holdSlot(req, res, key.id) : () => {}
      try {
        if (sse) {
          this.feedMetrics.requests.inc({ mode: 'sse' })
          await this.stream(req, res, orgId, key.id, start, types)
        } else {
          this.feedMetrics.requests.inc({ mode: 'poll' })
          await this.poll(res, orgId, start, types, query.limit, query.wait)
        }
      } finally {
        release()
      }
    } catch (err) {
      const error = err instanceof HttpError ? err : null
      if (!error) this.deps.log.error({ err, path }, 'event feed request failed')
      const e = error ?? new HttpError(500, 'internal', 'internal error')
      if (!res.headersSent) {
        if (e.status === 401) res.setHeader('www-authenticate', 'Bearer realm="allot-feed"')
        // feed v1 consumers read the three fields at the top level and always get details
        const fields = relayErrorEnvelope(e.code, e.message, e.details ?? {}).error
        sendJson(res, e.status, { error: fields, ...fields })
      } else res.destroy()
    }
  }

  /**
   * Takes a slot for one long-poll or stream of `keyId` from this client address, or throws 429
   * `too-many-streams`. Returns the release (called once the request ends).
   */
  private holdSlot(req: IncomingMessage, res: ServerResponse, keyId: string): () => void {
    const perKey = this.deps.maxStreamsPerKey ?? 8
    const perAddress = this.deps.maxStreamsPerAddress ?? 32
    const address = this.deps.clientAddress?.(req) ?? req.socket.remoteAddress ?? 'unknown'
    const refuse = (scope: 'key' | 'address', limit: number): HttpError => {
      this.deps.metrics.limitRefusals.inc({ limit: `feed-streams-${scope}` })
      res.setHeader('retry-after', '5')
      return new HttpError(
        429,
        'too-many-streams',
        `more than ${limit} open long-polls or streams for this ${scope === 'key' ? 'integration key' : 'client address'}; close one before opening another`,
        { scope, limit },
      )
    }
    if (!this.openPerKey.tryAcquire(keyId, perKey)) throw refuse('key', perKey)
    if (!this.openPerAddress.tryAcquire(address, perAddress)) {
      this.openPerKey.release(keyId)
      throw refuse('address', perAddress)
    }
    let released = false
    return () => {
      if (released) return
      released = true
      this.openPerKey.release(keyId)
      this.openPerAddress.release(address)
    }
  }

  private authenticate(req: IncomingMessage, orgId: string): IntegrationKeyRow {
    const header = req.headers.authorization ?? ''
    const given = header.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : ''
    const fail = (status: number, code: string, message: string): HttpError => {
      this.deps.metrics.authFailures.inc({ reason: `feed-${code}` })
      return new HttpError(status, code, message, { orgId })
    }
    if (!given) throw fail(401, 'unauthorized', 'integration key required (Authorization: Bearer <key>)')
    const key = given.startsWith(INTEGRATION_KEY_PREFIX)
      ? this.deps.feedDb.keyByHash(sha256Hex(given))
      : undefined
    if (!key) throw fail(401, 'invalid-key', 'unknown integration key')
    if (key.revokedAt !== null) throw fail(403, 'key-revoked', 'this integration key was revoked')
    if (key.orgId !== orgId)
      throw fail(403, 'wrong-org', 'this integration key belongs to another organization')
    const now = this.deps.now()
    if (now - (this.lastTouch.get(key.id) ?? 0) >= TOUCH_EVERY_MS) {
      this.lastTouch.set(key.id, now)
      this.deps.feedDb.touchKey(key.id, now)
    }
    return key
  }

  /** Feed position to read after: none = the beginning, `latest` = only new events. */
  private resolveAfter(orgId: string, text: string | undefined): number {
    if (text === undefined) return 0
    const latest = this.deps.feedDb.latest(orgId)
    if (text === 'latest') return latest?.pos ?? 0
    const cursor = decodeCursor(text)
    const details = { latest: latest ? encodeCursor(latest) : START_CURSOR, start: START_CURSOR }
    if (!cursor) throw new HttpError(400, 'invalid-cursor', 'not a cursor of this event feed', details)
    if (cursor.pos === 0) return 0
    const at = this.deps.feedDb.positionAt(cursor.pos)
    if (!at || at.orgId !== orgId || !cursorMatches(cursor, at)) {
      throw new HttpError(
        409,
        'cursor-unknown',
        'this relay has no such position in its feed (another organization, or a relay restored from an older backup); resume from an earlier saved cursor or from the start and skip events already processed by their key',
        details,
      )
    }
    return cursor.pos
  }

  private readPage(orgId: string, afterPos: number, types: readonly string[], limit: number): Page {
    const { feedDb, relayDb } = this.deps
    const rows = feedDb.page(orgId, afterPos, types, limit + 1)
    const hasMore = rows.length > limit
    const taken = rows.slice(0, limit)
    const names = new Map<string, string | null>()
    for (const d of relayDb.devicesOfOrg(orgId)) {
      if (d.revokedAt === null || !names.has(d.replicaId)) names.set(d.replicaId, d.storeName)
    }
    const events = taken.map((r) => toEnvelope(orgId, r, names.get(r.replicaId) ?? null))
    const last = events.at(-1)
    if (hasMore && last) return { events, cursor: last.cursor, pos: taken.at(-1)!.pos, hasMore }
    // everything up to the newest event was scanned: the cursor moves past filtered-out types too
    const latest = feedDb.latest(orgId)
    if (latest && latest.pos > afterPos)
      return { events, cursor: encodeCursor(latest), pos: latest.pos, hasMore }
    const here = afterPos === 0 ? undefined : feedDb.positionAt(afterPos)
    return { events, cursor: here ? encodeCursor(here) : START_CURSOR, pos: afterPos, hasMore }
  }

  // ---- JSON page / long-poll -----------------------------------------------------------------

  private async poll(
    res: ServerResponse,
    orgId: string,
    afterPos: number,
    types: readonly string[],
    limit: number,
    waitSeconds: number,
  ): Promise<void> {
    const deadline = Date.now() + waitSeconds * 1000
    const gone = new AbortController()
    res.once('close', () => gone.abort())
    let page = this.readPage(orgId, afterPos, types, limit)
    while (page.events.length === 0 && Date.now() < deadline && !this.stopped && !gone.signal.aborted) {
      await this.waitForAppend(orgId, page.pos, deadline - Date.now(), gone.signal)
      page = this.readPage(orgId, page.pos, types, limit)
    }
    if (gone.signal.aborted) return
    this.feedMetrics.delivered.inc({ mode: 'poll' }, page.events.length)
    sendJson(res, 200, {
      version: FEED_VERSION,
      orgId,
      events: page.events,
      cursor: page.cursor,
      hasMore: page.hasMore,
    })
  }

  // ---- Server-Sent Events ----------------------------------------------------------------------

  private async stream(
    req: IncomingMessage,
    res: ServerResponse,
    orgId: string,
    keyId: string,
    afterPos: number,
    types: readonly string[],
  ): Promise<void> {
    const heartbeatMs = this.deps.heartbeatMs ?? 15_000
    const gone = new AbortController()
    const stream: Stream = {
      keyId,
      end: () => {
        gone.abort()
        res.end()
      },
    }
    res.once('close', () => gone.abort())
    req.socket.setNoDelay(true)
    req.socket.setTimeout(0)
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      // nginx: do not buffer this response
      'x-accel-buffering': 'no',
    })
    this.streams.add(stream)
    this.feedMetrics.streams.set(this.streams.size)
    try {
      let pos = afterPos
      let sentCursor: string | null = null
      if (!res.write('retry: 2000\n\n')) await this.drained(res, gone.signal)
      while (!gone.signal.aborted && !this.stopped) {
        const page = this.readPage(orgId, pos, types, SSE_PAGE)
        let chunk = ''
        for (const e of page.events) chunk += `id: ${e.cursor}\ndata: ${JSON.stringify(e)}\n\n`
        // moved past filtered-out events: an id-only block advances the client's Last-Event-ID
        const lastCursor: string | null = page.events.at(-1)?.cursor ?? sentCursor
        if (page.pos > pos && page.cursor !== lastCursor) chunk += `id: ${page.cursor}\n\n`
        pos = page.pos
        if (chunk.length > 0) {
          sentCursor = page.cursor
          this.feedMetrics.delivered.inc({ mode: 'sse' }, page.events.length)
          if (!res.write(chunk)) await this.drained(res, gone.signal)
        }
        if (page.hasMore) continue
        const woke = await this.waitForAppend(orgId, pos, heartbeatMs, gone.signal)
        if (!woke && !gone.signal.aborted && !this.stopped) {
          if (!res.write(': keep-alive\n\n')) await this.drained(res, gone.signal)
        }
      }
    } finally {
      this.streams.delete(stream)
      this.feedMetrics.streams.set(this.streams.size)
      if (!res.writableEnded) res.end()
    }
  }

  private drained(res: ServerResponse, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        res.off('drain', done)
        signal.removeEventListener('abort', done)
        resolve()
      }
      res.once('drain', done)
      signal.addEventListener('abort', done, { once: true })
    })
  }

  // ---- waiting for new events ------------------------------------------------------------------

  /** Resolves true once the org's feed has a position after `afterPos`, false on timeout/abort/stop. */
  private waitForAppend(
    orgId: string,
    afterPos: number,
    timeoutMs: number,
    signal: AbortSignal,
  ): Promise<boolean> {
    return new Promise((resolve) => {
      if (signal.aborted || this.stopped || timeoutMs <= 0) return resolve(false)
      let settled = false
      const finish = (woke: boolean) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        signal.removeEventListener('abort', onAbort)
        this.waiters.delete(waiter)
        if (this.waiters.size === 0 && this.timer) {
          clearInterval(this.timer)
          this.timer = undefined
        }
        resolve(woke)
      }
      const onAbort = () => finish(false)
      const waiter: Waiter = { orgId, afterPos, wake: () => finish(true) }
      const timer = setTimeout(() => finish(false), timeoutMs)
      signal.addEventListener('abort', onAbort, { once: true })
      this.waiters.add(waiter)
      // events are committed by the relay's per-tick transaction; a cheap indexed MAX(pos) per
      // org with waiters notices them without touching the sync path
      this.timer ??= setInterval(() => this.checkWaiters(), this.deps.pollIntervalMs ?? 100)
    })
  }

  private checkWaiters(): void {
    const maxByOrg = new Map<string, number>()
    for (const w of [...this.waiters]) {
      let max = maxByOrg.get(w.orgId)
      if (max === undefined) {
        try {
          max = this.deps.feedDb.maxPos(w.orgId)
        } catch (err) {
          this.deps.log.warn({ err }, 'event feed: reading the feed position failed')
          return
        }
        maxByOrg.set(w.orgId, max)
      }
      if (max > w.afterPos) w.wake()
    }
  }

  // ---- admin: integration keys -------------------------------------------------------------------

  /**
   * `/admin/orgs/<org>/integration-keys[...]` (the caller has checked the admin key and the org).
   * Returns false if the route is not one of these.
   */
  async handleAdmin(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    orgId: string,
    rest: string,
  ): Promise<boolean> {
    const { feedDb, now, log } = this.deps
    if (rest === '/integration-keys' && method === 'POST') {
      const parsed = CreateKey.safeParse(await readJsonBody(req, 16 * 1024))
      if (!parsed.success) {
        const first = parsed.error.issues[0]
        throw new HttpError(
          400,
          'invalid-input',
          `${first?.path.join('.') || 'body'}: ${first?.message ?? 'invalid'}`,
        )
      }
      const key = `${INTEGRATION_KEY_PREFIX}${randomBytes(32).toString('base64url')}`
      const id = newId('ik')
      const createdAt = now()
      feedDb.insertKey({ id, orgId, name: parsed.data.name, keyHash: sha256Hex(key), now: createdAt })
      log.info({ orgId, keyId: id }, 'integration key issued')
      sendJson(res, 201, {
        id,
        orgId,
        name: parsed.data.name,
        key,
        createdAt: new Date(createdAt).toISOString(),
        eventsPath: `/v1/orgs/${encodeURIComponent(orgId)}/events`,
      })
      return true
    }
    if (rest === '/integration-keys' && method === 'GET') {
      const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())
      sendJson(res, 200, {
        orgId,
        keys: feedDb.keysOfOrg(orgId).map((k) => ({
          id: k.id,
          name: k.name,
          createdAt: iso(k.createdAt),
          lastUsedAt: iso(k.lastUsedAt),
          revokedAt: iso(k.revokedAt),
        })),
      })
      return true
    }
    const revoke = /^\/integration-keys\/([^/]+)\/revoke$/.exec(rest)
    if (revoke && method === 'POST') {
      const id = decodePathSegment(revoke[1]!)
      if (!feedDb.getKey(orgId, id)) throw new HttpError(404, 'unknown-key', `no integration key ${id}`)
      const changed = feedDb.revokeKey(orgId, id, now())
      const closedStreams = this.closeKey(id)
      log.warn({ orgId, keyId: id, closedStreams }, 'integration key revoked')
      sendJson(res, 200, { id, revoked: true, alreadyRevoked: !changed, closedStreams })
      return true
    }
    return false
  }

  /** Ends the open streams of a key (revocation takes effect at once). */
  closeKey(keyId: string): number {
    let closed = 0
    for (const s of [...this.streams]) {
      if (s.keyId === keyId) {
        s.end()
        closed++
      }
    }
    return closed
  }

  /** Relay draining: end streams (clients reconnect elsewhere/later), answer waiting long-polls. */
  stop(): void {
    this.stopped = true
    for (const s of [...this.streams]) s.end()
    for (const w of [...this.waiters]) w.wake()
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
  }
}
