import { updateFeedProblem } from './update-feed.ts'

/** The parts of electron-updater's autoUpdater we use, so the policy is testable under Node. */
export interface Updater {
  autoDownload: boolean
  autoInstallOnAppQuit: boolean
  allowDowngrade: boolean
  disableWebInstaller: boolean
  setFeedURL(options: { provider: 'generic'; url: string; channel: string }): void
  checkForUpdates(): Promise<unknown>
  checkForUpdatesAndNotify(): Promise<unknown>
  on(event: 'update-available', listener: (info: { version: string }) => void): unknown
}

/**
 * What the app does about updates:
 * - `install` where electron-updater verifies what it installs: Windows (the installer's
 *   Authenticode publisher must match ours, `publisherName` in app-update.yml, written by a signed
 *   build) and macOS (Squirrel.Mac checks the code signature against the running app's);
 * - `notify` on Linux, where electron-updater checks no signature on an AppImage or deb (only a
 *   hash from the same server): the app only announces a new version, and whoever administers the
 *   till installs it from a source they trust (a signed apt repository, a checked download);
 * - `refused` for a packaged build whose feed is not a clean https URL;
 * - `development` for an unpackaged app (no feed at all).
 */
export type UpdatePlan =
  | { kind: 'development' }
  | { kind: 'refused'; reason: string }
  | { kind: 'install'; feedUrl: string }
  | { kind: 'notify'; feedUrl: string }

export function planUpdates(options: {
  isPackaged: boolean
  platform: NodeJS.Platform
  feedUrl: string | undefined
}): UpdatePlan {
  if (!options.isPackaged) return { kind: 'development' }
  const problem = updateFeedProblem(options.feedUrl)
  if (problem) return { kind: 'refused', reason: problem }
  const feedUrl = new URL(options.feedUrl!.trim()).toString()
  return options.platform === 'win32' || options.platform === 'darwin'
    ? { kind: 'install', feedUrl }
    : { kind: 'notify', feedUrl }
}

export interface UpdateLog {
  info(message: string): void
  warn(message: string): void
  /** A failed check: logged, never fatal. */
  failed(error: unknown): void
}

/**
 * Carries out a plan: nothing for a development build; one log line and no updater at all for a
 * refused feed; otherwise the updater is pointed at the checked feed (never at another URL from
 * app-update.yml), downgrades and web installers are refused, and it checks once at start and then
 * every few hours. Returns a function that stops the checks.
 */
export function startUpdates(options: {
  plan: UpdatePlan
  /** Creates electron-updater's updater; only called when updates are on. */
  updater: () => Updater
  log: UpdateLog
  /** Tells the user a version is available (Linux, where it is not installed automatically). */
  announce: (version: string) => void
  everyMs?: number
}): () => void {
  const { plan, log } = options
  if (plan.kind === 'development') return () => {}
  if (plan.kind === 'refused') {
    log.warn(`updates are off: ${plan.reason}`)
    return () => {}
  }
  const updater = options.updater()
  updater.setFeedURL({ provider: 'generic', url: plan.feedUrl, channel: 'latest' })
  updater.allowDowngrade = false
  updater.disableWebInstaller = true
  let check: () => Promise<unknown>
  if (plan.kind === 'install') {
    updater.autoDownload = true
    updater.autoInstallOnAppQuit = true
    check = () => updater.checkForUpdatesAndNotify()
    log.info('updates: checked, downloaded and installed once their signature is verified')
  } else {
    updater.autoDownload = false
    updater.autoInstallOnAppQuit = false
    updater.on('update-available', (info) => options.announce(info.version))
    check = () => updater.checkForUpdates()
    log.info('updates: announced only (Linux packages carry no signature electron-updater checks)')
  }
  const run = () => void check().catch(log.failed)
  run()
  const timer = setInterval(run, options.everyMs ?? 6 * 3600_000)
  timer.unref()
  return () => clearInterval(timer)
}
