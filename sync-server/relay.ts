// Wires the relay together: SQLite, the sync hub, the HTTP API and the WebSocket upgrade path,
// plus graceful shutdown. Everything is created here and passed down; nothing is global.
import { mkdirSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Duplex } from 'node:stream'
import type { Logger } from 'pino'
import { WebSocketServer, type WebSocket } from 'ws'
import { openDatabase, type Database } from '../shared/node/sqlite.ts'
import { YUpdateLog } from '../shared/node/update-log.ts'
import { loadOrCreateAdminKey } from './admin-key.ts'
import { createHttpHandler } from './admin-api.ts'
import type { RelayConfig } from './config.ts'
import { TOKEN_SUBPROTOCOL_PREFIX, admitDevice, type Admission } from './device-auth.ts'
import { FeedDatabase } from './feed/feed-db.ts'
import { FeedService } from './feed/feed-service.ts'
import { createRelayMetrics, type RelayMetrics } from './metrics.ts'
import { registerOpsMetrics } from './ops-metrics.ts'
import { KeyedRateLimiter } from './rate-limiter.ts'
import { RelayDatabase } from './relay-db.ts'
import { SyncHub } from './sync-hub.ts'

export interface RunningRelay {
  url: string
  port: number
  adminKeyFile: string
  metrics: RelayMetrics
  /** Graceful: stop accepting, not ready, staggered 1012 closes, drain, compact, close SQLite. */
  shutdown(): Promise<void>
}

export interface RelayDeps {
  log: Logger
  now: () => number
}

/** Header carrying the relay's clock on the upgrade response, for the stores' clock-skew check. */
export const RELAY_TIME_HEADER = 'x-allot-relay-time'
/** Header telling a device its class on the upgrade response: `head-office` or `store`. */
export const DEVICE_CLASS_HEADER = 'x-allot-device-class'

export async function startRelay(config: RelayConfig, deps: RelayDeps): Promise<RunningRelay> {
  const { log, now } = deps
  // the data dir holds device-token hashes, the archive and the admin key: owner only
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 })
  const adminKey = loadOrCreateAdminKey(config.dataDir)
  const db: Database = openDatabase(join(config.dataDir, 'relay.db'))
  const relayDb = new RelayDatabase(db)
  const updateLog = new YUpdateLog(db)
  const metrics = createRelayMetrics()
  const hub = new SyncHub({ relayDb, updateLog, metrics, log, now, limits: config.limits })
  // business event feed (integration keys, /v1/orgs/<org>/events) and per-store alerting gauges
  const feedDb = new FeedDatabase(db)
  const feed = new FeedService({ feedDb, relayDb, metrics, log, now })
  registerOpsMetrics({
    metrics,
    relayDb,
    feedDb,
    devicesOnline: (org) => hub.devicesOnline(org),
    isReady: () => isReady(),
    now,
    log,
  })
  const upgradeLimiter = new KeyedRateLimiter(config.upgradesPerSecond, config.upgradeBurst)
  let draining = false

  const isReady = (): { ready: boolean; reason?: string } => {
    if (draining) return { ready: false, reason: 'draining' }
    try {
      relayDb.writeProbe(now())
      return { ready: true }
    } catch (err) {
      log.error({ err }, 'readiness write probe failed')
      return { ready: false, reason: 'storage' }
    }
  }

  const server: Server = createServer(
    { headersTimeout: 10_000, requestTimeout: 30_000 },
    createHttpHandler({
      relayDb,
      hub,
      metrics,
      log,
      adminKey: adminKey.key,
      now,
      enrollLimiter: new KeyedRateLimiter(config.enrollPerSecond, config.enrollBurst),
      isReady,
      feed,
    }),
  )
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: config.maxPayloadBytes,
    perMessageDeflate: false,
    // a token offered as a subprotocol must not be picked as "the" protocol if anything else is offered
    handleProtocols: (protocols: Set<string>) => {
      for (const p of protocols) if (!p.startsWith(TOKEN_SUBPROTOCOL_PREFIX)) return p
      const first = protocols.values().next()
      return first.done ? false : first.value
    },
  })
  /** The admission of each upgrade request, so the handshake's headers can tell the device its class. */
  const admissions = new WeakMap<IncomingMessage, Admission>()
  wss.on('headers', (headers: string[], req: IncomingMessage) => {
    headers.push(`${RELAY_TIME_HEADER}: ${now()}`)
    const admission = admissions.get(req)
    if (admission?.ok)
      headers.push(`${DEVICE_CLASS_HEADER}: ${admission.device.headOffice ? 'head-office' : 'store'}`)
  })

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (draining) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    socket.on('error', () => socket.destroy())
    let admission: Admission
    try {
      admission = admitDevice(req, { relayDb, upgradeLimiter, now: now() })
    } catch (err) {
      log.error({ err }, 'admission failed')
      admission = { ok: false, code: 1011, reason: 'relay error; retry later', metricReason: 'internal' }
    }
    admissions.set(req, admission)
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      if (!admission.ok) {
        metrics.authFailures.inc({ reason: admission.metricReason })
        metrics.closes.inc({ code: String(admission.code) })
        log.info(
          { code: admission.code, reason: admission.metricReason, ip: req.socket.remoteAddress },
          'connection refused',
        )
        ws.close(admission.code, admission.reason)
        setTimeout(() => ws.terminate(), 2000).unref()
        return
      }
      void hub.attach(ws, admission.device, admission.tokenHash, admission.docOrgId)
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port, config.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  const url = `http://${host}:${address.port}`

  let shutdownPromise: Promise<void> | null = null
  const shutdown = (): Promise<void> => {
    shutdownPromise ??= (async () => {
      draining = true
      log.info({ connections: hub.connectionCount() }, 'draining')
      feed.stop()
      server.close()
      const deadline = new Promise<'deadline'>((r) =>
        setTimeout(() => r('deadline'), config.shutdownDeadlineMs).unref(),
      )
      const graceful = (async () => {
        await hub.closeAllStaggered(config.shutdownBatchSize, config.shutdownBatchPauseMs)
        while (hub.connectionCount() > 0) await new Promise((r) => setTimeout(r, 20))
        return 'drained' as const
      })()
      const outcome = await Promise.race([graceful, deadline])
      if (outcome === 'deadline') {
        log.warn({ connections: hub.connectionCount() }, 'shutdown deadline reached; terminating sockets')
        hub.terminateAll()
      }
      // everything accepted so far is committed here, before the database closes
      hub.stop()
      server.closeAllConnections()
      db.close()
      log.info('stopped')
    })()
    return shutdownPromise
  }

  return { url, port: address.port, adminKeyFile: adminKey.file, metrics, shutdown }
}
