// `npm run demo`: a relay and two headless store nodes on loopback, one organization with a small
// demo catalog, and the built renderer served over HTTP. Prints one browser URL per store.
//   node scripts/demo.ts [--solo] [--keep]
//     --solo  one standalone store only (no relay, no second store)
//     --keep  keep the data directory on exit (printed at start)
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { Chain, demoUsers, repoRoot, SoloStore } from '../tools/cluster/harness.ts'
import { exitWithParent } from '../shared/node/exit-with-parent.ts'

const { values } = parseArgs({
  options: { solo: { type: 'boolean', default: false }, keep: { type: 'boolean', default: false } },
})

function ensureRendererBuilt(): void {
  if (existsSync(join(repoRoot, 'out/renderer/index.html'))) return
  console.log('Building the renderer (electron-vite build)…')
  const built = spawnSync(join(repoRoot, 'node_modules/.bin/electron-vite'), ['build'], {
    cwd: repoRoot,
    stdio: 'inherit',
  })
  if (built.status !== 0) process.exit(built.status ?? 1)
}

function printAccounts(): void {
  console.log('\nAccounts (username / password / PIN):')
  for (const [role, u] of Object.entries(demoUsers))
    console.log(`  ${role.padEnd(8)} ${u.username} / ${u.password} / ${u.pin}`)
  console.log(
    '\nScan these barcodes at the checkout: 4006381333931 (milk), 4006381333962 (coffee), 5*4006381334044 (tea lights: short at High Street)',
  )
  console.log('Press Ctrl+C to stop.\n')
}

ensureRendererBuilt()
let close: () => Promise<void>
if (values.solo) {
  const solo = await SoloStore.start({ setUp: true })
  close = () => solo.close()
  console.log(`\nAllot demo (one standalone store), data in ${solo.baseDir}\n`)
  console.log(`  High Street: ${solo.pageUrl}`)
} else {
  console.log('Starting the relay and two store nodes…')
  const chain = await Chain.start({ keepData: values.keep }).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    console.error('\nTry `npm run demo -- --solo` for a single standalone store.')
    process.exit(1)
  })
  close = () => chain.close()
  console.log(`\nAllot demo: relay ${chain.relay.url}, data in ${chain.baseDir}\n`)
  console.log(`  ${chain.a.name}: ${chain.a.pageUrl(chain.rendererUrl)}`)
  console.log(`  ${chain.b.name}: ${chain.b.pageUrl(chain.rendererUrl)}`)
}
printAccounts()

let stopping = false
const stop = () => {
  if (stopping) return
  stopping = true
  console.log('Stopping…')
  void close().finally(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
// stopped through npm's PID (what a supervisor does), the demo stops too, and so its relay and stores
exitWithParent(stop, { always: true })
