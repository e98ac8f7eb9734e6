import WebSocket from 'ws'

// The store API the way an attacker (or any non-browser integration) reaches it: a raw WebSocket
// with hand-picked headers and JSON-RPC frames, no typed client in between.

export interface RawAnswer {
  id: number
  result?: unknown
  error?: { code: string; message: string; details?: Record<string, unknown> }
  /** ms since the client opened, when the answer arrived. */
  at: number
}

export interface RawApi {
  socket: WebSocket
  /** Sends one frame now and resolves with its answer (never rejects on an API error). */
  call(method: string, params: unknown): Promise<RawAnswer>
  close(): void
}

export interface UpgradeOptions {
  headers?: Record<string, string>
  protocols?: string[]
}

/** Opens a connection or rejects with the refusal's HTTP status and body. */
export async function openRawApi(url: string, options: UpgradeOptions = {}): Promise<RawApi> {
  const socket = new WebSocket(url, options.protocols ?? [], { headers: options.headers ?? {} })
  const started = Date.now()
  const waiting = new Map<number, (answer: RawAnswer) => void>()
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as Omit<RawAnswer, 'at'> & { event?: string }
    if (frame.event !== undefined) return
    waiting.get(frame.id)?.({ ...frame, at: Date.now() - started })
    waiting.delete(frame.id)
  })
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('unexpected-response', (_req, res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
      res.on('end', () => reject(new UpgradeRefused(res.statusCode ?? 0, body)))
    })
    socket.once('error', reject)
  })
  let nextId = 1
  return {
    socket,
    call(method, params) {
      const id = nextId++
      return new Promise((resolve) => {
        waiting.set(id, resolve)
        socket.send(JSON.stringify({ id, method, params }))
      })
    },
    close: () => socket.close(),
  }
}

/** The HTTP answer that refused a WebSocket upgrade. */
export class UpgradeRefused extends Error {
  readonly status: number
  readonly body: string
  constructor(status: number, body: string) {
    super(`upgrade refused with HTTP ${status}: ${body}`)
    this.status = status
    this.body = body
  }
}

/** The refusal of an upgrade that should fail (throws if it was accepted). */
export async function refusedUpgrade(url: string, options: UpgradeOptions = {}): Promise<UpgradeRefused> {
  try {
    const api = await openRawApi(url, options)
    api.close()
  } catch (error) {
    if (error instanceof UpgradeRefused) return error
    throw error
  }
  throw new Error(`the upgrade to ${url} was accepted`)
}
