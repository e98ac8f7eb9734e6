// Bench-only TCP proxy that injects latency: every chunk is forwarded `--delay` ms after it
// arrived, in both directions, so a request/response round trip costs 2 × delay extra.
//   node tools/bench/support/delay-proxy.ts --target 127.0.0.1:PORT --delay 15
// Prints {"event":"ready","port":N} on stdout. Killing it is "cutting the network".
import { createServer, connect, type Socket } from 'node:net'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: {
    target: { type: 'string' },
    delay: { type: 'string', default: '15' },
    hosts: { type: 'string', default: '0' },
  },
})
const [host, portText] = (values.target ?? '').split(':')
const targetPort = Number(portText)
const delay = Number(values.delay)
if (!host || !Number.isInteger(targetPort)) throw new Error('--target HOST:PORT is required')

/** Forwards chunks from `from` to `to` after `delay` ms, preserving order (same-delay timers are FIFO). */
function pipeDelayed(from: Socket, to: Socket): void {
  from.on('data', (chunk: Buffer) => {
    setTimeout(() => {
      if (!to.destroyed) to.write(chunk)
    }, delay)
  })
  from.on('end', () => setTimeout(() => to.end(), delay))
  from.on('error', () => to.destroy())
  from.on('close', () => setTimeout(() => to.destroy(), delay))
}

function handle(client: Socket, localAddress: string | undefined): void {
  client.setNoDelay(true)
  const upstream = connect({
    host,
    port: targetPort,
    noDelay: true,
    ...(localAddress ? { localAddress } : {}),
  })
  pipeDelayed(client, upstream)
  pipeDelayed(upstream, client)
}

// --hosts N: also listen on 127.0.3.1 … 127.0.3.N (same port); a client that connected to
// 127.0.3.k reaches the target from 127.0.2.k. Stores then look like N hosts to per-IP limits
// (the relay's enrollment limit), as they would be on a real network.
const extra = Number(values.hosts)
const main = createServer({ noDelay: true }, (c) => handle(c, undefined))
main.listen(0, '127.0.0.1', () => {
  const address = main.address()
  const port = typeof address === 'object' && address ? address.port : 0
  let pending = extra
  const ready = () => process.stdout.write(`${JSON.stringify({ event: 'ready', port })}\n`)
  if (pending === 0) ready()
  for (let k = 1; k <= extra; k++) {
    const server = createServer({ noDelay: true }, (c) => handle(c, `127.0.2.${k}`))
    server.listen(port, `127.0.3.${k}`, () => {
      if (--pending === 0) ready()
    })
  }
})
process.on('SIGTERM', () => process.exit(0))
