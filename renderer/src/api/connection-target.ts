import type { AllotBridge } from './allot-bridge.ts'

/** Where this renderer finds its StoreApi: the Electron preload, a headless store node, or nowhere. */
export type ConnectionTarget =
  | { kind: 'ipc'; bridge: AllotBridge }
  | { kind: 'ws'; apiUrl: string; token: string }
  | { kind: 'none'; reason: string }

function isBridge(value: unknown): value is AllotBridge {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'allot-ipc'
}

/**
 * Reads the target from the window: `window.allot` inside Electron, otherwise `?api=ws://…&token=…`
 * (the token may also sit in the hash, `#token=…`, which browsers never send to a server).
 */
export function readConnectionTarget(win: Window): ConnectionTarget {
  const bridge: unknown = (win as unknown as { allot?: unknown }).allot
  if (isBridge(bridge)) return { kind: 'ipc', bridge }
  const query = new URLSearchParams(win.location.search)
  const hash = new URLSearchParams(win.location.hash.replace(/^#/, ''))
  const apiUrl = query.get('api') ?? hash.get('api')
  const token = hash.get('token') ?? query.get('token')
  if (!apiUrl) return { kind: 'none', reason: 'This page was opened without a store to talk to.' }
  if (!/^wss?:\/\//.test(apiUrl))
    return { kind: 'none', reason: `“${apiUrl}” is not a ws:// or wss:// address.` }
  if (!token) return { kind: 'none', reason: 'The store address has no API token.' }
  return { kind: 'ws', apiUrl, token }
}
