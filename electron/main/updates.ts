/** The part of electron-updater's autoUpdater we use, so the policy is testable under Node. */
export interface Updater {
  checkForUpdatesAndNotify(): Promise<unknown>
  logger?: unknown
}

/**
 * Checks for an update once at start and then every few hours, only in a packaged app (a
 * development build has no update feed). The feed URL is baked in at build time from
 * electron-builder.yml's generic provider; failures are logged, never fatal.
 */
export function scheduleUpdateChecks(options: {
  updater: Updater
  isPackaged: boolean
  log: (error: unknown) => void
  everyMs?: number
}): () => void {
  if (!options.isPackaged) return () => {}
  const check = () => void options.updater.checkForUpdatesAndNotify().catch(options.log)
  check()
  const timer = setInterval(check, options.everyMs ?? 6 * 3600_000)
  timer.unref()
  return () => clearInterval(timer)
}
