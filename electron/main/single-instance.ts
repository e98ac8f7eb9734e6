/** The parts of Electron's `app` used for the single-instance lock. */
export interface InstanceApp {
  requestSingleInstanceLock(): boolean
  on(event: 'second-instance', listener: () => void): unknown
  quit(): void
}

/** The parts of a BrowserWindow needed to bring it to the front. */
export interface FocusableWindow {
  isDestroyed(): boolean
  isMinimized(): boolean
  restore(): void
  show(): void
  focus(): void
}

/**
 * One app per machine user: two processes must never open the same replica (two writers of one
 * replicaId would break the escrow invariant). A second launch just focuses the existing window.
 * Returns false if this process is the second one and is quitting.
 */
export function holdSingleInstance(
  app: InstanceApp,
  currentWindow: () => FocusableWindow | undefined,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return false
  }
  app.on('second-instance', () => {
    const window = currentWindow()
    if (!window || window.isDestroyed()) return
    if (window.isMinimized()) window.restore()
    window.show()
    window.focus()
  })
  return true
}
