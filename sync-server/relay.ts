// Wires the relay together: SQLite, the sync hub, the HTTP API and the WebSocket upgrade path,
// plus graceful shutdown. Everything is created here and passed down; nothing is global.
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import type { Duplex } from 'node:stream'
import type { Logger } from 'pino'
import { WebSocketServer, type WebSocket } from 'ws'
import * as Y from 'yjs'
import { loadOrCreateAdminKey, loadOrCreateKeyFile, loadOrCreateSharedKeyFile } from './auth/admin-key.ts'
import { createHttpHandler } from './http/admin-api.ts'
import { AwarenessGuard } from './sync/awareness-guard.ts'
import { ClientAddressResolver } from './http/client-address.ts'
import type { RelayConfig } from './config.ts'
import { ConnectionCaps } from './http/connection-caps.ts'
import { secureDataDir } from './storage/data-dir.ts'
import { openPostgresStorage, openSqliteStorage } from './storage/open-storage.ts'
import { ProtocolHeader, TOKEN_SUBPROTOCOL_PREFIX } from '../shared/protocol/handshake.ts'
import { admitDevice, type Admission } from './auth/device-auth.ts'
import { FeedService } from './feed/feed-service.ts'
import { answerMalformedRequest, rawJsonResponse } from './http/http-util.ts'
import { createRelayMetrics, type RelayMetrics } from './ops/metrics.ts'
import { registerOpsMetrics } from './ops/ops-metrics.ts'
import { KeyedRateLimiter } from './sync/rate-limiter.ts'
import type { RelayConnection } from './sync/relay-connection.ts'
import { ReplicaHistory } from './sync/replica-history.ts'
import { SocketGuard } from './http/socket-guard.ts'
import { SharedLogFollower } from './sync/shared-log-follower.ts'
import { SyncHub } from './sync/sync-hub.ts'

export interface RunningRelay {
  url: string
  port: number
  adminKeyFile: string
  /** Bearer key file for GET /metrics. */
  metricsKeyFile: string
  metrics: RelayMetrics
  /** Graceful: stop accepting, not ready, staggered 1012 closes, drain, compact, close SQLite. */
  shutdown(): Promise<void>
}

export interface RelayDeps {
  log: Logger
  now: () => number
}

export async function startRelay(config: RelayConfig, deps: RelayDeps): Promise<RunningRelay> {
  const { log, now } = deps
  const { dataDir, adminKeyFile } = config
  if (dataDir === null && adminKeyFile === null)
    throw new Error('the relay needs a data directory or an admin key file')
  if (dataDir !== null) secureDataDir(dataDir)
  const adminKey =
    adminKeyFile !== null ? loadOrCreateSharedKeyFile(adminKeyFile) : loadOrCreateAdminKey(dataDir!)
  const metricsKey =
    config.metricsKeyFile !== null
      ? loadOrCreateKeyFile(config.metricsKeyFile, true)
      : dataDir !== null
        ? loadOrCreateKeyFile(join(dataDir, 'metrics-key'))
        : loadOrCreateSharedKeyFile(join(dirname(adminKeyFile!), 'metrics-key'))
  let storage
  if (config.database !== null) storage = openPostgresStorage(config.database, now())
  else if (dataDir !== null) storage = openSqliteStorage(dataDir)
  else throw new Error('the relay needs --data DIR or --database URL')
  const { relayDb, updateLog, feedDb } = storage
  const metrics = createRelayMetrics()
  const addresses = new ClientAddressResolver(config.trustProxy)
  const clientAddress = (req: IncomingMessage) => addresses.resolve(req)
  const hub = new SyncHub({
    relayDb,
    updateLog,
    shared: storage.shared?.log ?? null,
    metrics,
    log,
    now,
    limits: config.limits,
    // one largest frame must always fit in a full bucket
    tokenByteLimiter: new KeyedRateLimiter(
      config.tokenBytesPerSecond,
      Math.max(config.tokenByteBurst ?? config.maxPayloadBytes, config.maxPayloadBytes),
    ),
    awarenessGuard: new AwarenessGuard<RelayConnection>({
      maxStateBytes: config.awarenessStateBytes,
      maxClientsPerConnection: config.awarenessClientsPerConnection,
    }),
  })
  const replicaHistory = new ReplicaHistory({
    relayDb,
    // on PostgreSQL, first with what other instances committed (a replica they saw counts too)
    loadedDoc: (orgId) => {
      const relayDoc = hub.docs.get(orgId)
      if (relayDoc) hub.catchUp(relayDoc)
      return relayDoc?.doc
    },
    loadFromDisk: (orgId) => {
      const doc = new Y.Doc()
      updateLog.load(orgId, doc)
      return doc
    },
  })
  // business event feed (integration keys, /v1/orgs/<org>/events) and per-store alerting gauges
  const feed = new FeedService({
    feedDb,
    relayDb,
    metrics,
    log,
    now,
    clientAddress,
    maxStreamsPerKey: config.feedStreamsPerKey,
    maxStreamsPerAddress: config.feedStreamsPerAddress,
  })
  registerOpsMetrics({
    metrics,
    relayDb,
    feedDb,
    devicesOnline: (org) => hub.devicesOnline(org),
    loadedDocs: () => hub.docs.all(),
    isReady: () => isReady(),
    now,
    log,
  })
  const follower = storage.shared
    ? new SharedLogFollower({
        url: storage.shared.url,
        hub,
        shared: storage.shared.log,
        deviceRecords: storage.shared.deviceRecords,
        metrics,
        log,
        headCheckMs: config.headCheckMs,
      })
    : null
  await follower?.start()
  const upgradeLimiter = new KeyedRateLimiter(config.upgradesPerSecond, config.upgradeBurst)
  const connectionCaps = new ConnectionCaps({
    perToken: config.tokenConnections,
    perAddress: config.addressConnections,
  })
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
      metricsKey: metricsKey.key,
      now,
      enrollLimiter: new KeyedRateLimiter(config.enrollPerSecond, config.enrollBurst),
      clientAddress,
      replicaHistory,
      isReady,
      feed,
    }),
  )
  new SocketGuard({
    maxPerAddress: config.addressSockets,
    firstRequestTimeoutMs: config.firstRequestTimeoutMs,
    isTrustedProxy: (address) => addresses.isTrustedProxy(address),
    onRefused: (limit) => metrics.limitRefusals.inc({ limit }),
    log,
  }).attach(server)
  // malformed HTTP (Node's parser refused it): the same JSON error shape as every other answer
  server.on('clientError', answerMalformedRequest(log))
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
    headers.push(`${ProtocolHeader.relayTime}: ${now()}`)
    const admission = admissions.get(req)
    if (admission?.ok)
      headers.push(`${ProtocolHeader.deviceClass}: ${admission.device.headOffice ? 'head-office' : 'store'}`)
  })

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (draining) {
      socket.end(rawJsonResponse(503, 'draining', 'relay is shutting down; retry shortly'))
      return
    }
    socket.on('error', () => socket.destroy())
    const ip = clientAddress(req)
    let admission: Admission
    try {
      admission = admitDevice(req, { relayDb, upgradeLimiter, now: now() })
    } catch (err) {
      log.error({ err }, 'admission failed')
      admission = { ok: false, code: 1011, reason: 'relay error; retry later', metricReason: 'internal' }
    }
    admissions.set(req, admission)
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const refuse = (code: number, reason: string, why: string) => {
        metrics.closes.inc({ code: String(code) })
        log.info({ closeCode: code, reason: why, ip }, 'connection refused')
        ws.close(code, reason)
        setTimeout(() => ws.terminate(), 2000).unref()
      }
      if (!admission.ok) {
        metrics.authFailures.inc({ reason: admission.metricReason })
        return refuse(admission.code, admission.reason, admission.metricReason)
      }
      // counted once the socket is a WebSocket, released when it closes
      const slot = connectionCaps.open(admission.tokenHash, ip)
      if (!slot.ok) {
        metrics.limitRefusals.inc({ limit: slot.limit })
        return refuse(slot.code, slot.reason, slot.limit)
      }
      ws.once('close', slot.release)
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
      await follower?.stop()
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
      storage.close()
      log.info('stopped')
    })()
    return shutdownPromise
  }

  return {
    url,
    port: address.port,
    adminKeyFile: adminKey.file,
    metricsKeyFile: metricsKey.file,
    metrics,
    shutdown,
  }
}
