import type { Plugin } from 'vite'

/**
 * The renderer's Content-Security-Policy, one per way it is delivered (docs/desktop-app.md):
 * - `electron`: the desktop app, loaded from file:// and talking to its StoreNode over IPC only,
 *   so it may connect nowhere. A meta tag written into index.html at build time (response
 *   headers cannot be set on file:// pages), which is why it has no `frame-ancestors` (ignored in
 *   a meta tag); the app's window cannot be framed anyway (navigation guard, no webviews).
 * - `harness`: the same build served over loopback HTTP to a browser (tests, `npm run demo`),
 *   talking to a headless store node's WebSocket StoreApi on loopback. Sent as a response header.
 * - `development`: electron-vite's dev server, which also needs its hot-reload WebSocket.
 * Scripts only from the app's own files, never inline or eval; styles may be inline (Mantine sets
 * style attributes); no plugins, no <base>, no form posts, no frames, no workers.
 */
export type CspTarget = 'electron' | 'harness' | 'development'

const loopbackWebSockets = ['ws://127.0.0.1:*', 'ws://localhost:*']

const shared: Record<string, string[]> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'"],
  'font-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
}

const directives: Record<CspTarget, Record<string, string[]>> = {
  electron: { ...shared, 'connect-src': ["'none'"] },
  harness: { ...shared, 'connect-src': loopbackWebSockets, 'frame-ancestors': ["'none'"] },
  development: { ...shared, 'connect-src': ["'self'", ...loopbackWebSockets] },
}

/** The policy for one target, as the header or meta tag value. */
export function contentSecurityPolicy(target: CspTarget): string {
  return Object.entries(directives[target])
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ')
}

const cspMeta = /<meta\s+http-equiv=["']?content-security-policy["']?[^>]*>\s*/gi

/**
 * Adds the policy's meta tag at the top of <head> (after the charset), ahead of any script. Refuses
 * a page that already has one: a browser enforces every policy it finds, and a second, looser tag
 * in index.html would be a trap for the next reader.
 */
export function withCspMeta(html: string, target: CspTarget): string {
  if (html.match(cspMeta)) throw new Error('index.html has its own Content-Security-Policy meta tag')
  const head = /<head[^>]*>(\s*<meta\s+charset=[^>]*>)?/i.exec(html)
  if (!head) throw new Error('index.html has no <head>')
  const at = head.index + head[0].length
  const meta = `\n    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(target)}" />`
  return html.slice(0, at) + meta + html.slice(at)
}

/** The page without its meta policy, for a server that sends its own policy as a header. */
export function withoutCspMeta(html: string): string {
  return html.replace(cspMeta, '')
}

/** electron-vite's renderer build: the Electron policy in the built index.html (dev server: development). */
export function cspMetaPlugin(): Plugin {
  return {
    name: 'allot-content-security-policy',
    transformIndexHtml: {
      order: 'pre',
      handler: (html, context) => withCspMeta(html, context.server ? 'development' : 'electron'),
    },
  }
}
