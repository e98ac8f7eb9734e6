// Relay settings and the command-line flags that set them.
import { TrustProxyError, parseTrustedProxies } from './http/client-address.ts'
import type { SyncLimits } from './sync/sync-hub.ts'
import { DEFAULT_UPDATE_LIMITS } from './validation/update-limits.ts'

export interface RelayConfig {
  /** Local files (SQLite database, keys); optional with `database`. */
  dataDir: string | null
  /** A postgres:// URL: all durable state in PostgreSQL, shared with other instances; null = SQLite. */
  database: string | null
  /** Where the admin key is kept (created 0600 if missing, never rewritten); null = DATA/admin-key. */
  adminKeyFile: string | null
  /** How often (ms) loaded documents are compared with the shared log's heads (PostgreSQL). */
  headCheckMs: number
  port: number
  host: string
  maxPayloadBytes: number
  upgradesPerSecond: number
  upgradeBurst: number
  /** Enrollment attempts per second per client address, and the burst (a chain's provisioning). */
  enrollPerSecond: number
  enrollBurst: number
  shutdownDeadlineMs: number
  shutdownBatchSize: number
  shutdownBatchPauseMs: number
  logLevel: string
  limits: SyncLimits
  /** Bytes per second per device token over all its connections. */
  tokenBytesPerSecond: number
  /** Byte burst per device token; null = maxPayloadBytes (never less: one max frame must pass). */
  tokenByteBurst: number | null
  /** Largest awareness state (JSON bytes) one client id may hold. */
  awarenessStateBytes: number
  /** Awareness client ids one connection may announce. */
  awarenessClientsPerConnection: number
  /** Concurrent device connections per token and per client address. */
  tokenConnections: number
  addressConnections: number
  /** Open TCP sockets per peer address (trusted proxies exempt). */
  addressSockets: number
  /** A socket must complete its first request or upgrade within this long. */
  firstRequestTimeoutMs: number
  /** Proxies (addresses/CIDRs) whose X-Forwarded-For / X-Real-IP name the client's address. */
  trustProxy: string[]
  /** Where the /metrics key is kept; null = DATA/metrics-key. */
  metricsKeyFile: string | null
  /** Concurrent event-feed requests (long-polls, streams) per integration key and per address. */
  feedStreamsPerKey: number
  feedStreamsPerAddress: number
}

export const DEFAULT_LIMITS: SyncLimits = {
  messagesPerSecond: 200,
  messageBurst: 1000,
  tokenMessagesPerSecond: 400,
  tokenMessageBurst: 2000,
  outboundBufferBytes: 32 * 1024 * 1024,
  idleUnloadMs: 60_000,
  compactRows: 1000,
  compactBytes: 16 * 1024 * 1024,
  pingIntervalMs: 30_000,
  update: DEFAULT_UPDATE_LIMITS,
}

/** `--database` takes PostgreSQL URLs only (SQLite is `--data`). */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url)
}

export function defaultConfig(dataDir: string | null): RelayConfig {
  return {
    dataDir,
    database: null,
    adminKeyFile: null,
    headCheckMs: 1000,
    port: 8787,
    host: '127.0.0.1',
    maxPayloadBytes: 32 * 1024 * 1024,
    upgradesPerSecond: 1,
    upgradeBurst: 10,
    enrollPerSecond: 0.2,
    enrollBurst: 10,
    shutdownDeadlineMs: 10_000,
    shutdownBatchSize: 100,
    shutdownBatchPauseMs: 50,
    logLevel: 'info',
    limits: { ...DEFAULT_LIMITS, update: { ...DEFAULT_UPDATE_LIMITS } },
    tokenBytesPerSecond: 1024 * 1024,
    tokenByteBurst: null,
    awarenessStateBytes: 32 * 1024,
    awarenessClientsPerConnection: 8,
    tokenConnections: 8,
    addressConnections: 256,
    addressSockets: 512,
    firstRequestTimeoutMs: 5000,
    trustProxy: [],
    metricsKeyFile: null,
    feedStreamsPerKey: 8,
    feedStreamsPerAddress: 32,
  }
}

export const USAGE = `Usage: node sync-server/cli.ts --data DIR [options]
       node sync-server/cli.ts --database postgres://HOST:PORT/DB?user=U --admin-key-file FILE [options]
  --data DIR                 data directory (SQLite database, admin-key, metrics-key),
                             forced to 0700 (files 0600) at every start   (required without --database)
  --database URL             postgres:// URL: every durable record in PostgreSQL, shared by all
                             instances started with the same URL and admin key file; the relay
                             creates or migrates its schema (see docs/deployment.md)
  --admin-key-file FILE      the admin key: FILE's trimmed content; created 0600 with a random
                             key when missing, never rewritten                 (DATA/admin-key)
  --head-check-ms MS         PostgreSQL: how often loaded documents are checked against the
                             shared log (notifications are only hints)        (1000)
  --port N                   listen port, 0 = any free port                (8787)
  --host H                   listen address                                (127.0.0.1)
  --max-payload BYTES        largest accepted WebSocket frame              (33554432)
  --msg-rate N               messages/s per connection (burst --msg-burst)  (200, 1000)
  --token-msg-rate N         messages/s per device token (burst --token-msg-burst) (400, 2000)
  --token-byte-rate BYTES    bytes/s per device token (burst --token-byte-burst, >= --max-payload)
                                                                           (1048576, --max-payload)
  --token-connections N      concurrent connections per device token      (8)
  --address-connections N    concurrent device connections per client address (256)
  --address-sockets N        open TCP sockets per peer address; trusted proxies exempt (512)
  --first-request-timeout-ms MS  a socket that has not completed a request or upgrade
                             by then is closed                             (5000)
  --awareness-state-bytes B  largest awareness state per client id         (32768)
  --awareness-clients N      awareness client ids one connection may announce (8)
  --upgrade-rate N           connection attempts/s per device token (burst --upgrade-burst) (1, 10)
  --enroll-rate N            POST /enroll attempts/s per client address (burst --enroll-burst) (0.2, 10);
                             raise it while provisioning many tills behind one address
  --trust-proxy LIST         addresses/CIDRs of reverse proxies (e.g. 127.0.0.1,::1) whose
                             X-Forwarded-For / X-Real-IP give the client address (none)
  --metrics-key-file FILE    bearer key for GET /metrics (the admin key works too);
                             created 0600 if missing                       (DATA/metrics-key)
  --feed-streams-per-key N   concurrent event-feed requests per integration key (8)
  --feed-streams-per-address N  ... and per client address                 (32)
  --outbound-cap BYTES       max unsent bytes per connection               (33554432)
  --idle-unload-ms MS        unload a document this long after its last connection (60000)
  --compact-rows N           compact a document after N appended updates   (1000)
  --compact-bytes BYTES      ... or after this many appended bytes         (16777216)
  --ping-ms MS               WebSocket ping interval                       (30000)
  --max-update-structs N     structs in one update                         (10000)
  --max-new-clients N        Yjs client ids first seen in one update       (64)
  --shutdown-deadline-ms MS  hard deadline of a graceful shutdown          (10000)
  --log-level LEVEL          pino level                                    (info)`

export function parseArgs(argv: readonly string[]): RelayConfig {
  const values = new Map<string, string>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--help' || arg === '-h') throw new UsageError(USAGE)
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument ${arg}\n${USAGE}`)
    const eq = arg.indexOf('=')
    if (eq > 0) values.set(arg.slice(2, eq), arg.slice(eq + 1))
    else {
      const value = argv[i + 1]
      if (value === undefined) throw new UsageError(`missing value for ${arg}`)
      values.set(arg.slice(2), value)
      i++
    }
  }
  const dataDir = values.get('data')
  const database = values.get('database')
  const adminKeyFile = values.get('admin-key-file')
  if (database !== undefined && !isPostgresUrl(database))
    throw new UsageError('--database must be a postgres:// URL')
  if (adminKeyFile !== undefined && adminKeyFile.length === 0)
    throw new UsageError('--admin-key-file needs a path')
  if (dataDir !== undefined && dataDir.length === 0) throw new UsageError('--data needs a path')
  if (dataDir === undefined && database === undefined) throw new UsageError(`--data is required\n${USAGE}`)
  if (dataDir === undefined && adminKeyFile === undefined)
    throw new UsageError('--database without --data needs --admin-key-file')
  const config = defaultConfig(dataDir ?? null)
  config.database = database ?? null
  config.adminKeyFile = adminKeyFile ?? null
  values.delete('database')
  values.delete('admin-key-file')
  const num = (name: string, fallback: number, min = 0): number => {
    const raw = values.get(name)
    values.delete(name)
    if (raw === undefined) return fallback
    const n = Number(raw)
    if (!Number.isFinite(n) || n < min) throw new UsageError(`--${name} must be a number >= ${min}`)
    return n
  }
  values.delete('data')
  config.port = num('port', config.port)
  config.headCheckMs = num('head-check-ms', config.headCheckMs, 50)
  config.host = values.get('host') ?? config.host
  values.delete('host')
  config.logLevel = values.get('log-level') ?? config.logLevel
  values.delete('log-level')
  const trustProxy = values.get('trust-proxy')
  values.delete('trust-proxy')
  if (trustProxy !== undefined) {
    try {
      config.trustProxy = parseTrustedProxies(trustProxy)
    } catch (err) {
      if (err instanceof TrustProxyError) throw new UsageError(`--trust-proxy: ${err.message}`)
      throw err
    }
  }
  const metricsKeyFile = values.get('metrics-key-file')
  values.delete('metrics-key-file')
  if (metricsKeyFile !== undefined) {
    if (metricsKeyFile.length === 0) throw new UsageError('--metrics-key-file needs a path')
    config.metricsKeyFile = metricsKeyFile
  }
  config.maxPayloadBytes = num('max-payload', config.maxPayloadBytes, 1024)
  config.upgradesPerSecond = num('upgrade-rate', config.upgradesPerSecond)
  config.upgradeBurst = num('upgrade-burst', config.upgradeBurst, 1)
  config.enrollPerSecond = num('enroll-rate', config.enrollPerSecond)
  config.enrollBurst = num('enroll-burst', config.enrollBurst, 1)
  config.shutdownDeadlineMs = num('shutdown-deadline-ms', config.shutdownDeadlineMs)
  config.tokenBytesPerSecond = num('token-byte-rate', config.tokenBytesPerSecond, 1)
  if (values.has('token-byte-burst')) {
    config.tokenByteBurst = num('token-byte-burst', config.maxPayloadBytes, 1)
    if (config.tokenByteBurst < config.maxPayloadBytes)
      throw new UsageError('--token-byte-burst must be >= --max-payload (one largest frame must pass)')
  }
  config.awarenessStateBytes = num('awareness-state-bytes', config.awarenessStateBytes, 64)
  config.awarenessClientsPerConnection = num('awareness-clients', config.awarenessClientsPerConnection, 1)
  config.tokenConnections = num('token-connections', config.tokenConnections, 1)
  config.addressConnections = num('address-connections', config.addressConnections, 1)
  config.addressSockets = num('address-sockets', config.addressSockets, 1)
  config.firstRequestTimeoutMs = num('first-request-timeout-ms', config.firstRequestTimeoutMs, 100)
  config.feedStreamsPerKey = num('feed-streams-per-key', config.feedStreamsPerKey, 1)
  config.feedStreamsPerAddress = num('feed-streams-per-address', config.feedStreamsPerAddress, 1)
  const l = config.limits
  l.messagesPerSecond = num('msg-rate', l.messagesPerSecond)
  l.messageBurst = num('msg-burst', l.messageBurst, 1)
  l.tokenMessagesPerSecond = num('token-msg-rate', l.tokenMessagesPerSecond)
  l.tokenMessageBurst = num('token-msg-burst', l.tokenMessageBurst, 1)
  l.outboundBufferBytes = num('outbound-cap', l.outboundBufferBytes, 1024)
  l.idleUnloadMs = num('idle-unload-ms', l.idleUnloadMs)
  l.compactRows = num('compact-rows', l.compactRows, 2)
  l.compactBytes = num('compact-bytes', l.compactBytes, 1024)
  l.pingIntervalMs = num('ping-ms', l.pingIntervalMs, 100)
  l.update.maxStructs = num('max-update-structs', l.update.maxStructs, 1)
  l.update.maxNewClients = num('max-new-clients', l.update.maxNewClients, 1)
  const unknown = [...values.keys()]
  if (unknown.length > 0) throw new UsageError(`unknown option --${unknown[0]}\n${USAGE}`)
  return config
}

export class UsageError extends Error {}
