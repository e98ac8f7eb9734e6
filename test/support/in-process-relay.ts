// The real relay (`startRelay`) in the test's own process: same code, same SQLite file, real
// sockets, without a child process. For tests where a process adds nothing; crash tests spawn one.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino, { type Logger } from 'pino'
import { defaultConfig, type RelayConfig } from '../../sync-server/config.ts'
import { startRelay, type RunningRelay } from '../../sync-server/relay.ts'
import type { RelayEndpoints } from '../../tools/cluster/relay-harness.ts'

export interface InProcessRelay extends RelayEndpoints {
  relay: RunningRelay
  /** Graceful shutdown; the data directory stays (see `remove`). */
  stop(): Promise<void>
  /** Shuts down (if running) and deletes the data directory. */
  remove(): Promise<void>
}

export async function startInProcessRelay(
  options: {
    dataDir?: string
    port?: number
    configure?: (config: RelayConfig) => void
    /** Where the relay logs (default: nowhere); a test that checks log lines passes one. */
    log?: Logger
  } = {},
): Promise<InProcessRelay> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'allot-relay-'))
  const config = defaultConfig(dataDir)
  config.port = options.port ?? 0
  config.host = '127.0.0.1'
  config.shutdownBatchPauseMs = 0
  options.configure?.(config)
  const relay = await startRelay(config, { log: options.log ?? pino({ level: 'silent' }), now: Date.now })
  let stopped: Promise<void> | null = null
  const stop = () => (stopped ??= relay.shutdown())
  return {
    url: relay.url,
    wsUrl: relay.url.replace(/^http/, 'ws'),
    port: relay.port,
    dataDir,
    adminKey: readFileSync(relay.adminKeyFile, 'utf8').trim(),
    metricsKey: readFileSync(relay.metricsKeyFile, 'utf8').trim(),
    relay,
    stop,
    async remove() {
      await stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
