import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net'

// A TCP proxy in front of the relay, one per store, so the chaos run can cut a single store off
// (sever: every open connection is destroyed and new ones are closed at once, as a pulled cable
// or a dead router looks to the store) or slow its link down (every chunk, in both directions,
// is delivered `delayMs` later, in order). The store is linked to the proxy's URL, never to the
// relay's, so it cannot route around it.

export interface ChaosProxy {
  readonly url: string
  readonly port: number
  /** Destroys every open connection and refuses new ones until heal(). */
  sever(): void
  heal(): void
  setDelay(ms: number): void
  readonly severed: boolean
  /** Connections accepted so far (for the summary). */
  readonly accepted: number
  close(): Promise<void>
}

export async function startProxy(target: { host: string; port: number }): Promise<ChaosProxy> {
  const pairs = new Set<{ client: Socket; upstream: Socket }>()
  let severed = false
  let delayMs = 0
  let accepted = 0

  const pipe = (from: Socket, to: Socket) => {
    // Chunks keep their order: each is scheduled no earlier than the previous one.
    let last = 0
    from.on('data', (chunk: Buffer) => {
      if (delayMs <= 0 && last <= Date.now()) {
        if (!to.destroyed) to.write(chunk)
        return
      }
      const due = Math.max(Date.now() + delayMs, last)
      last = due
      setTimeout(() => {
        if (!to.destroyed) to.write(chunk)
      }, due - Date.now())
    })
    from.on('end', () => {
      const wait = Math.max(0, last - Date.now())
      setTimeout(() => to.end(), wait)
    })
  }

  const server: Server = createServer((client) => {
    if (severed) {
      client.destroy()
      return
    }
    accepted++
    const upstream = createConnection(target)
    const pair = { client, upstream }
    pairs.add(pair)
    const drop = () => {
      pairs.delete(pair)
      client.destroy()
      upstream.destroy()
    }
    client.on('error', drop)
    upstream.on('error', drop)
    client.on('close', drop)
    upstream.on('close', drop)
    pipe(client, upstream)
    pipe(upstream, client)
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const port = (server.address() as AddressInfo).port

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get severed() {
      return severed
    },
    get accepted() {
      return accepted
    },
    sever() {
      severed = true
      for (const { client, upstream } of pairs) {
        client.destroy()
        upstream.destroy()
      }
      pairs.clear()
    },
    heal() {
      severed = false
    },
    setDelay(ms: number) {
      delayMs = Math.max(0, ms)
    },
    close: () =>
      new Promise<void>((ok) => {
        for (const { client, upstream } of pairs) {
          client.destroy()
          upstream.destroy()
        }
        pairs.clear()
        server.close(() => ok())
      }),
  }
}
