import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { TOKEN_SUBPROTOCOL_PREFIX } from '../../shared/api/ws-auth.ts'
import type { ErrorCode } from '../../shared/api/errors.ts'
import { hostNameOf, isLoopbackName } from './loopback.ts'

export interface AdmissionPolicy {
  token: string
  /** Origins whose pages may connect; connections without an `Origin` (not a browser) always may. */
  allowedOrigins: readonly string[]
  /** Served on loopback: the `Host` must be a loopback name too (DNS rebinding). */
  loopbackOnly: boolean
}

export type Refusal = { status: 401 | 403; code: ErrorCode; message: string }

function presentedToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization
  if (header?.startsWith('Bearer ')) return header.slice(7).trim()
  for (const offered of (req.headers['sec-websocket-protocol'] ?? '').split(',')) {
    const p = offered.trim()
    if (p.startsWith(TOKEN_SUBPROTOCOL_PREFIX)) return p.slice(TOKEN_SUBPROTOCOL_PREFIX.length)
  }
  return undefined
}

function tokenInUrl(url: string | undefined): boolean {
  try {
    return new URL(url ?? '/', 'http://localhost').searchParams.has('token')
  } catch {
    return /[?&]token=/.test(url ?? '')
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * Whether an upgrade request may open the store API, or why not. A browser page of another origin
 * (a hostile site with a leaked token, or one that rebound its DNS name to 127.0.0.1) is refused
 * before the token is even looked at; a token in the URL is refused (it reaches logs, history and
 * Referer headers); the token is taken from `Authorization: Bearer` or the `bearer.<token>`
 * subprotocol only.
 */
export function admit(req: IncomingMessage, policy: AdmissionPolicy): Refusal | undefined {
  if (policy.loopbackOnly) {
    const host = hostNameOf(req.headers.host)
    if (!host || !isLoopbackName(host))
      return {
        status: 403,
        code: 'FORBIDDEN',
        message: 'This store API answers only to loopback addresses (127.0.0.1, localhost, ::1)',
      }
  }
  const origin = req.headers.origin
  if (origin !== undefined && !policy.allowedOrigins.includes(origin))
    return {
      status: 403,
      code: 'FORBIDDEN',
      message: `Web pages from ${origin.slice(0, 200)} may not use this store API; start the store node with --allow-origin for the app's own address`,
    }
  if (tokenInUrl(req.url))
    return {
      status: 401,
      code: 'UNAUTHENTICATED',
      message:
        'Never put the API token in the URL: send it as "Authorization: Bearer <token>" or as the WebSocket subprotocol bearer.<token>',
    }
  const presented = presentedToken(req)
  if (!presented || !sameSecret(presented, policy.token))
    return { status: 401, code: 'UNAUTHENTICATED', message: 'Missing or wrong API token' }
  return undefined
}
