import { installPackagedMenu, type MenuApi } from './application-menu.ts'
import { lockDevTools, type LockableContents } from './devtools-shortcuts.ts'

/** The parts of Electron's `app` the lockdown reads and listens on. */
export interface LockdownApp {
  isPackaged: boolean
  name: string
  commandLine: { hasSwitch(name: string): boolean }
  on(event: 'web-contents-created', listener: (event: unknown, contents: LockableContents) => void): unknown
}

/**
 * Switches that open a debugger on the app: Chromium's DevTools protocol for every page (and so
 * `window.allot` with a logged-in session) and Node's inspector for the main process (the fuses
 * already make a packaged binary ignore the latter).
 */
const debugSwitches = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'inspect',
  'inspect-brk',
  'inspect-port',
  'inspect-brk-node',
]

/** The first debugging switch on a packaged app's command line, if any (the app then refuses to start). */
export function debugSwitchInUse(app: Pick<LockdownApp, 'isPackaged' | 'commandLine'>): string | undefined {
  if (!app.isPackaged) return undefined
  return debugSwitches.find((name) => app.commandLine.hasSwitch(name))
}

/**
 * A packaged build offers no way into the developer tools: a minimal menu (no View › Toggle
 * Developer Tools, no Reload), every WebContents with the shortcuts swallowed, and windows created
 * with `devTools: false` (the returned value). A development build keeps Electron's default menu,
 * the shortcuts and the tools. Call before the first window.
 */
export function applyDevToolsPolicy<M>(
  app: LockdownApp,
  menu: MenuApi<M>,
  platform: NodeJS.Platform,
): { devTools: boolean } {
  if (!app.isPackaged) return { devTools: true }
  installPackagedMenu(menu, platform, app.name)
  app.on('web-contents-created', (_event, contents) => lockDevTools(contents))
  return { devTools: false }
}
