import type { RendererLocation } from './renderer-location.ts'

/**
 * An external store node for development and tests: instead of hosting its own StoreNode, an
 * unpackaged app can point its renderer at a headless store node's WebSocket StoreApi (the one the
 * browser harness starts), so the Playwright specs run unchanged against the Electron window.
 * A packaged app never reads these variables.
 */
export interface ExternalStore {
  /** The store node's WebSocket StoreApi, on loopback (the harness's CSP allows nothing else). */
  apiUrl: string
  token: string
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost'])

/**
 * Reads `ALLOT_STORE_API` and `ALLOT_STORE_TOKEN`. Returns undefined in a packaged app or when
 * `ALLOT_STORE_API` is unset; throws if it is set but not a loopback `ws://` address, or if the
 * token is missing, so a misconfigured test run fails instead of quietly opening its own store.
 */
export function externalStoreFromEnv(
  env: Record<string, string | undefined>,
  isPackaged: boolean,
): ExternalStore | undefined {
  if (isPackaged) return undefined
  const raw = env.ALLOT_STORE_API?.trim()
  if (!raw) return undefined
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new Error(`ALLOT_STORE_API is not a URL: ${raw}`)
  }
  if (url.protocol !== 'ws:' || !loopbackHosts.has(url.hostname) || url.username || url.password)
    throw new Error(`ALLOT_STORE_API must be a ws:// address on 127.0.0.1 or localhost, not ${raw}`)
  const token = env.ALLOT_STORE_TOKEN?.trim()
  if (!token || /\s/.test(token)) throw new Error('ALLOT_STORE_API is set but ALLOT_STORE_TOKEN is missing')
  return { apiUrl: raw, token }
}

/**
 * Throws unless the renderer comes from the browser harness's page server (ELECTRON_RENDERER_URL):
 * its CSP allows the loopback WebSocket, while the app's own index.html, built for IPC, allows no
 * connection at all — the renderer would only show a connection error.
 */
export function assertExternalStorePage(location: RendererLocation): void {
  if (location.kind !== 'url')
    throw new Error(
      "ALLOT_STORE_API needs ELECTRON_RENDERER_URL (the browser harness's page server): the app's own index.html allows no WebSocket",
    )
}

/**
 * The renderer URL that talks to `store`: the harness's page (`appUrl`, ELECTRON_RENDERER_URL)
 * with the API address in the query and the token in the hash — the same form the browser harness
 * uses (`?api=ws://…#token=…`), so the navigation guard still sees our page.
 */
export function externalStorePageUrl(appUrl: string, store: ExternalStore): string {
  const url = new URL(appUrl)
  url.search = new URLSearchParams({ api: store.apiUrl }).toString()
  url.hash = new URLSearchParams({ token: store.token }).toString()
  return url.toString()
}
