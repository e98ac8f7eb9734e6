// The headless store node's body (started by store-node/cli.ts, which enables the compile cache
// first): parses the arguments, opens the StoreNode and serves StoreApi on a WebSocket.
import { isIP } from 'node:net'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { ensureApiToken } from '../transport/api-token.ts'
import { compactHeapSoon } from '../doc/compact-heap.ts'
import { createLogger } from './logger.ts'
import { ensurePrivateDir } from './private-files.ts'
import { openStoreNode } from '../store-node.ts'
import { parseAllowedOrigin } from '../transport/allowed-origin.ts'
import { isLoopbackName } from '../transport/loopback.ts'
import { startWsApiServer } from '../transport/ws-server.ts'
import { exitWithParent } from '../../shared/node/exit-with-parent.ts'

const usage =
  'usage: npm run store-node -- --data DIR [--port N] [--host 127.0.0.1] [--allow-origin URL]...\n' +
  '  --allow-origin URL  a web page origin (the renderer the browser loads) that may open the API; repeatable'

function fail(message: string): never {
  process.stderr.write(`${message}\n${usage}\n`)
  process.exit(2)
}

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    lan: { type: 'boolean', default: false },
    'allow-origin': { type: 'string', multiple: true, default: [] },
    help: { type: 'boolean', default: false },
  },
  strict: true,
})
if (values.help) {
  process.stdout.write(`${usage}\n`)
  process.exit(0)
}
if (!values.data) fail('--data is required')
const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0..65535, got ${values.port}`)
const loopback = isLoopbackName(values.host)
if (!isIP(values.host) && values.host !== 'localhost')
  fail(`--host must be an IP address, got ${values.host}`)
if (!loopback && !values.lan)
  fail(`refusing to serve the API on ${values.host}: pass --lan to allow a non-loopback address`)
let allowedOrigins: string[] = []
try {
  allowedOrigins = values['allow-origin'].map(parseAllowedOrigin)
} catch (error) {
  fail(error instanceof Error ? error.message : String(error))
}

const dataDir = resolve(values.data)
ensurePrivateDir(dataDir)
const logger = createLogger('store-node')
const token = ensureApiToken(join(dataDir, 'api-token'))
const node = await openStoreNode({ dataDir, logger })
compactHeapSoon()
const server = await startWsApiServer({ endpoint: node, token, host: values.host, port, allowedOrigins })
process.stdout.write(`${JSON.stringify({ event: 'ready', api: server.url, replicaId: node.replicaId })}\n`)
logger.info({ api: server.url, replicaId: node.replicaId }, 'store node ready')

let stopping = false
async function shutdown(signal: string): Promise<void> {
  if (stopping) return
  stopping = true
  logger.info({ signal }, 'shutting down')
  const deadline = setTimeout(() => process.exit(1), 10_000)
  deadline.unref()
  await server.close()
  await node.close()
  process.exit(0)
}
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))
exitWithParent((reason) => void shutdown(reason))
