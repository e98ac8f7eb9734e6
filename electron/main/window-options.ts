import type { BrowserWindowConstructorOptions } from 'electron'

/**
 * The main window's options. Security settings are spelled out even where Electron's defaults
 * match, so a future default change or a careless edit shows up in review and in the unit test.
 * Without a preload path (an unpackaged app pointed at an external store node, see
 * external-store.ts) the window gets no preload at all, so no `window.allot` bridge exists and the
 * renderer uses the WebSocket StoreApi named in its URL. `devTools` is false in a packaged build
 * (packaged-lockdown.ts).
 */
export function mainWindowOptions(
  preloadPath: string | undefined,
  options: { devTools: boolean },
): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 680,
    title: 'Allot',
    show: false,
    backgroundColor: '#f8f9fa',
    autoHideMenuBar: true,
    webPreferences: {
      ...(preloadPath === undefined ? {} : { preload: preloadPath }),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: options.devTools,
    },
  }
}
