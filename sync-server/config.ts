// Relay settings and the command-line flags that set them.
import type { SyncLimits } from './sync-hub.ts'
import { DEFAULT_UPDATE_LIMITS } from './validation/update-limits.ts'

export interface RelayConfig {
  dataDir: string
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

export function defaultConfig(dataDir: string): RelayConfig {
  return {
    dataDir,
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
  }
}

export const USAGE = `Usage: node sync-server/cli.ts --data DIR [options]
  --data DIR                 data directory (SQLite database, admin-key)   (required)
  --port N                   listen port, 0 = any free port                (8787)
  --host H                   listen address                                (127.0.0.1)
  --max-payload BYTES        largest accepted WebSocket frame              (33554432)
  --msg-rate N               messages/s per connection (burst --msg-burst)  (200, 1000)
  --token-msg-rate N         messages/s per device token (burst --token-msg-burst) (400, 2000)
  --upgrade-rate N           connection attempts/s per device token (burst --upgrade-burst) (1, 10)
  --enroll-rate N            POST /enroll attempts/s per client address (burst --enroll-burst) (0.2, 10);
                             raise it while provisioning many tills behind one address
  --outbound-cap BYTES       max unsent bytes per connection               (33554432)
  --idle-unload-ms MS        unload a document this long after its last connection (60000)
  --compact-rows N           compact a document after N appended updates   (1000)
  --compact-bytes BYTES      ... or after this many appended bytes         (16777216)
  --ping-ms MS               WebSocket ping interval                       (30000)
  --max-update-structs N     structs in one update                         (100000)
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
  if (!dataDir) throw new UsageError(`--data is required\n${USAGE}`)
  const config = defaultConfig(dataDir)
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
  config.host = values.get('host') ?? config.host
  values.delete('host')
  config.logLevel = values.get('log-level') ?? config.logLevel
  values.delete('log-level')
  config.maxPayloadBytes = num('max-payload', config.maxPayloadBytes, 1024)
  config.upgradesPerSecond = num('upgrade-rate', config.upgradesPerSecond)
  config.upgradeBurst = num('upgrade-burst', config.upgradeBurst, 1)
  config.enrollPerSecond = num('enroll-rate', config.enrollPerSecond)
  config.enrollBurst = num('enroll-burst', config.enrollBurst, 1)
  config.shutdownDeadlineMs = num('shutdown-deadline-ms', config.shutdownDeadlineMs)
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
