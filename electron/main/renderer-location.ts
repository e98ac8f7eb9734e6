import { pathToFileURL } from 'node:url'

/**
 * Where the renderer is loaded from: electron-vite's dev server in development (its URL in
 * ELECTRON_RENDERER_URL), the built index.html otherwise. Also the reference the sender and
 * navigation checks compare against.
 */
export interface RendererLocation {
  kind: 'url' | 'file'
  /** What to pass to loadURL / loadFile. */
  target: string
  /** The URL the renderer's main frame has once loaded. */
  url: string
}

export function rendererLocation(devServerUrl: string | undefined, indexHtmlPath: string): RendererLocation {
  if (devServerUrl) {
    const url = new URL(devServerUrl)
    if (url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1')) {
      return { kind: 'url', target: url.toString(), url: url.toString() }
    }
  }
  return { kind: 'file', target: indexHtmlPath, url: pathToFileURL(indexHtmlPath).toString() }
}

/**
 * True if `frameUrl` is our renderer: same origin as the dev server, or exactly our index.html
 * file (query and hash ignored). Anything else — another file, a remote page, about:blank — is not.
 */
export function isAppUrl(frameUrl: string | undefined, location: RendererLocation): boolean {
  if (!frameUrl) return false
  let url: URL
  let expected: URL
  try {
    url = new URL(frameUrl)
    expected = new URL(location.url)
  } catch {
    return false
  }
  if (location.kind === 'url') return url.origin === expected.origin
  return url.protocol === 'file:' && url.pathname === expected.pathname && url.host === expected.host
}
