// The relay process body (started by sync-server/cli.ts once the compile cache is on).
import { USAGE, UsageError, parseArgs } from './config.ts'
import { createRelayLogger } from './ops/logger.ts'
import { startRelay } from './relay.ts'
import { exitWithParent } from '../shared/node/exit-with-parent.ts'

async function main(): Promise<void> {
  let config
  try {
    config = parseArgs(process.argv.slice(2))
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n`)
      process.exit(err.message === USAGE ? 0 : 2)
    }
    throw err
  }
  const log = createRelayLogger(config.logLevel)
  const relay = await startRelay(config, { log, now: Date.now })
  process.stdout.write(
    `${JSON.stringify({
      event: 'ready',
      url: relay.url,
      port: relay.port,
      adminKeyFile: relay.adminKeyFile,
      metricsKeyFile: relay.metricsKeyFile,
    })}\n`,
  )
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    log.info({ signal }, 'shutdown requested')
    relay.shutdown().then(
      () => process.exit(0),
      (err: unknown) => {
        log.fatal({ err }, 'shutdown failed')
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
  exitWithParent(stop)
}

main().catch((err: unknown) => {
  process.stderr.write(`relay failed to start: ${err instanceof Error ? err.stack : String(err)}\n`)
  process.exit(1)
})
