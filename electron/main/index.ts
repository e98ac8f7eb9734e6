// The Electron shell: one window, one StoreNode, StoreApi over IPC, and the security handlers.
// Everything testable lives in small helpers that take Electron's objects as parameters.
import { app, BrowserWindow, ipcMain, Menu, Notification, session, shell } from 'electron'
import electronUpdater from 'electron-updater'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { compactHeapSoon } from '../../store-node/doc/compact-heap.ts'
import { createLogger } from '../../store-node/infra/logger.ts'
import { openStoreNode } from '../../store-node/store-node.ts'
import { installCleanShutdown } from './clean-shutdown.ts'
import { forwardStoreEvents, registerStoreApiIpc } from './ipc-bridge.ts'
import { guardNavigation } from './navigation-guard.ts'
import {
  assertExternalStorePage,
  externalStoreFromEnv,
  externalStorePageUrl,
  type ExternalStore,
} from './external-store.ts'
import { applyDevToolsPolicy, debugSwitchInUse } from './packaged-lockdown.ts'
import { denyAllPermissions } from './permissions.ts'
import { isAppUrl, rendererLocation } from './renderer-location.ts'
import { createSenderCheck } from './sender-check.ts'
import { holdSingleInstance } from './single-instance.ts'
import { updateFeedAtBuild } from './update-feed-at-build.ts'
import { planUpdates, startUpdates } from './updates.ts'
import { mainWindowOptions } from './window-options.ts'
import { WindowSessions } from './window-sessions.ts'

const logger = createLogger('allot-app')
const location = rendererLocation(
  app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL,
  join(import.meta.dirname, '../renderer/index.html'),
)
const preloadPath = join(import.meta.dirname, '../preload/index.cjs')
const windows = new Set<BrowserWindow>()
const sessions = new WindowSessions()
let mainWindow: BrowserWindow | undefined
// Development and tests only (never in a packaged app): a headless store node to talk to over its
// WebSocket instead of hosting a StoreNode here. Set in start(), so a bad value fails the start.
let external: ExternalStore | undefined
// Set in start(), before the first window: false in a packaged build.
let devTools = false

function createWindow(): BrowserWindow {
  // With an external store the window has no preload (so no IPC bridge) and the same guards.
  const window = new BrowserWindow(mainWindowOptions(external ? undefined : preloadPath, { devTools }))
  const contentsId = window.webContents.id
  windows.add(window)
  guardNavigation(window.webContents, { isAppUrl: (url) => isAppUrl(url, location), shell })
  window.once('ready-to-show', () => window.show())
  window.on('closed', () => {
    windows.delete(window)
    sessions.drop(contentsId)
    if (mainWindow === window) mainWindow = undefined
  })
  if (external) void window.loadURL(externalStorePageUrl(location.url, external))
  else if (location.kind === 'url') void window.loadURL(location.target)
  else void window.loadFile(location.target)
  return window
}

async function start(): Promise<void> {
  const debugSwitch = debugSwitchInUse(app)
  if (debugSwitch) throw new Error(`a packaged app does not start with --${debugSwitch}`)
  devTools = applyDevToolsPolicy(app, Menu, process.platform).devTools
  // Web contents created anywhere (including ones we never asked for) get the same guards.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  })
  external = externalStoreFromEnv(process.env, app.isPackaged)
  if (external) assertExternalStorePage(location)
  await app.whenReady()
  denyAllPermissions(session.defaultSession)
  if (external) {
    logger.warn({ api: external.apiUrl }, 'development mode: using an external store node')
    startWindows()
    return
  }

  const dataDir = join(app.getPath('userData'), 'store')
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const node = await openStoreNode({ dataDir, logger })
  compactHeapSoon()
  logger.info({ replicaId: node.replicaId }, 'store node open')

  const isTrustedSender = createSenderCheck({
    isOurContents: (id) => [...windows].some((w) => !w.isDestroyed() && w.webContents.id === id),
    isAppUrl: (url) => isAppUrl(url, location),
  })
  const unregister = registerStoreApiIpc({
    ipcMain,
    endpoint: node,
    sessions,
    isTrustedSender,
    onRefused: (method, url) => logger.warn({ method, url }, 'refused an IPC call from an untrusted sender'),
  })
  const stopForwarding = forwardStoreEvents(node, () => [...windows].map((w) => w.webContents))

  installCleanShutdown(
    app,
    async () => {
      stopForwarding()
      unregister()
      await node.close()
      logger.info('store node closed')
    },
    (error) => logger.error({ err: error }, 'store node did not close cleanly'),
  )

  startWindows()
  startUpdates({
    plan: planUpdates({ isPackaged: app.isPackaged, platform: process.platform, feedUrl: updateFeedAtBuild }),
    updater: () => electronUpdater.autoUpdater,
    log: {
      info: (message) => logger.info(message),
      warn: (message) => logger.warn(message),
      failed: (error) => logger.warn({ err: error }, 'update check failed'),
    },
    announce: announceUpdate,
  })
}

/** Linux: a new version is only announced; the till's administrator installs it. */
function announceUpdate(version: string): void {
  logger.info({ version }, 'an update is available; it is not installed automatically on Linux')
  if (!Notification.isSupported()) return
  new Notification({
    title: 'Allot update available',
    body: `Version ${version.slice(0, 40)} is available. Ask whoever looks after this till to install it.`,
  }).show()
}

function startWindows(): void {
  mainWindow = createWindow()
  app.on('activate', () => {
    if (windows.size === 0) mainWindow = createWindow()
  })
}

if (holdSingleInstance(app, () => mainWindow)) {
  app.on('window-all-closed', () => app.quit())
  start().catch((error: unknown) => {
    logger.fatal({ err: error }, 'the app could not start')
    app.exit(1)
  })
}
