import { test as base, expect, type Browser, type Page } from '@playwright/test'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { ElectronPage, electronBinaryOnce } from './electron.ts'
import { Chain, demoUsers, repoRoot, SoloStore } from '../../../tools/cluster/harness.ts'
import { e2eTarget } from '../../../tools/cluster/target.ts'

/**
 * Playwright fixtures over the harness: a fresh (not set up) store, a set-up standalone store with
 * the demo catalog, or a whole chain (relay + two stores). Each test gets its own processes.
 */
const storeTest = base.extend<{ freshStore: SoloStore; solo: SoloStore; chain: Chain }>({
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

const chromiumOnly = 'drives several browser pages or a whole chain; it runs in the chromium project only'

/**
 * The `electron` project (see playwright.config.ts): the same specs, with `page` being the
 * Electron app's first window, whose renderer talks to the store node the spec's `solo` or
 * `freshStore` fixture started. Where Electron does not start, every test is skipped with the
 * reason before anything is started. Specs that need several pages (`browser.newPage()`) or a
 * chain are skipped with a reason too.
 */
const electronTest = storeTest.extend<{ electronBinaryPath: string }>({
  electronBinaryPath: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, testInfo) => {
      const binary = electronBinaryOnce()
      testInfo.skip(!binary.path, `Electron: ${binary.reason ?? 'it cannot start here'}`)
      await use(binary.path!)
    },
    { auto: true },
  ],
  page: async ({ electronBinaryPath }, use) => {
    const app = new ElectronPage(electronBinaryPath)
    try {
      await use(app.page)
    } finally {
      await app.close()
    }
  },
  // eslint-disable-next-line no-empty-pattern
  chain: async ({}, use, testInfo) => {
    testInfo.skip(true, `this spec ${chromiumOnly}`)
    await use(undefined as never)
  },
  browser: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const skip = (): never => {
        storeTest.skip(true, `this spec ${chromiumOnly}`)
        throw new Error('unreachable: skipped')
      }
      await use({ newPage: skip, newContext: skip } as unknown as Browser)
    },
    { scope: 'worker' },
  ],
})

/** The specs' `test`: Chromium against the browser harness, or the Electron app (see above). */
export const test: typeof storeTest =
  e2eTarget() === 'electron' ? (electronTest as unknown as typeof storeTest) : storeTest

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
  // a cashier switch opens on the PIN pad; these helpers log in through the form
  if (await page.getByTestId('pin-pad').isVisible()) await page.getByTestId('pin-pad-form').click()
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

/** F4 (or the key given), then Enter once the payment dialog has the amount: a sale in the shown tender. */
export async function payWithEnter(page: Page, key = 'F4'): Promise<void> {
  await page.keyboard.press(key)
  await expect(page.getByTestId('tendered')).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('receipt')).toBeVisible()
}

/** The demo manager approves on this till in the PIN dialog (wrong PINs are the spec's own). */
export async function approveAsManager(page: Page, pin = demoUsers.manager.pin): Promise<void> {
  await page.getByTestId('approval-manager').click()
  await page.getByRole('option', { name: demoUsers.manager.displayName }).click()
  await page.getByTestId('approval-pin').fill(pin)
  await page.getByTestId('approval-confirm').click()
}

/** Types the start of a name into a searchable picker and takes the first option that matches. */
export async function pickOption(page: Page, testId: string, name: string): Promise<void> {
  const input = page.getByTestId(testId)
  await input.click()
  await input.fill(name.slice(0, 8))
  await page
    .getByRole('option', { name: new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })
    .first()
    .click()
}
