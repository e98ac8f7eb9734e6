// Headless store node: one StoreNode, StoreApi served as JSON-RPC over a loopback WebSocket.
//   node store-node/cli.ts --data DIR [--port N] [--host 127.0.0.1]
// Prints one JSON line {"event":"ready","api":"ws://…","replicaId":…} on stdout when it serves.
//
// This file only turns on Node's compile cache before anything else is loaded: the modules,
// type-stripped and compiled once, are then reused by every later start (~0.4 s of each start on
// the benchmark VM; a till restarts more often than its code changes).
import { enableCompileCache } from 'node:module'

enableCompileCache()
await import('./cli-main.ts')
