import type { Page } from '@playwright/test'
import { apiSubprotocols } from '../../shared/api/ws-auth.ts'
import { serveStatic } from '../../tools/cluster/static-server.ts'
import { expect, test } from './support/fixtures.ts'

// A web page of another origin that knows the store's address and even its token (leaked, or
// guessed from a shared screenshot) tries to open the loopback store API from the till's browser.

async function tryConnect(page: Page, apiUrl: string, protocols: string[]) {
  return page.evaluate(
    ([url, offered]) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(url!, offered as string[])
        socket.onopen = () => {
          socket.close()
          resolve('open')
        }
        socket.onerror = () => resolve('refused')
      }),
    [apiUrl, protocols] as const,
  )
}

test('a page of another origin cannot open the store API, the renderer’s own origin can', async ({
  browser,
  solo,
}) => {
  const hostile = await serveStatic('out/renderer') // any page on another port is another origin
  const page = await browser.newPage()
  try {
    await page.goto(hostile.url)
    expect(await tryConnect(page, solo.store.apiUrl, apiSubprotocols(solo.store.token))).toBe('refused')
    expect(await tryConnect(page, `${solo.store.apiUrl}/?token=${solo.store.token}`, [])).toBe('refused')
    await page.goto(solo.rendererUrl)
    expect(await tryConnect(page, solo.store.apiUrl, apiSubprotocols(solo.store.token))).toBe('open')
  } finally {
    await page.close()
    await hostile.close()
  }
})
