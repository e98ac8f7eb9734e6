import type { Page } from '@playwright/test'
import { expect, failOnPageErrors, login, test } from './support/fixtures.ts'

// The harness (and the demo) opens a store as `…/?api=ws://…#token=…`. The token must not stay in
// the address bar or the history entry, where it can be copied, shared, synced or shown on screen;
// and a `?token=` (which the page's server, its logs and Referer headers have already seen) is
// never used.

/** What the page itself sees of its address (the spec is compiled without DOM types). */
function addressOf(page: Page) {
  return page.evaluate(() => {
    const { location, document } = globalThis as unknown as {
      location: { href: string; hash: string; search: string }
      document: { referrer: string }
    }
    return { href: location.href, hash: location.hash, search: location.search, referrer: document.referrer }
  })
}

test('the API token leaves the address bar at once, and the app still works after a reload', async ({
  page,
  solo,
}) => {
  const errors = failOnPageErrors(page)
  await page.goto(solo.pageUrl)
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible()
  const token = solo.store.token
  const address = await addressOf(page)
  expect(address.href).not.toContain(token)
  expect(address.hash).toBe('')
  expect(address.search).toContain('api=') // the store's address is not a secret and stays
  expect(address.referrer).toBe('')

  await login(page, 'cashier', 'pin')
  await page.reload()
  // The tab remembers the token (sessionStorage), so a reload reconnects without it in the URL.
  await login(page, 'manager')
  expect((await addressOf(page)).href).not.toContain(token)
  expect(errors).toEqual([])
})

test('a token in the query string is refused and removed from the address bar', async ({ browser, solo }) => {
  const page = await browser.newPage()
  const url = new URL(solo.pageUrl)
  url.hash = ''
  url.searchParams.set('token', solo.store.token)
  await page.goto(url.toString())
  await expect(page.getByText('No store connected')).toBeVisible()
  await expect(page.getByText(/must come after “#”/)).toBeVisible()
  expect((await addressOf(page)).href).not.toContain(solo.store.token)
  await page.close()
})
