import type { Page } from '@playwright/test'
import { eventually } from '../../tools/cluster/harness.ts'
import { expect, failOnPageErrors, login, openScreen, scan, screenshot, test } from './support/fixtures.ts'

// Two stores and a relay, as separate processes. Store A ("High Street") created the organization
// and linked to the relay; store B ("Harbour Road") joined with an enrollment code.

async function sell(page: Page, codes: string[], tendered?: string): Promise<void> {
  for (const code of codes) await scan(page, code)
  await page.keyboard.press('F4')
  if (tendered) await page.getByTestId('tendered').fill(tendered)
  await page.getByTestId('confirm-payment').click()
}

test('a sale made at one store shows at the other', async ({ browser, chain }) => {
  const a = await browser.newPage()
  const b = await browser.newPage()
  const errors = [...failOnPageErrors(a), ...failOnPageErrors(b)]
  await a.goto(chain.a.pageUrl(chain.rendererUrl))
  await login(a, 'cashier', 'pin')
  await sell(a, ['4006381333955', '4006381333955', '4006381334013'], '20')
  await expect(a.getByTestId('receipt')).toBeVisible()
  const total = (await a.getByTestId('sale-total').textContent()) ?? ''

  await b.goto(chain.b.pageUrl(chain.rendererUrl))
  await login(b, 'manager')
  await openScreen(b, 'Sales & refunds')
  const row = b.getByTestId('sale-row').filter({ hasText: 'High Street' })
  await expect(row).toHaveCount(1, { timeout: 20_000 })
  await expect(row).toContainText(total)
  // The chain's stock of eggs went down by two at store B's view too.
  await openScreen(b, 'Stock')
  await b.getByTestId('stock-row').filter({ hasText: 'Free-range eggs' }).click()
  await expect(b.getByTestId('stock-chain')).toHaveText('42') // 24 + 20 − 2
  // Sales by store lists Harbour Road too, which sold nothing, each bar labelled with its amount.
  await openScreen(b, 'Reports')
  const byStore = b.getByTestId('chart-by-store')
  await expect(byStore).toContainText('High Street')
  await expect(byStore).toContainText('Harbour Road')
  await expect(byStore).toContainText(total)

  // Issue 21: the chain at a glance — both stores on the dashboard, the stock matrix per store.
  await openScreen(b, 'The chain')
  const high = b.getByTestId('dash-store').filter({ hasText: 'High Street' })
  await expect(high).toContainText(total)
  await expect(b.getByTestId('dash-store').filter({ hasText: 'Harbour Road' })).toContainText('(here)')
  await screenshot(b, 'chain-dashboard')
  await b.getByRole('tab', { name: 'Stock matrix' }).click()
  const eggs = b.getByTestId('stock-matrix').getByRole('row').filter({ hasText: 'Free-range eggs' })
  await expect(eggs).toContainText('22') // High Street 24 − 2
  await expect(eggs).toContainText('42') // the chain
  const [download] = await Promise.all([b.waitForEvent('download'), b.getByTestId('matrix-csv').click()])
  expect(download.suggestedFilename()).toBe('allot-stock-matrix.csv')
  await screenshot(b, 'chain-matrix')
  expect(errors).toEqual([])
})

test('out of stock: the message names the short line, a request to the other store is granted', async ({
  browser,
  chain,
}) => {
  const a = await browser.newPage()
  await a.goto(chain.a.pageUrl(chain.rendererUrl))
  await login(a, 'cashier', 'pin')
  // Tea lights: 2 at High Street, 16 at Harbour Road. The cashier scans five.
  await scan(a, '5*4006381334044')
  await expect(a.getByTestId('cart-line').getByTestId('line-stock')).toHaveText('2 / 18')
  // Pay checks the stock first: no tender is offered for a cart this till may not sell.
  await a.keyboard.press('F4')
  const panel = a.getByTestId('out-of-stock')
  await expect(panel).toContainText('Tea lights')
  await expect(panel).toContainText('In the cart 5, this store may sell 2: 3 short')
  await expect(a.getByTestId('confirm-payment')).toHaveCount(0)
  await screenshot(a, 'pos-out-of-stock')
  await panel.getByRole('button', { name: 'Request 3 from Harbour Road' }).click()
  await expect(panel).toContainText('Requested from Harbour Road')

  // Harbour Road grants it (automatically, or its manager does on the stock screen).
  const b = await browser.newPage()
  await b.goto(chain.b.pageUrl(chain.rendererUrl))
  await login(b, 'manager')
  await openScreen(b, 'Stock')
  await b.getByTestId('stock-row').filter({ hasText: 'Tea lights' }).click()
  await eventually(async () => {
    const here = Number(
      await a
        .getByTestId('cart-line')
        .getByTestId('line-stock')
        .textContent()
        .then((t) => t?.split('/')[0]),
    )
    if (here >= 5) return
    const grant = b.getByRole('button', { name: /^Grant/ })
    if (await grant.isVisible()) await grant.click()
    throw new Error(`still ${here} here`)
  }, 'the rights to arrive at High Street')

  // The same cart, retried: now it sells.
  await a.keyboard.press('F4')
  await a.getByTestId('confirm-payment').click()
  await expect(a.getByTestId('receipt')).toContainText('Tea lights')
})

test('status bar: offline when the relay stops, pending sales shown, synced again after', async ({
  page,
  chain,
}) => {
  await page.goto(chain.a.pageUrl(chain.rendererUrl))
  await login(page, 'cashier', 'pin')
  const bar = page.getByTestId('sync-status')
  await expect(bar).toHaveAttribute('data-tone', 'synced', { timeout: 20_000 })
  await expect(page.getByTestId('sync-label')).toHaveText('Online · synced')

  await chain.relay.stop()
  await expect(bar).toHaveAttribute('data-tone', /offline|connecting/, { timeout: 20_000 })
  await sell(page, ['4006381333993'], '5')
  await expect(page.getByTestId('receipt')).toBeVisible()
  await page.getByTestId('next-sale').click()
  // Never green while something waits: the pending sale is shown with its age.
  await expect(bar).not.toHaveAttribute('data-tone', 'synced')
  await expect(page.getByTestId('sync-pending')).toContainText(/^1 sale\b.*waiting to send/)
  await screenshot(page, 'status-offline')

  await chain.relay.start()
  await expect(bar).toHaveAttribute('data-tone', 'synced', { timeout: 45_000 })
  await expect(page.getByTestId('sync-pending')).toHaveText('Nothing pending')
})
