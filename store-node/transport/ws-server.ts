import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { requestFrame, type EventFrame, type ResponseFrame } from '../../shared/api/rpc.ts'
import type { PushedEventName, PushedEvents } from '../../shared/api/views.ts'
import type { Session } from '../api/dispatch.ts'
import type { Envelope } from '../../shared/api/rpc.ts'
import { STORE_API_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX } from '../../shared/api/ws-auth.ts'
import { admit, type AdmissionPolicy, type Refusal } from './admission.ts'
import { isLoopbackName } from './loopback.ts'

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

function refuse(socket: Duplex, refusal: Refusal): void {
  const reason = refusal.status === 401 ? 'Unauthorized' : 'Forbidden'
  const body = JSON.stringify({ code: refusal.code, message: refusal.message })
  socket.end(
    `HTTP/1.1 ${refusal.status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  )
}

/** The API's own subprotocol when offered; never a token as "the" protocol if anything else is offered. */
function selectProtocol(offered: Set<string>): string | false {
  if (offered.has(STORE_API_SUBPROTOCOL)) return STORE_API_SUBPROTOCOL
  for (const p of offered) if (!p.startsWith(TOKEN_SUBPROTOCOL_PREFIX)) return p
  return offered.values().next().value ?? false
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
  /** Origins of the renderer pages that may connect (`--allow-origin`); none by default. */
  allowedOrigins?: readonly string[]
}): Promise<WsApiServer> {
  const { endpoint } = options
  const policy: AdmissionPolicy = {
    token: options.token,
    allowedOrigins: options.allowedOrigins ?? [],
    loopbackOnly: isLoopbackName(options.host),
  }
  const http: Server = createServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ code: 'VALIDATION', message: 'Connect with a WebSocket' }))
  })
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: maxFrameBytes,
    handleProtocols: selectProtocol,
  })

  http.on('upgrade', (req, socket, head) => {
    const refusal = admit(req, policy)
    if (refusal) {
      refuse(socket, refusal)
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
