import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, login, test } from './support/fixtures.ts'

// Issue 19, item 9: axe-core on every screen and every tab of it, for the role that sees the most
// (the owner), at the two sizes a till runs at: no critical or serious violation, one h1 each.

const screens = [
  'Checkout',
  'Shift & drawer',
  'Sales & refunds',
  'Catalog',
  'Stock',
  'Transfers',
  'Holds & orders',
  'Customers',
  'Stock counts',
  'The chain',
  'Purchasing',
  'Reports',
  'Users',
  'Integrity & devices',
  'Settings',
  'Assistant',
  'Sync & alerts',
]

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze()
  return result.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`))
}

for (const viewport of [
  { width: 1024, height: 768 },
  { width: 1366, height: 768 },
]) {
  test(`every screen and tab is axe-clean with one h1 at ${viewport.width}x${viewport.height}`, async ({
    page,
    solo,
  }) => {
    test.setTimeout(120_000)
    await page.setViewportSize(viewport)
    await page.goto(solo.pageUrl)
    // Every screen is checked before the test says what failed, so one run lists all problems.
    const problems: string[] = (await violations(page)).map((v) => `login: ${v}`)
    await login(page, 'owner')
    const nav = page.getByRole('navigation', { name: 'Main' })
    let visited = 1
    const visitedNames = ['login']
    for (const screen of screens) {
      // Below 1,200 px the menu folds: open it first when the entry is hidden.
      if (!(await nav.getByText(screen, { exact: true }).isVisible()))
        await page.getByTestId('menu-toggle').click()
      await nav.getByText(screen, { exact: true }).click()
      await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1)
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
      problems.push(...(await violations(page)).map((v) => `${screen}: ${v}`))
      visited++
      visitedNames.push(screen)
      const tabs = page.getByRole('main').getByRole('tab')
      for (let i = 1; i < (await tabs.count()); i++) {
        const name = (await tabs.nth(i).textContent()) ?? `tab ${i}`
        await tabs.nth(i).click()
        problems.push(...(await violations(page)).map((v) => `${screen} › ${name}: ${v}`))
        visited++
        visitedNames.push(`${screen} › ${name}`)
      }
    }
    // Details and dialogs people open from the screens.
    const dialogs: Array<[string, string, () => Promise<void>]> = [
      ['Catalog', 'product editor', () => page.getByTestId('product-row').first().click()],
      ['Catalog', 'CSV import', () => page.getByTestId('open-import').click()],
      ['Stock', 'stock detail', () => page.getByTestId('stock-row').first().click()],
      ['Users', 'new user', () => page.getByTestId('user-new').click()],
    ]
    for (const [screen, what, open] of dialogs) {
      if (!(await nav.getByText(screen, { exact: true }).isVisible()))
        await page.getByTestId('menu-toggle').click()
      await nav.getByText(screen, { exact: true }).click()
      await open()
      // a dialog, or a detail shown in place
      await page.waitForTimeout(400)
      problems.push(...(await violations(page)).map((v) => `${screen} › ${what}: ${v}`))
      visited++
      visitedNames.push(`${screen} › ${what}`)
      if ((await page.getByRole('dialog').count()) > 0) {
        await page.keyboard.press('Escape')
        await expect(page.getByRole('dialog')).toHaveCount(0)
      }
    }
    expect(problems).toEqual([])
    expect(visited, `screens and tabs visited: ${visitedNames.join(', ')}`).toBeGreaterThanOrEqual(21)
  })
}
