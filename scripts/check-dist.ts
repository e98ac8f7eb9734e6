// The first step of `npm run dist`: checks what a release build needs and, if anything is missing,
// says what in one line and exits 1 — before the typecheck, the build and electron-builder run.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { distProblems } from './dist-preconditions.ts'

const root = join(import.meta.dirname, '..')
const electronVersion = (
  JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }
).version

/** @electron/get's cache, where electron-builder keeps downloaded Electron zips. */
function electronCacheRoot(): string {
  if (process.env.ELECTRON_CACHE) return process.env.ELECTRON_CACHE
  if (process.platform === 'darwin') return join(homedir(), 'Library/Caches/electron')
  if (process.platform === 'win32')
    return join(process.env.LOCALAPPDATA ?? join(homedir(), 'AppData/Local'), 'electron/Cache')
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'electron')
}

/** True if `name` is in `dir` or one of its subfolders (the cache keeps one folder per URL). */
function cached(dir: string, name: string): boolean {
  if (!existsSync(dir)) return false
  return readdirSync(dir, { withFileTypes: true }).some(
    (entry) => entry.name === name || (entry.isDirectory() && existsSync(join(dir, entry.name, name))),
  )
}

const problems = await distProblems({
  env: process.env,
  platform: process.platform,
  electronVersion,
  electronCached: () =>
    cached(electronCacheRoot(), `electron-v${electronVersion}-${process.platform}-${process.arch}.zip`),
  reach: async (url) => {
    try {
      await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(5000) })
      return undefined
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error
      return cause instanceof Error ? cause.message : String(cause)
    }
  },
})
if (problems.length > 0) {
  console.error(`npm run dist: cannot build installers: ${problems.join('; ')}`)
  process.exit(1)
}
