// HTTP endpoints: health, readiness, metrics, device enrollment and the admin API.
// Admin routes need `Authorization: Bearer <admin key>` (the key is in DATA/admin-key).
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Logger } from 'pino'
import { z } from 'zod'
import { CloseCode } from './close-codes.ts'
import { HttpError, readJsonBody, sendError, sendJson } from './http-util.ts'
import type { FeedService } from './feed/feed-service.ts'
import type { RelayMetrics } from './metrics.ts'
import type { KeyedRateLimiter } from './rate-limiter.ts'
import type { RelayDatabase } from './relay-db.ts'
import type { SyncHub } from './sync-hub.ts'
import {
  newDeviceToken,
  newEnrollmentCode,
  newId,
  normalizeEnrollmentCode,
  secretsEqual,
  sha256Hex,
} from './tokens.ts'

export interface HttpApiDeps {
  relayDb: RelayDatabase
  hub: SyncHub
  metrics: RelayMetrics
  log: Logger
  adminKey: string
  now: () => number
  enrollLimiter: KeyedRateLimiter
  isReady: () => { ready: boolean; reason?: string }
  /** The business event feed (`/v1/...`) and its integration-key admin routes. */
  feed?: FeedService
}

const ID = z.string().regex(/^[A-Za-z0-9._-]{1,128}$/)
const CreateOrg = z.object({ orgId: ID.optional(), name: z.string().min(1).max(200) })
const CreateCode = z.object({
  storeName: z.string().min(1).max(200).optional(),
  replicaId: ID.optional(),
  /** A till for an existing store: the store's code (tills of one store share its store). */
  storeCode: z.string().min(1).max(40).optional(),
  /** The device enrolled with this code writes protected records (meta, owners, every store). */
  headOffice: z.boolean().optional(),
  ttlSeconds: z
    .number()
    .int()
    .min(60)
    .max(30 * 24 * 3600)
    .optional(),
})
const Enroll = z.object({ code: z.string().min(4).max(64), replicaId: ID })
const SetHeadOffice = z.object({ headOffice: z.boolean() })
const DEFAULT_CODE_TTL_SECONDS = 7 * 24 * 3600
const BODY_LIMIT = 64 * 1024

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value)
  if (!result.success) {
    const first = result.error.issues[0]
    throw new HttpError(
      400,
      'invalid-input',
      `${first?.path.join('.') || 'body'}: ${first?.message ?? 'invalid'}`,
    )
  }
  return result.data
}

function iso(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString()
}

export function createHttpHandler(deps: HttpApiDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(deps, req, res).catch((err: unknown) => {
      if (err instanceof HttpError) return sendError(res, err)
      deps.log.error({ err, method: req.method, path: pathOf(req) }, 'http handler failed')
      if (!res.headersSent) sendError(res, new HttpError(500, 'internal', 'internal error'))
      else res.destroy()
    })
  }
}

function pathOf(req: IncomingMessage): string {
  // never log the query string: it may carry a token
  return new URL(req.url ?? '/', 'http://relay.invalid').pathname
}

async function handle(deps: HttpApiDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = pathOf(req)
  const method = req.method ?? 'GET'
  if (method === 'GET' && path === '/healthz') return sendJson(res, 200, { status: 'ok' })
  if (method === 'GET' && path === '/readyz') {
    const readiness = deps.isReady()
    return sendJson(
      res,
      readiness.ready ? 200 : 503,
      readiness.ready ? { status: 'ready' } : { status: 'not-ready', reason: readiness.reason },
    )
  }
  if (method === 'GET' && path === '/metrics') {
    const text = await deps.metrics.registry.metrics()
    res.writeHead(200, { 'content-type': deps.metrics.registry.contentType })
    res.end(text)
    return
  }
  if (method === 'POST' && path === '/enroll') return enroll(deps, req, res)
  if (path.startsWith('/v1/') && deps.feed) return deps.feed.handle(req, res, path)
  if (path.startsWith('/admin/')) {
    requireAdmin(deps, req)
    return admin(deps, req, res, method, path.slice('/admin'.length))
  }
  throw new HttpError(404, 'not-found', `no route for ${method} ${path}`)
}

function requireAdmin(deps: HttpApiDeps, req: IncomingMessage): void {
  const header = req.headers.authorization ?? ''
  const given = header.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : ''
  if (!given || !secretsEqual(given, deps.adminKey)) {
    deps.metrics.authFailures.inc({ reason: 'admin-key' })
    throw new HttpError(401, 'unauthorized', 'admin key required (Authorization: Bearer <DATA/admin-key>)')
  }
}

async function enroll(deps: HttpApiDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const now = deps.now()
  if (!deps.enrollLimiter.take(req.socket.remoteAddress ?? 'unknown', now)) {
    throw new HttpError(429, 'rate-limited', 'too many enrollment attempts; wait a minute')
  }
  const body = parse(Enroll, await readJsonBody(req, BODY_LIMIT))
  const codeHash = sha256Hex(normalizeEnrollmentCode(body.code))
  const code = deps.relayDb.getEnrollmentCode(codeHash)
  const refuse = (status: number, errorCode: string, message: string) => {
    deps.metrics.authFailures.inc({ reason: `enroll-${errorCode}` })
    return new HttpError(status, errorCode, message)
  }
  if (!code) throw refuse(401, 'invalid-code', 'unknown enrollment code')
  if (code.usedAt !== null) throw refuse(401, 'code-used', 'enrollment code already used')
  if (code.expiresAt <= now) throw refuse(401, 'code-expired', 'enrollment code expired')
  if (code.replicaId !== null && code.replicaId !== body.replicaId) {
    throw refuse(403, 'replica-mismatch', 'this code was issued for another replica')
  }
  const token = newDeviceToken()
  const deviceId = newId('dev')
  const result = deps.relayDb.db.transaction(() => {
    const bound = deps.relayDb.devicesOfReplica(code.orgId, body.replicaId)
    if (bound.some((d) => d.revokedAt === null)) return 'replica-bound' as const
    // a revoked replica may only be taken over with a code issued explicitly for it
    if (bound.length > 0 && code.replicaId !== body.replicaId) return 'replica-bound' as const
    if (!deps.relayDb.consumeEnrollmentCode(codeHash, deviceId, now)) return 'code-used' as const
    deps.relayDb.insertDevice({
      id: deviceId,
      orgId: code.orgId,
      replicaId: body.replicaId,
      tokenHash: sha256Hex(token),
      storeName: code.storeName,
      now,
      storeCode: code.storeCode,
      headOffice: code.headOffice,
    })
    return 'ok' as const
  })()
  if (result === 'replica-bound')
    throw refuse(409, 'replica-bound', 'this replicaId is already bound to another device')
  if (result === 'code-used') throw refuse(401, 'code-used', 'enrollment code already used')
  deps.log.info({ orgId: code.orgId, deviceId, replicaId: body.replicaId }, 'device enrolled')
  sendJson(res, 201, {
    token,
    deviceId,
    orgId: code.orgId,
    replicaId: body.replicaId,
    storeName: code.storeName,
    syncPath: `/sync/${code.orgId}`,
    protocolVersion: 1,
    headOffice: code.headOffice,
    storeCode: code.storeCode,
  })
}

async function admin(
  deps: HttpApiDeps,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  path: string,
): Promise<void> {
  const { relayDb, now } = deps
  if (method === 'GET' && path === '/orgs') {
    return sendJson(res, 200, {
      orgs: relayDb.listOrgs().map((o) => ({ ...o, createdAt: iso(o.createdAt) })),
    })
  }
  if (method === 'POST' && path === '/orgs') {
    const body = parse(CreateOrg, await readJsonBody(req, BODY_LIMIT))
    const orgId = body.orgId ?? newId('org')
    if (relayDb.getOrg(orgId)) throw new HttpError(409, 'org-exists', `organization ${orgId} already exists`)
    const org = relayDb.createOrg(orgId, body.name, now())
    deps.log.info({ orgId }, 'org created')
    return sendJson(res, 201, { ...org, createdAt: iso(org.createdAt) })
  }
  const orgRoute = /^\/orgs\/([^/]+)(\/.*)$/.exec(path)
  if (orgRoute) {
    const orgId = decodeURIComponent(orgRoute[1]!)
    const rest = orgRoute[2]!
    if (!relayDb.getOrg(orgId)) throw new HttpError(404, 'unknown-org', `no organization ${orgId}`)
    if (method === 'POST' && rest === '/enrollment-codes') {
      const body = parse(CreateCode, await readJsonBody(req, BODY_LIMIT))
      const code = newEnrollmentCode()
      const createdAt = now()
      const expiresAt = createdAt + (body.ttlSeconds ?? DEFAULT_CODE_TTL_SECONDS) * 1000
      relayDb.insertEnrollmentCode({
        codeHash: sha256Hex(normalizeEnrollmentCode(code)),
        orgId,
        storeName: body.storeName ?? null,
        replicaId: body.replicaId ?? null,
        expiresAt,
        usedAt: null,
        createdAt,
        storeCode: body.storeCode ?? null,
        headOffice: body.headOffice ?? false,
      })
      deps.log.info({ orgId, storeName: body.storeName }, 'enrollment code issued')
      return sendJson(res, 201, {
        code,
        orgId,
        storeName: body.storeName ?? null,
        replicaId: body.replicaId ?? null,
        storeCode: body.storeCode ?? null,
        headOffice: body.headOffice ?? false,
        expiresAt: iso(expiresAt),
      })
    }
    if (method === 'GET' && rest === '/devices') {
      const online = deps.hub.devicesOnline(orgId)
      const archive = relayDb.archiveSummary(orgId)
      const devices = relayDb.devicesOfOrg(orgId).map((d) => ({
        deviceId: d.id,
        replicaId: d.replicaId,
        storeName: d.storeName,
        enrolledAt: iso(d.createdAt),
        lastSeenAt: iso(d.lastSeenAt),
        revokedAt: iso(d.revokedAt),
        storeId: d.storeId,
        headOffice: d.headOffice,
        connections: online.get(d.id) ?? 0,
        sync: {
          state: d.revokedAt !== null ? 'revoked' : (online.get(d.id) ?? 0) > 0 ? 'online' : 'offline',
          lastArchivedSeq: archive.get(d.replicaId)?.lastSeq ?? 0,
          archivedEvents: archive.get(d.replicaId)?.events ?? 0,
        },
      }))
      return sendJson(res, 200, { orgId, devices })
    }
    const revoke = /^\/devices\/([^/]+)\/revoke$/.exec(rest)
    if (method === 'POST' && revoke) {
      const deviceId = decodeURIComponent(revoke[1]!)
      if (!relayDb.getDevice(orgId, deviceId))
        throw new HttpError(404, 'unknown-device', `no device ${deviceId}`)
      const changed = relayDb.revokeDevice(orgId, deviceId, now())
      const closedConnections = deps.hub.closeDevice(deviceId, CloseCode.forbidden, 'device revoked')
      deps.log.warn({ orgId, deviceId, closedConnections }, 'device revoked')
      return sendJson(res, 200, { deviceId, revoked: true, alreadyRevoked: !changed, closedConnections })
    }
    const headOffice = /^\/devices\/([^/]+)\/head-office$/.exec(rest)
    if (method === 'POST' && headOffice) {
      const deviceId = decodeURIComponent(headOffice[1]!)
      const body = parse(SetHeadOffice, await readJsonBody(req, BODY_LIMIT))
      if (!relayDb.getDevice(orgId, deviceId))
        throw new HttpError(404, 'unknown-device', `no device ${deviceId}`)
      relayDb.setHeadOffice(orgId, deviceId, body.headOffice)
      // its connections reconnect and learn their new class from the handshake
      const reconnected = deps.hub.deviceClassChanged(deviceId, body.headOffice)
      deps.log.warn({ orgId, deviceId, headOffice: body.headOffice }, 'device class changed')
      return sendJson(res, 200, { deviceId, headOffice: body.headOffice, reconnected })
    }
    if (rest.startsWith('/integration-keys') && deps.feed) {
      if (await deps.feed.handleAdmin(req, res, method, orgId, rest)) return
    }
    if (method === 'GET' && rest === '/archive') {
      const url = new URL(req.url ?? '/', 'http://relay.invalid')
      const replicaId = url.searchParams.get('replicaId')
      const afterSeq = Number(url.searchParams.get('afterSeq') ?? '0')
      const limit = Math.min(10_000, Math.max(1, Number(url.searchParams.get('limit') ?? '1000')))
      if (!Number.isFinite(afterSeq) || !Number.isFinite(limit))
        throw new HttpError(400, 'invalid-input', 'afterSeq and limit must be numbers')
      const events = relayDb.archivedEvents(orgId, replicaId, afterSeq, limit).map((e) => ({
        replicaId: e.replicaId,
        seq: e.seq,
        id: e.eventId,
        type: e.type,
        at: e.at,
        event: JSON.parse(e.body) as unknown,
      }))
      return sendJson(res, 200, { orgId, events })
    }
  }
  throw new HttpError(404, 'not-found', `no admin route for ${method} ${path}`)
}
