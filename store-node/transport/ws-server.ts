import { timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { requestFrame, type EventFrame, type ResponseFrame } from '../../shared/api/rpc.ts'
import type { PushedEventName, PushedEvents } from '../../shared/api/views.ts'
import type { Session } from '../api/dispatch.ts'
import type { Envelope } from '../../shared/api/rpc.ts'

/** What the transport needs from the StoreNode. */
export interface ApiEndpoint {
  call(method: unknown, params: unknown, session: Session): Promise<Envelope<unknown>>
  subscribe(listener: (event: PushedEventName, data: PushedEvents[PushedEventName]) => void): () => void
}

export interface WsApiServer {
  url: string
  close(): Promise<void>
}

const maxFrameBytes = 64 * 1024 * 1024 // a CSV import of 50 MB fits; anything bigger is refused by ws

function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization
  if (header?.startsWith('Bearer ')) return header.slice(7).trim()
  const url = new URL(req.url ?? '/', 'http://localhost')
  return url.searchParams.get('token') ?? undefined
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * StoreApi as JSON-RPC over WebSocket on loopback: `{id, method, params}` → `{id, result}` or
 * `{id, error}`; pushed events as `{event, data}`. Each connection is one session (one login).
 */
export async function startWsApiServer(options: {
  endpoint: ApiEndpoint
  token: string
  host: string
  port: number
}): Promise<WsApiServer> {
  const { endpoint, token } = options
  const http: Server = createServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ code: 'VALIDATION', message: 'Connect with a WebSocket' }))
  })
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes })

  http.on('upgrade', (req, socket, head) => {
    const presented = bearerToken(req)
    if (!presented || !sameSecret(presented, token)) {
      socket.end(
        'HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{"code":"UNAUTHENTICATED","message":"Missing or wrong API token"}',
      )
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
  })

  wss.on('connection', (ws: WebSocket) => {
    const session: Session = { userId: null }
    const send = (frame: ResponseFrame | EventFrame) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame))
    }
    const unsubscribe = endpoint.subscribe((event, data) => send({ event, data } as EventFrame))
    ws.on('close', unsubscribe)
    ws.on('message', (raw, isBinary) => {
      let frame: unknown
      try {
        frame = isBinary ? undefined : JSON.parse(raw.toString())
      } catch {
        frame = undefined
      }
      const parsed = requestFrame.safeParse(frame)
      if (!parsed.success) {
        send({
          id: null,
          error: { code: 'VALIDATION', message: 'Expected a JSON frame {id, method, params}' },
        })
        return
      }
      const { id, method, params } = parsed.data
      void endpoint
        .call(method, params, session)
        .then((envelope) =>
          send(envelope.error ? { id, error: envelope.error } : { id, result: envelope.result }),
        )
    })
  })

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject)
    http.listen(options.port, options.host, () => resolve())
  })
  const { port } = http.address() as AddressInfo
  const host = options.host.includes(':') ? `[${options.host}]` : options.host
  return {
    url: `ws://${host}:${port}`,
    close: async () => {
      for (const client of wss.clients) client.close(1001, 'store node shutting down')
      await new Promise<void>((resolve) => wss.close(() => resolve()))
      await new Promise<void>((resolve) => http.close(() => resolve()))
    },
  }
}
