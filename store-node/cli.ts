// Headless store node: one StoreNode, StoreApi served as JSON-RPC over a loopback WebSocket.
//   node store-node/cli.ts --data DIR [--port N] [--host 127.0.0.1]
// Prints one JSON line {"event":"ready","api":"ws://…","replicaId":…} on stdout when it serves.
// The body is in cli-main.ts, loaded once the compile cache is on.
import { loadWithCompileCache } from '../shared/node/compile-cache.ts'

await loadWithCompileCache(() => import('./infra/cli-main.ts'))
