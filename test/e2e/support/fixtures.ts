import { test as base, expect, type Page } from '@playwright/test'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { Chain, demoUsers, repoRoot, SoloStore } from './harness.ts'

/**
 * Playwright fixtures over the harness: a fresh (not set up) store, a set-up standalone store with
 * the demo catalog, or a whole chain (relay + two stores). Each test gets its own processes.
 */
export const test = base.extend<{ freshStore: SoloStore; solo: SoloStore; chain: Chain }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from this pattern
  freshStore: async ({}, use) => {
    const store = await SoloStore.start({ setUp: false })
    await use(store)
    await store.close()
  },
  // eslint-disable-next-line no-empty-pattern
  solo: async ({}, use) => {
    const store = await SoloStore.start({ setUp: true })
    await use(store)
    await store.close()
  },
  // eslint-disable-next-line no-empty-pattern
  chain: async ({}, use) => {
    const chain = await Chain.start()
    await use(chain)
    await chain.close()
  },
})

export { expect }

export type DemoUser = keyof typeof demoUsers

/** Logs in through the login screen, with the password or the PIN. */
export async function login(
  page: Page,
  who: DemoUser,
  method: 'password' | 'pin' = 'password',
): Promise<void> {
  const user = demoUsers[who]
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible()
  await page
    .getByTestId('login-method')
    .getByText(method === 'pin' ? 'PIN' : 'Password', { exact: true })
    .click()
  await page.getByTestId('login-username').fill(user.username)
  await page.getByTestId('login-secret').fill(method === 'pin' ? user.pin : user.password)
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page.getByTestId('current-user')).toHaveText(user.displayName)
}

/** Types a code the way a barcode scanner does: fast keystrokes, then Enter. */
export async function scan(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code, { delay: 4 })
  await page.keyboard.press('Enter')
}

/** Opens a screen from the left navigation. */
export async function openScreen(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByText(label, { exact: true }).click()
}

/** Saves a full-page screenshot under test-results/screenshots/ (kept for people to look at). */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = join(repoRoot, 'test-results/screenshots')
  mkdirSync(dir, { recursive: true })
  const path = join(dir, `${name}.png`)
  await page.screenshot({ path, fullPage: false })
  return path
}

/** Fails the test on any uncaught page error (a crash in the renderer is never OK). */
export function failOnPageErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  return errors
}
