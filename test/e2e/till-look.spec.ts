import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, login, scan, screenshot, test } from './support/fixtures.ts'

/** axe-core over what is on screen now: no critical or serious violation. */
async function expectAccessible(page: Page, where: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze()
  const bad = result.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .flatMap((v) =>
      v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} ${n.failureSummary?.split('\n')[1] ?? ''}`),
    )
  expect(bad, `axe on ${where}`).toEqual([])
}

for (const viewport of [
  { width: 1024, height: 768 },
  { width: 1366, height: 768 },
]) {
  const size = `${viewport.width}x${viewport.height}`

  test(`checkout, payment, receipt, stock and transfers at ${size}: screenshots, keyboard menu, axe`, async ({
    page,
    solo,
  }) => {
    await page.setViewportSize(viewport)
    await page.goto(solo.pageUrl)
    await login(page, 'manager')

    await scan(page, '4006381333931')
    await scan(page, '3*4006381333962')
    await expect(page.getByTestId('cart-line')).toHaveCount(2)
    // The cart's Total and remove columns are in view, never clipped (the menu folds at 1024 px).
    for (const button of await page.getByRole('button', { name: /^Remove / }).all())
      await expect(button).toBeInViewport({ ratio: 1 })
    if (viewport.width < 1200) {
      await expect(page.getByTestId('menu-toggle')).toHaveAttribute('aria-expanded', 'false')
      await expect(page.getByTestId('menu-toggle')).toHaveAccessibleName('Show the menu')
    }
    await screenshot(page, `checkout-${size}`)
    await expectAccessible(page, 'checkout')

    await page.keyboard.press('F4')
    await expect(page.getByTestId('tendered')).toBeFocused()
    await screenshot(page, `payment-${size}`)
    await expectAccessible(page, 'payment')
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('receipt')).toBeVisible()
    await screenshot(page, `receipt-${size}`)
    await expectAccessible(page, 'receipt')
    await page.keyboard.press('F8')

    // The menu is reachable by Tab: its items are real buttons.
    const stockItem = page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: /^Stock(?! counts)/ })
    await stockItem.focus()
    await expect(stockItem).toBeFocused()
    await page.keyboard.press('Enter')
    await page.getByTestId('stock-row').filter({ hasText: 'Coffee beans' }).click()
    await expect(page.getByTestId('stock-chain')).toBeVisible()
    await screenshot(page, `stock-${size}`)
    await expectAccessible(page, 'stock')

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: /^Transfers/ })
      .click()
    await screenshot(page, `transfers-${size}`)
    await expectAccessible(page, 'transfers')

    // A sale opens from the keyboard (a refund needs no mouse).
    const salesItem = page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: /^Sales & refunds/ })
    await salesItem.focus()
    await page.keyboard.press('Enter')
    const firstSale = page.getByTestId('sale-row').first()
    await firstSale.focus()
    await expect(firstSale).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(page.getByRole('tab', { name: 'Refund' })).toBeVisible()
    await expectAccessible(page, 'sales')
  })
}
