// Small helpers for the JSON HTTP endpoints (health, metrics, admin API, enrollment). Every error
// the relay answers over HTTP is `{error: {code, message, details?}}` (shared/protocol/relay-error.ts).
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Logger } from 'pino'
import { relayErrorEnvelope } from '../../shared/protocol/relay-error.ts'

export class HttpError extends Error {
  readonly status: number
  readonly code: string
  readonly details: Record<string, unknown> | undefined
  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(message)
    this.status = status
    this.code = code
    this.details = details
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  })
  res.end(text)
}

export function sendError(res: ServerResponse, error: HttpError): void {
  sendJson(res, error.status, relayErrorEnvelope(error.code, error.message, error.details))
}

/** A complete HTTP/1.1 error answer, for sockets that have no response object (upgrades, parse errors). */
export function rawJsonResponse(status: number, code: string, message: string): string {
  const body = JSON.stringify(relayErrorEnvelope(code, message))
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
    'Content-Type: application/json; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Connection: close\r\n\r\n' +
    body
  )
}

/** The server's `clientError` handler: what Node's parser refused gets a JSON 400 (or 408/431). */
export function answerMalformedRequest(log: Logger): (err: NodeJS.ErrnoException, socket: Duplex) => void {
  return (err, socket) => {
    log.debug({ parserError: err.code }, 'malformed HTTP request')
    // never write into the middle of a response already under way on a keep-alive socket
    const answering = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage
    if (!socket.writable || answering?.headersSent === true || err.code === 'ECONNRESET') {
      socket.destroy()
      return
    }
    const status =
      err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400
    socket.end(rawJsonResponse(status, 'bad-request', 'malformed HTTP request'))
  }
}

const INVALID_PATH_MESSAGE = 'the request path is not a valid URL path (bad percent-encoding?)'

/**
 * The request's path, never its query string (it may carry a token, so it is never logged).
 * A request target that is not a URL is the client's mistake: 400 `invalid-path`.
 */
export function requestPath(req: IncomingMessage): string {
  try {
    return new URL(req.url ?? '/', 'http://relay.invalid').pathname
  } catch {
    throw new HttpError(400, 'invalid-path', INVALID_PATH_MESSAGE)
  }
}

/** Decodes one percent-encoded path segment; bad encoding (`%E0%A4%A`) is 400 `invalid-path`. */
export function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw new HttpError(400, 'invalid-path', INVALID_PATH_MESSAGE, { segment: segment.slice(0, 200) })
  }
}

/** The bearer credential of `Authorization: Bearer …`, or '' when there is none. */
export function bearerToken(req: IncomingMessage): string {
  const header = req.headers.authorization ?? ''
  return header.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : ''
}

/** Reads a JSON body of at most `limitBytes`. */
export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const buf = chunk as Buffer
    size += buf.byteLength
    if (size > limitBytes) throw new HttpError(413, 'body-too-large', `request body over ${limitBytes} bytes`)
    chunks.push(buf)
  }
  if (size === 0) return {}
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown
  } catch {
    throw new HttpError(400, 'bad-json', 'request body is not valid JSON')
  }
}
