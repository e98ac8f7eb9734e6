// Running the UI specs against the Electron app instead of a Chromium tab (the `electron`
// Playwright project, see playwright.config.ts and docs/desktop-app.md).
import { _electron as electron, type ElectronApplication, type Page } from '@playwright/test'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { externalStorePageUrl, type ExternalStore } from '../../../electron/main/external-store.ts'
import { repoRoot } from '../../../tools/cluster/harness.ts'

/** The built main process the specs launch (`electron-vite build` writes it). */
export const electronMain = join(repoRoot, 'out/main/index.js')

/**
 * Finds an Electron binary that starts here, or says why there is none. Electron's binary is
 * downloaded on first use, which some build machines cannot do; the specs then skip with this
 * reason rather than pass.
 */
export function electronBinary(): { path?: string; reason?: string } {
  // Located the way the electron package does, but without its download-on-require side effect.
  const pkg = join(repoRoot, 'node_modules/electron')
  const pathFile = join(pkg, 'path.txt')
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined
  const path =
    process.env.ALLOT_ELECTRON ??
    (process.env.ELECTRON_OVERRIDE_DIST_PATH
      ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative ?? 'electron')
      : relative
        ? join(pkg, 'dist', relative)
        : undefined)
  if (!path)
    return {
      reason:
        'the Electron binary was never downloaded (node_modules/electron has no path.txt; set ALLOT_ELECTRON to a binary)',
    }
  if (!existsSync(path)) return { reason: `the Electron binary is missing at ${path}` }
  const probe = spawnSync(path, ['--version'], {
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  })
  if (probe.status !== 0)
    return {
      reason: `Electron does not start here: ${(probe.stderr || probe.error?.message || '').trim().slice(0, 200)}`,
    }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'no display (DISPLAY/WAYLAND_DISPLAY unset): run under xvfb-run to test Electron' }
  }
  return { path }
}

let cachedBinary: { path?: string; reason?: string } | undefined
/** electronBinary(), probed once per worker. */
export function electronBinaryOnce(): { path?: string; reason?: string } {
  cachedBinary ??= electronBinary()
  return cachedBinary
}

/**
 * The store a harness page URL names (`http://…/?api=ws://…#token=…`, see StoreHandle.pageUrl).
 * Throws for any other URL: in the Electron project only harness store URLs can be opened.
 */
export function storeOfPageUrl(pageUrl: string): ExternalStore {
  const url = new URL(pageUrl)
  const apiUrl = url.searchParams.get('api')
  const token = new URLSearchParams(url.hash.replace(/^#/, '')).get('token') ?? url.searchParams.get('token')
  if (!apiUrl || !token)
    throw new Error(`the Electron project can only open harness store URLs (?api=…#token=…), not ${pageUrl}`)
  return { apiUrl, token }
}

type Listener = (...args: never[]) => unknown

/**
 * A `page` for the specs that is the Electron app's first window. The app is launched at the
 * first `page.goto(storeUrl)`, pointed at that store node through ALLOT_STORE_API and
 * ALLOT_STORE_TOKEN (electron/main/external-store.ts), because the store the spec uses is only
 * known then. The window loads the renderer from the harness's page server (ELECTRON_RENDERER_URL),
 * whose CSP allows the store's loopback WebSocket; the app's own index.html is built for IPC and
 * allows no connection. Listeners added before that (`page.on('pageerror', …)`) are attached once
 * the window exists; every other use of the page before the first goto is an error. Later gotos
 * load that page for the given store (a fresh connection and session, as in a tab).
 */
export class ElectronPage {
  readonly page: Page
  private app: ElectronApplication | undefined
  private window: Page | undefined
  private userData: string | undefined
  /** The harness page server the app was launched on (ELECTRON_RENDERER_URL). */
  private rendererUrl: string | undefined
  private readonly early: [method: 'on' | 'once', event: string, listener: Listener][] = []
  private readonly binaryPath: string

  constructor(binaryPath: string) {
    this.binaryPath = binaryPath
    const handler: ProxyHandler<object> = {
      get: (_target, prop) => {
        if (prop === 'goto') return (url: string) => this.goto(url)
        const window = this.window
        if (!window) {
          if (prop === 'on' || prop === 'once' || prop === 'addListener')
            return (event: string, listener: Listener) => {
              this.early.push([prop === 'once' ? 'once' : 'on', event, listener])
              return this.page
            }
          if (prop === 'then') return undefined // not a thenable
          throw new Error(
            `page.${String(prop)} before page.goto(): in the Electron project the app starts at the first goto`,
          )
        }
        const value: unknown = Reflect.get(window, prop, window)
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(window) : value
      },
    }
    this.page = new Proxy({}, handler) as Page
  }

  private async goto(pageUrl: string): Promise<null> {
    const store = storeOfPageUrl(pageUrl)
    if (!this.window || !this.rendererUrl) {
      await this.launch(store, new URL('/', pageUrl).toString())
      return null
    }
    const target = externalStorePageUrl(this.rendererUrl, store)
    const sameDocument = this.window.url().split('#')[0] === target.split('#')[0]
    await this.window.goto(target)
    // Only the hash changed (or nothing): reload, so the renderer reconnects like a new tab.
    if (sameDocument) await this.window.reload()
    return null
  }

  private async launch(store: ExternalStore, rendererUrl: string): Promise<void> {
    if (!existsSync(electronMain))
      throw new Error(`${electronMain} is missing: run electron-vite build first`)
    this.userData = mkdtempSync(join(tmpdir(), 'allot-electron-'))
    const env: Record<string, string> = {}
    for (const [key, value] of Object.entries(process.env))
      if (value !== undefined && key !== 'ELECTRON_RENDERER_URL') env[key] = value
    env.ALLOT_STORE_API = store.apiUrl
    env.ALLOT_STORE_TOKEN = store.token
    env.ELECTRON_RENDERER_URL = rendererUrl
    this.rendererUrl = rendererUrl
    this.app = await electron.launch({
      executablePath: this.binaryPath,
      args: [electronMain, `--user-data-dir=${this.userData}`, '--no-sandbox'],
      cwd: repoRoot,
      env,
    })
    const window = await this.app.firstWindow()
    for (const [method, event, listener] of this.early)
      (window[method] as (event: string, listener: Listener) => unknown).call(window, event, listener)
    await window.waitForLoadState('domcontentloaded')
    this.window = window
  }

  async close(): Promise<void> {
    await this.app?.close().catch(() => undefined)
    if (this.userData) rmSync(this.userData, { recursive: true, force: true })
  }
}
