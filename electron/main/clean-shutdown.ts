/** The parts of Electron's `app` used to shut down cleanly. */
export interface QuittingApp {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown
  quit(): void
}

/**
 * Holds the quit until `close` (the StoreNode flushing and closing SQLite) has finished, then
 * quits for real. A second quit request while closing waits for the same close.
 */
export function installCleanShutdown(
  app: QuittingApp,
  close: () => Promise<void>,
  onError: (error: unknown) => void,
): void {
  let state: 'running' | 'closing' | 'closed' = 'running'
  app.on('before-quit', (event) => {
    if (state === 'closed') return
    event.preventDefault()
    if (state === 'closing') return
    state = 'closing'
    close()
      .catch(onError)
      .finally(() => {
        state = 'closed'
        app.quit()
      })
  })
}
