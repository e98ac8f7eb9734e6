// Decides, from the HTTP upgrade request alone, whether a device may open a sync connection.
// Runs before the WebSocket handshake completes; a refusal is still delivered as a WebSocket
// close code (not an HTTP status) so clients can read it and stop retrying.
import type { IncomingMessage } from 'node:http'
import { CloseCode } from '../../shared/protocol/close-codes.ts'
import {
  ProtocolHeader,
  SUPPORTED_PROTOCOL_VERSIONS,
  TOKEN_SUBPROTOCOL_PREFIX,
} from '../../shared/protocol/handshake.ts'
import type { KeyedRateLimiter } from '../sync/rate-limiter.ts'
import type { DeviceRow } from '../storage/relay-db.ts'
import type { RelayStore } from '../storage/relay-store.ts'
import { sha256Hex } from './tokens.ts'

export type Admission =
  | { ok: true; orgId: string; device: DeviceRow; tokenHash: string; docOrgId: string | null }
  | { ok: false; code: number; reason: string; metricReason: string }

const SYNC_PATH = /^\/sync\/([A-Za-z0-9._-]{1,128})\/?$/

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name]
  return Array.isArray(value) ? value[0] : value
}

export function tokenFromRequest(req: IncomingMessage, url: URL): string | undefined {
  const authorization = header(req, 'authorization')
  if (authorization?.toLowerCase().startsWith('bearer ')) return authorization.slice(7).trim()
  const protocols = header(req, 'sec-websocket-protocol')
  if (protocols) {
    for (const p of protocols.split(',')) {
      const trimmed = p.trim()
      if (trimmed.startsWith(TOKEN_SUBPROTOCOL_PREFIX)) return trimmed.slice(TOKEN_SUBPROTOCOL_PREFIX.length)
    }
  }
  return url.searchParams.get('token') ?? undefined
}

export function admitDevice(
  req: IncomingMessage,
  deps: { relayDb: RelayStore; upgradeLimiter: KeyedRateLimiter; now: number },
): Admission {
  let url: URL
  try {
    url = new URL(req.url ?? '/', 'http://relay.invalid')
  } catch {
    // a request target that is not a URL is the client's mistake, not a relay error
    return { ok: false, code: CloseCode.badMessage, reason: 'bad request path', metricReason: 'bad-path' }
  }
  const match = SYNC_PATH.exec(url.pathname)
  if (!match)
    return {
      ok: false,
      code: CloseCode.badMessage,
      reason: 'expected /sync/<orgId>',
      metricReason: 'bad-path',
    }
  const orgId = match[1]!
  const version = url.searchParams.get('v') ?? header(req, ProtocolHeader.version) ?? '1'
  if (!SUPPORTED_PROTOCOL_VERSIONS.includes(version)) {
    return {
      ok: false,
      code: CloseCode.unsupportedVersion,
      reason: `unsupported protocol version ${version.slice(0, 16)}; relay speaks ${SUPPORTED_PROTOCOL_VERSIONS.join(',')}`,
      metricReason: 'unsupported-version',
    }
  }
  const token = tokenFromRequest(req, url)
  if (!token)
    return {
      ok: false,
      code: CloseCode.unauthorized,
      reason: 'missing device token',
      metricReason: 'missing-token',
    }
  const tokenHash = sha256Hex(token)
  const device = deps.relayDb.deviceByTokenHash(tokenHash)
  if (!device)
    return {
      ok: false,
      code: CloseCode.unauthorized,
      reason: 'unknown device token',
      metricReason: 'unknown-token',
    }
  if (device.revokedAt !== null) {
    return { ok: false, code: CloseCode.forbidden, reason: 'device revoked', metricReason: 'revoked' }
  }
  if (device.orgId !== orgId) {
    if (!deps.relayDb.getOrg(orgId)) {
      return {
        ok: false,
        code: CloseCode.unknownOrg,
        reason: 'unknown organization',
        metricReason: 'unknown-org',
      }
    }
    return {
      ok: false,
      code: CloseCode.forbidden,
      reason: 'token belongs to another organization',
      metricReason: 'wrong-org',
    }
  }
  if (!deps.upgradeLimiter.take(tokenHash, deps.now)) {
    return {
      ok: false,
      code: CloseCode.tooManyUpgrades,
      reason: 'too many connection attempts',
      metricReason: 'upgrade-rate',
    }
  }
  const docOrgId = url.searchParams.get('docOrg') ?? header(req, ProtocolHeader.docOrg) ?? null
  return { ok: true, orgId, device, tokenHash, docOrgId: docOrgId && docOrgId.length > 0 ? docOrgId : null }
}
