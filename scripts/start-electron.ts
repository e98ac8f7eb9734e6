// npm start: build, then launch the desktop app with Electron. Electron's binary is downloaded by
// the electron package on first launch; where that is impossible (no access to its download
// host) this says so plainly instead of failing obscurely.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const build = spawnSync(
  process.execPath,
  [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
  { cwd: root, stdio: 'inherit' },
)
if (build.status !== 0) process.exit(build.status ?? 1)

const cli = join(root, 'node_modules/electron/cli.js')
const run = spawnSync(process.execPath, [cli, '.'], { cwd: root, stdio: 'inherit' })
if (run.status !== 0) {
  console.error(
    "\nElectron did not start. On a machine that cannot download Electron's binary, use the browser " +
      'harness instead: `npm run demo` serves the same app to a browser, backed by real store nodes.',
  )
}
process.exit(run.status ?? 1)
