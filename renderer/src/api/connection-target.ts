import type { AllotBridge } from '../../../shared/api/allot-bridge.ts'

/** Where this renderer finds its StoreApi: the Electron preload, a headless store node, or nowhere. */
export type ConnectionTarget =
  | { kind: 'ipc'; bridge: AllotBridge }
  | { kind: 'ws'; apiUrl: string; token: string }
  | { kind: 'none'; reason: string }

function isBridge(value: unknown): value is AllotBridge {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'allot-ipc'
}

/** Where this tab keeps the token after it left the address bar, per store API. */
const storageKey = (apiUrl: string) => `allot.apiToken ${apiUrl}`

function remember(win: Window, apiUrl: string, token: string): void {
  try {
    win.sessionStorage.setItem(storageKey(apiUrl), token)
  } catch {
    // storage switched off: the token then lasts until the page is reloaded
  }
}

function recall(win: Window, apiUrl: string): string | null {
  try {
    return win.sessionStorage.getItem(storageKey(apiUrl))
  } catch {
    return null
  }
}

/** Rewrites the address (and its history entry) without any `token` parameter, query or hash. */
function dropTokenFromAddress(win: Window, query: URLSearchParams, hash: URLSearchParams): void {
  if (!query.has('token') && !hash.has('token')) return
  query.delete('token')
  hash.delete('token')
  const url = new URL(win.location.href)
  url.search = query.toString()
  url.hash = hash.toString()
  win.history.replaceState(win.history.state, '', url.toString())
}

/**
 * Reads the target from the window: `window.allot` inside Electron, otherwise `?api=ws://…#token=…`.
 * The token is taken from the hash only (browsers never send it to a server) and leaves the address
 * bar and the history entry at once; this tab's sessionStorage keeps it, so a reload still works
 * and closing the tab forgets it. A `?token=` is never used: it already went to the server that
 * served the page and into Referer headers.
 */
export function readConnectionTarget(win: Window): ConnectionTarget {
  const bridge: unknown = (win as unknown as { allot?: unknown }).allot
  if (isBridge(bridge)) return { kind: 'ipc', bridge }
  const query = new URLSearchParams(win.location.search)
  const hash = new URLSearchParams(win.location.hash.replace(/^#/, ''))
  const apiUrl = query.get('api') ?? hash.get('api')
  const fromHash = hash.get('token')
  const inQuery = query.has('token')
  dropTokenFromAddress(win, query, hash)
  if (!apiUrl) return { kind: 'none', reason: 'This page was opened without a store to talk to.' }
  if (!/^wss?:\/\//.test(apiUrl))
    return { kind: 'none', reason: `“${apiUrl}” is not a ws:// or wss:// address.` }
  if (fromHash) remember(win, apiUrl, fromHash)
  const token = fromHash ?? recall(win, apiUrl)
  if (!token)
    return {
      kind: 'none',
      reason: inQuery
        ? 'The API token must come after “#” in the address (…#token=…), never after “?”, where it would be sent to servers.'
        : 'The store address has no API token.',
    }
  return { kind: 'ws', apiUrl, token }
}
