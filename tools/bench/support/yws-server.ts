// Bench-only baseline relay: stock `@y/websocket-server` (in-memory documents, no auth, no
// persistence), on 127.0.0.1 with an OS-chosen port. Prints {"event":"ready","port":N}.
import { createServer } from 'node:http'
import { setupWSConnection } from '@y/websocket-server/utils'
import { WebSocketServer } from 'ws'

const wss = new WebSocketServer({ noServer: true })
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' })
  res.end('okay')
})
wss.on('connection', (ws, req) => setupWSConnection(ws, req))
server.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
})
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  process.stdout.write(`${JSON.stringify({ event: 'ready', port })}\n`)
})
process.on('SIGTERM', () => process.exit(0))
