// Bench-only: the baseline servers and the latency proxy as child processes.
import { spawnReady, type Spawned } from '../../cluster/processes.ts'

export type Child = Spawned<{ event: 'ready'; port: number }>

export const startDelayProxy = (targetPort: number, delayMs: number, hosts = 0): Promise<Child> =>
  spawnReady('tools/bench/support/delay-proxy.ts', [
    '--target',
    `127.0.0.1:${targetPort}`,
    '--delay',
    String(delayMs),
    '--hosts',
    String(hosts),
  ])

export const startCentralServer = (file: string, products: number, qty: number): Promise<Child> =>
  spawnReady('tools/bench/support/central-server.ts', [
    '--data',
    file,
    '--products',
    String(products),
    '--qty',
    String(qty),
  ])

export const startYWebsocketServer = (): Promise<Child> => spawnReady('tools/bench/support/yws-server.ts', [])
