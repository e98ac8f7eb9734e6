import type { Page } from '@playwright/test'
import { expect, failOnPageErrors, login, openScreen, screenshot, test } from './support/fixtures.ts'

// Retiring a till from the Integrity & devices screen (owner only, after a confirmation): store
// B's till hands all its stock rights to store A's till and becomes read-only.

/** Closes the toasts so screenshots show the screen itself. */
async function closeToasts(page: Page): Promise<void> {
  const close = page.locator('.mantine-Notification-root .mantine-CloseButton-root')
  for (let i = 0; i < 12 && (await close.count()) > 0; i++) {
    await close
      .first()
      .click({ force: true, timeout: 1000 })
      .catch(() => undefined)
    await page.waitForTimeout(120)
  }
  await page.mouse.move(0, 0)
}

test('retire store B’s till in favour of store A: its rights move to A, B is shown retired', async ({
  browser,
  chain,
}) => {
  // A manager sees the screen but not the retire button: owner only.
  const m = await browser.newPage()
  const errors = failOnPageErrors(m)
  await m.goto(chain.b.pageUrl(chain.rendererUrl))
  await login(m, 'manager')
  await openScreen(m, 'Integrity & devices')
  await expect(m.getByTestId('this-till')).toContainText(chain.b.replicaId)
  await expect(m.getByTestId('retire-open')).toHaveCount(0)
  await m.close()

  const b = await browser.newPage()
  errors.push(...failOnPageErrors(b))
  await b.goto(chain.b.pageUrl(chain.rendererUrl))
  await login(b, 'owner')
  await openScreen(b, 'Integrity & devices')
  await b.getByTestId('retire-open').click()
  const modal = b.getByRole('dialog', { name: 'Retire this till' })
  await expect(modal).toBeVisible()
  // Nothing happens without a successor and the confirmation.
  await expect(modal.getByTestId('retire-confirm')).toBeDisabled()
  await modal.getByTestId('retire-successor').click()
  await b
    .getByRole('option', { name: new RegExp(`High Street · till ${chain.a.replicaId.slice(0, 8)}`) })
    .click()
  await expect(modal.getByTestId('retire-confirm')).toBeDisabled()
  await modal.getByTestId('retire-sure').check()
  await screenshot(b, 'devices-retire-confirm')
  await modal.getByTestId('retire-confirm').click()
  await expect(b.getByText(/units of stock rights \(\d+ products\) moved to High Street/)).toBeVisible()

  // B: this till is retired, its successor is A's till, and it may no longer retire or sell.
  const tillB = b
    .getByTestId('tills-table')
    .getByRole('row')
    .filter({ hasText: chain.b.replicaId.slice(0, 8) })
  await expect(tillB).toContainText(`retired → ${chain.a.replicaId.slice(0, 8)}`)
  await expect(b.getByTestId('this-till')).toContainText('retired')
  await expect(b.getByTestId('retire-open')).toHaveCount(0)
  await closeToasts(b)
  await screenshot(b, 'devices-retired')

  // A: B's rights arrived. Eggs were 24 here and 20 at Harbour Road: A may now sell all 44.
  const a = await browser.newPage()
  errors.push(...failOnPageErrors(a))
  await a.goto(chain.a.pageUrl(chain.rendererUrl))
  await login(a, 'manager')
  await openScreen(a, 'Stock')
  await a.getByTestId('stock-row').filter({ hasText: 'Free-range eggs' }).click()
  await expect(a.getByTestId('stock-here')).toContainText('44', { timeout: 20_000 })
  await expect(a.getByTestId('stock-chain')).toContainText('44')
  await expect(a.getByTestId('holders')).toContainText('retired')
  await screenshot(a, 'devices-retire-stock-a')
  await openScreen(a, 'Integrity & devices')
  await expect(
    a
      .getByTestId('tills-table')
      .getByRole('row')
      .filter({ hasText: chain.b.replicaId.slice(0, 8) }),
  ).toContainText('retired', { timeout: 20_000 })
  expect(errors).toEqual([])
})
