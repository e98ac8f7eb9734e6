// HTTP endpoints: health, readiness, metrics, device enrollment and the admin API.
// Admin routes need `Authorization: Bearer <admin key>` (the key is in DATA/admin-key); /metrics
// needs the metrics key (DATA/metrics-key) or the admin key.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Logger } from 'pino'
import { z } from 'zod'
import { CloseCode } from '../../shared/protocol/close-codes.ts'
import { EnrollRequestSchema, RelayIdSchema, type EnrollAnswer } from '../../shared/protocol/enrollment.ts'
import {
  HttpError,
  bearerToken,
  decodePathSegment,
  readJsonBody,
  requestPath,
  sendError,
  sendJson,
} from './http-util.ts'
import type { FeedService } from '../feed/feed-service.ts'
import type { RelayMetrics } from '../ops/metrics.ts'
import type { KeyedRateLimiter } from '../sync/rate-limiter.ts'
import type { RelayStore } from '../storage/relay-store.ts'
import type { ReplicaHistory, ReplicaTrace } from '../sync/replica-history.ts'
import type { SyncHub } from '../sync/sync-hub.ts'
import {
  newDeviceToken,
  newEnrollmentCode,
  newId,
  normalizeEnrollmentCode,
  secretsEqual,
  sha256Hex,
} from '../auth/tokens.ts'

export interface HttpApiDeps {
  relayDb: RelayStore
  hub: SyncHub
  metrics: RelayMetrics
  log: Logger
  adminKey: string
  /** Bearer key that may read /metrics (and nothing else). */
  metricsKey: string
  now: () => number
  enrollLimiter: KeyedRateLimiter
  /** The request's client address (through trusted proxies); keys the enrollment limit. */
  clientAddress: (req: IncomingMessage) => string
  /** Whether an organization has ever seen a replicaId (enrollment binds only new ones). */
  replicaHistory: ReplicaHistory
  isReady: () => { ready: boolean; reason?: string }
  /** The business event feed (`/v1/...`) and its integration-key admin routes. */
  feed?: FeedService
}

const ID = RelayIdSchema
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
      { issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
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
      if (err instanceof HttpError) {
        // the client's mistake: worth a debug line, never an error-level one
        deps.log.debug(
          { status: err.status, errorCode: err.code, method: req.method, path: loggablePath(req) },
          'http refused',
        )
        if (!res.headersSent) sendError(res, err)
        else res.destroy()
        return
      }
      deps.log.error({ err, method: req.method, path: loggablePath(req) }, 'http handler failed')
      if (!res.headersSent) sendError(res, new HttpError(500, 'internal', 'internal error'))
      else res.destroy()
    })
  }
}

/** The path for a log line (never the query string: it may carry a token). */
function loggablePath(req: IncomingMessage): string {
  try {
    return requestPath(req)
  } catch {
    return '(invalid)'
  }
}

async function handle(deps: HttpApiDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = requestPath(req)
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
    requireMetricsKey(deps, req, res)
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

/** /metrics names orgs, replicas, devices and stores: the metrics key or the admin key only. */
function requireMetricsKey(deps: HttpApiDeps, req: IncomingMessage, res: ServerResponse): void {
  const given = bearerToken(req)
  if (given && (secretsEqual(given, deps.metricsKey) || secretsEqual(given, deps.adminKey))) return
  deps.metrics.authFailures.inc({ reason: 'metrics-key' })
  res.setHeader('www-authenticate', 'Bearer realm="allot-relay-metrics"')
  throw new HttpError(
    401,
    'unauthorized',
    'metrics key required (Authorization: Bearer <DATA/metrics-key or --metrics-key-file>)',
  )
}

function requireAdmin(deps: HttpApiDeps, req: IncomingMessage): void {
  const given = bearerToken(req)
  if (!given || !secretsEqual(given, deps.adminKey)) {
    deps.metrics.authFailures.inc({ reason: 'admin-key' })
    throw new HttpError(401, 'unauthorized', 'admin key required (Authorization: Bearer <DATA/admin-key>)')
  }
}

async function enroll(deps: HttpApiDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const now = deps.now()
  const clientAddress = deps.clientAddress(req)
  if (!deps.enrollLimiter.take(clientAddress, now)) {
    throw new HttpError(429, 'rate-limited', 'too many enrollment attempts; wait a minute')
  }
  const body = parse(EnrollRequestSchema, await readJsonBody(req, BODY_LIMIT))
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
  const result = deps.relayDb.transaction((): 'ok' | 'replica-bound' | 'code-used' | ReplicaTrace => {
    const bound = deps.relayDb.devicesOfReplica(code.orgId, body.replicaId)
    if (bound.some((d) => d.revokedAt === null)) return 'replica-bound'
    // A replica's log is its stock: a general code binds only a replicaId this org has never
    // seen (no device ever, no archived event, nothing in the document); taking over a known
    // one (a relinked or replaced store) needs a code issued for exactly that replicaId.
    if (code.replicaId !== body.replicaId) {
      const trace = deps.replicaHistory.traceOf(code.orgId, body.replicaId)
      if (trace !== null) return trace
    }
    if (!deps.relayDb.consumeEnrollmentCode(codeHash, deviceId, now)) return 'code-used'
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
    return 'ok'
  })
  if (result === 'replica-bound')
    throw refuse(409, 'replica-bound', 'this replicaId is already bound to another device')
  if (result === 'code-used') throw refuse(401, 'code-used', 'enrollment code already used')
  if (result !== 'ok') {
    deps.log.warn(
      { orgId: code.orgId, replicaId: body.replicaId, trace: result, ip: clientAddress },
      'enrollment refused: replicaId already known',
    )
    throw refuseKnownReplica(deps, code.orgId, body.replicaId, result)
  }
  deps.log.info(
    { orgId: code.orgId, deviceId, replicaId: body.replicaId, ip: clientAddress },
    'device enrolled',
  )
  const answer: EnrollAnswer = {
    token,
    deviceId,
    orgId: code.orgId,
    replicaId: body.replicaId,
    storeName: code.storeName,
    syncPath: `/sync/${code.orgId}`,
    protocolVersion: 1,
    headOffice: code.headOffice,
    storeCode: code.storeCode,
  }
  sendJson(res, 201, answer)
}

const TRACE_WORDS: Record<ReplicaTrace, string> = {
  device: 'a device was enrolled with it before',
  archive: 'the relay archived its events',
  document: "the organization's document holds its log",
}

function refuseKnownReplica(
  deps: HttpApiDeps,
  orgId: string,
  replicaId: string,
  trace: ReplicaTrace,
): HttpError {
  deps.metrics.authFailures.inc({ reason: 'enroll-replica-known' })
  return new HttpError(
    409,
    'replica-known',
    `replica ${replicaId} already has history in organization ${orgId} (${TRACE_WORDS[trace]}); ` +
      'a general enrollment code only binds a new replica. To give this store a new device, the ' +
      'relay admin revokes its old device (if still enrolled) and issues a code for exactly this ' +
      `replica: POST /admin/orgs/${orgId}/enrollment-codes {"replicaId": "${replicaId}"}`,
    { orgId, replicaId, trace },
  )
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
    const orgId = decodePathSegment(orgRoute[1]!)
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
      const deviceId = decodePathSegment(revoke[1]!)
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
