// `node sync-server/cli.ts --data DIR [--port N] [--host H] ...` (npm run relay -- ...).
// Prints one JSON ready line on stdout; logs go to stderr. SIGTERM/SIGINT drain gracefully.
// The body is in cli-main.ts, loaded once the compile cache is on.
import { loadWithCompileCache } from '../shared/node/compile-cache.ts'

await loadWithCompileCache(() => import('./cli-main.ts'))
