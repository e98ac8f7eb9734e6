import type { Transport } from './client.ts'
import type { MethodName } from './contract.ts'
import { ApiError, errorFromBody } from './errors.ts'
import { apiSubprotocols, isSubprotocolSafe } from './ws-auth.ts'
import type { PushedEventName } from './views.ts'

/**
 * StoreApi over the headless store node's WebSocket (JSON-RPC frames). Uses the standard WebSocket
 * global (browsers, Node ≥ 22), so the renderer and Node tools share it. Browsers cannot set
 * headers on a WebSocket, so the token travels as the `bearer.<token>` subprotocol (ws-auth.ts),
 * never in the URL, where logs, history and Referer headers would keep it.
 */
export interface WsTransport extends Transport {
  close(): void
  readonly closed: Promise<void>
}

export async function connectWsTransport(apiUrl: string, token: string): Promise<WsTransport> {
  if (!isSubprotocolSafe(token))
    throw new ApiError('VALIDATION', 'The API token has characters a WebSocket subprotocol cannot carry')
  const socket = new WebSocket(apiUrl, apiSubprotocols(token))
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>()
  const listeners = new Set<(event: PushedEventName, data: unknown) => void>()
  let nextId = 1

  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true })
    socket.addEventListener('error', () => reject(new ApiError('INTERNAL', `Cannot connect to ${apiUrl}`)), {
      once: true,
    })
  })

  const closed = new Promise<void>((resolve) =>
    socket.addEventListener('close', () => {
      for (const { reject } of pending.values())
        reject(new ApiError('INTERNAL', 'Connection to the store closed'))
      pending.clear()
      resolve()
    }),
  )

  socket.addEventListener('message', (message) => {
    let frame: { id?: unknown; result?: unknown; error?: unknown; event?: unknown; data?: unknown }
    try {
      frame = JSON.parse(String(message.data)) as typeof frame
    } catch {
      return
    }
    if (typeof frame.event === 'string') {
      for (const listener of listeners) listener(frame.event as PushedEventName, frame.data)
      return
    }
    if (typeof frame.id !== 'number') return
    const waiter = pending.get(frame.id)
    if (!waiter) return
    pending.delete(frame.id)
    if (frame.error !== undefined) waiter.reject(errorFromBody(frame.error))
    else waiter.resolve(frame.result)
  })

  return {
    closed,
    call(method: MethodName, input: unknown) {
      const id = nextId++
      return new Promise((resolve, reject) => {
        if (socket.readyState !== WebSocket.OPEN) {
          reject(new ApiError('INTERNAL', 'Not connected to the store'))
          return
        }
        pending.set(id, { resolve, reject })
        socket.send(JSON.stringify({ id, method, params: input }))
      })
    },
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close() {
      socket.close()
    },
  }
}
