// Relay processes on a shared PostgreSQL database, started exactly as operators (and the external
// check) start them: `--database URL --admin-key-file FILE --port 0 --host 127.0.0.1`.
import { readFileSync } from 'node:fs'
import { spawnReady } from './processes.ts'
import type { RelayProcess } from './relay-harness.ts'

export async function spawnPgRelay(
  databaseUrl: string,
  adminKeyFile: string,
  options: { port?: number; extra?: string[] } = {},
): Promise<RelayProcess> {
  const relay = await spawnReady<{ url: string; port: number; adminKeyFile: string; metricsKeyFile: string }>(
    'sync-server/cli.ts',
    [
      '--database',
      databaseUrl,
      '--admin-key-file',
      adminKeyFile,
      '--port',
      String(options.port ?? 0),
      '--host',
      '127.0.0.1',
      '--log-level',
      'warn',
      ...(options.extra ?? []),
    ],
    { name: 'pg-relay', timeoutMs: 20_000 },
  )
  return {
    url: relay.ready.url,
    wsUrl: relay.ready.url.replace(/^http/, 'ws'),
    port: relay.ready.port,
    dataDir: '',
    adminKey: readFileSync(relay.ready.adminKeyFile, 'utf8').trim(),
    metricsKey: readFileSync(relay.ready.metricsKeyFile, 'utf8').trim(),
    child: relay.child,
    stderr: relay.logs,
    exited: relay.exited,
  }
}
