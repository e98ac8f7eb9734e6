// What `npm run dist` needs before it spends a minute building: checked first, each missing thing
// named in one line (scripts/check-dist.ts prints it). Pure but for the probes passed in.
import { updateFeedProblem } from '../electron/main/update-feed.ts'

export interface DistMachine {
  env: Record<string, string | undefined>
  platform: NodeJS.Platform
  /** The Electron version electron-builder will package (node_modules/electron). */
  electronVersion: string
  /** True if Electron's zip for this platform is already in the local download cache. */
  electronCached(): boolean
  /** Resolves undefined if `url` answers within a few seconds, else why not. */
  reach(url: string): Promise<string | undefined>
}

/** Where electron-builder downloads Electron from, unless the cache already holds it. */
export function electronDownloadHost(env: Record<string, string | undefined>): string {
  return env.ELECTRON_MIRROR?.trim() || 'https://github.com/electron/electron/releases/'
}

/**
 * Everything missing, in the order to fix it. The download host is only probed once the
 * configuration is complete (a probe of an unreachable host takes seconds).
 */
export async function distProblems(machine: DistMachine): Promise<string[]> {
  const { env } = machine
  const problems: string[] = []
  const feed = updateFeedProblem(env.ALLOT_UPDATE_URL)
  if (feed)
    problems.push(`${feed}; set ALLOT_UPDATE_URL=https://… (where the installed app looks for updates)`)
  if (machine.platform === 'win32' && !env.CSC_LINK?.trim() && !env.WIN_CSC_LINK?.trim())
    problems.push(
      'no Windows code-signing certificate (CSC_LINK or WIN_CSC_LINK): an unsigned app would install any update',
    )
  if (problems.length > 0 || machine.electronCached()) return problems
  const host = electronDownloadHost(env)
  const unreachable = await machine.reach(host)
  if (unreachable)
    problems.push(
      `Electron ${machine.electronVersion} is not in the download cache and ${host} cannot be reached (${unreachable}); build on a machine with network access, or set ELECTRON_MIRROR`,
    )
  return problems
}
