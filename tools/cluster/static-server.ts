import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve } from 'node:path'
import { contentSecurityPolicy, withoutCspMeta } from '../../electron/main/content-security-policy.ts'

const harnessPolicy = contentSecurityPolicy('harness')

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
}

/**
 * Serves a built renderer folder on 127.0.0.1 (port chosen by the OS), with the browser harness's
 * Content-Security-Policy as a header: the built index.html carries the Electron app's policy,
 * which allows no connection at all, so it is taken out of the page here.
 */
export async function serveStatic(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const base = resolve(root)
  if (!existsSync(join(base, 'index.html'))) {
    throw new Error(`${base}/index.html is missing: run \`npm run build\` first`)
  }
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname))
    let file = join(base, path)
    if (!file.startsWith(base) || !existsSync(file) || statSync(file).isDirectory())
      file = join(base, 'index.html')
    const type = contentTypes[extname(file)] ?? 'application/octet-stream'
    res.setHeader('content-security-policy', harnessPolicy)
    if (extname(file) === '.html') {
      res.writeHead(200, { 'content-type': type }).end(withoutCspMeta(readFileSync(file, 'utf8')))
      return
    }
    res.writeHead(200, { 'content-type': type })
    createReadStream(file).pipe(res)
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    // A page the test has not closed yet (fixtures tear down before the page) may hold a busy
    // connection; close() alone would wait for it until the test times out.
    close: () =>
      new Promise((ok) => {
        server.close(() => ok())
        server.closeAllConnections()
      }),
  }
}
