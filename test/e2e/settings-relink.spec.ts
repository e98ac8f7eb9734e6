import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { RelayHandle } from '../../tools/cluster/harness.ts'
import { expect, failOnPageErrors, login, openScreen, screenshot, test } from './support/fixtures.ts'

// Settings → Relay: the owner moves a linked store to another relay with a new enrollment code.
// A refused code, or a relay that refuses the store's document, changes nothing.

async function startRelay(baseDir: string, name: string): Promise<RelayHandle> {
  const relay = new RelayHandle(join(baseDir, name))
  mkdirSync(relay.dataDir, { recursive: true })
  return relay.start()
}

const bare = (url: string) => url.replace(/\/+$/, '')

async function relink(page: Page, url: string, code: string): Promise<void> {
  const form = page.getByTestId('relay-relink-form')
  await form.getByTestId('relay-relink-url').fill(url)
  await form.getByTestId('relay-relink-code').fill(code)
  await form.getByTestId('relay-relink').click()
}

test('settings: a linked store moves to another relay; a refused code keeps the old link', async ({
  browser,
  solo,
}) => {
  const [first, second] = await Promise.all([
    startRelay(solo.baseDir, 'relay-1'),
    startRelay(solo.baseDir, 'relay-2'),
  ])
  try {
    const page = await browser.newPage()
    const errors = failOnPageErrors(page)
    await page.goto(solo.pageUrl)
    await login(page, 'owner')
    await openScreen(page, 'Settings')
    // Link the standalone store to relay 1 first.
    const org1 = await first.createOrg('Green Grocers')
    await page.getByTestId('relay-url').fill(first.url)
    await page.getByTestId('relay-code').fill(await first.enrollmentCode(org1, solo.store.name))
    await page.getByTestId('relay-link').click()
    const linked = page.getByTestId('relay-linked')
    await expect(linked).toContainText(bare(first.url), { timeout: 30_000 })

    const org2 = await second.createOrg('Green Grocers (new relay)')
    await relink(page, second.url, 'NOPE-NOPE-NOPE')
    await expect(page.getByText(/refused the enrollment code/)).toBeVisible()
    await expect(linked).toContainText(bare(first.url))

    await relink(page, second.url, await second.enrollmentCode(org2, solo.store.name))
    await expect(page.getByText('Moved to the new relay; this store now syncs through it')).toBeVisible({
      timeout: 30_000,
    })
    await expect(linked).toContainText(bare(second.url))
    await expect(linked).toContainText('online')
    await expect(linked).toContainText('0 waiting to sync')
    await page.mouse.move(0, 0)
    await screenshot(page, 'settings-relink')
    expect(errors).toEqual([])
  } finally {
    await Promise.allSettled([first.stop(), second.stop()])
  }
})

test('settings: one store of a chain cannot move alone to an empty relay; it stays on the old one', async ({
  browser,
  chain,
}) => {
  const second = await startRelay(chain.baseDir, 'relay-2')
  try {
    const orgId = await second.createOrg('Green Grocers (new relay)')
    const page = await browser.newPage()
    const errors = failOnPageErrors(page)
    await page.goto(chain.a.pageUrl(chain.rendererUrl))
    await login(page, 'owner')
    await openScreen(page, 'Settings')
    const linked = page.getByTestId('relay-linked')
    await expect(linked).toContainText(bare(chain.relay.url))
    // Store A's document holds Harbour Road's history, which the new relay never had.
    await relink(page, second.url, await second.enrollmentCode(orgId, chain.a.name))
    await expect(page.getByText(/This store stays linked to/)).toBeVisible({ timeout: 40_000 })
    await openScreen(page, 'Checkout')
    await openScreen(page, 'Settings')
    await expect(linked).toContainText(bare(chain.relay.url))
    await expect(linked).toContainText('online', { timeout: 20_000 })
    await screenshot(page, 'settings-relink-refused')
    expect(errors).toEqual([])
  } finally {
    await second.stop()
  }
})
