import { readFileSync } from 'node:fs'
import type { Download, Page } from '@playwright/test'
import { demoUsers, eventually } from '../../tools/cluster/harness.ts'
import { expect, failOnPageErrors, login, openScreen, screenshot, test } from './support/fixtures.ts'

// The manager and owner screens: transfers and shipments, holds and orders, reports with CSV,
// users and roles, integrity and devices, settings with backups, restore and diagnostics.

/** Picks a product in a ProductPicker (searchable select) by typing part of its name. */
async function pickProduct(page: Page, testId: string, name: string): Promise<void> {
  const input = page.getByTestId(testId)
  await input.click()
  await input.fill(name.slice(0, 8))
  await page
    .getByRole('option', { name: new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })
    .first()
    .click()
}

/** Closes the toasts so screenshots show the screen itself. */
async function shot(page: Page, name: string): Promise<void> {
  const close = page.locator('.mantine-Notification-root .mantine-CloseButton-root')
  for (let i = 0; i < 12 && (await close.count()) > 0; i++) {
    await close
      .first()
      .click({ force: true, timeout: 1000 })
      .catch(() => undefined)
    await page.waitForTimeout(120)
  }
  await expect(page.locator('.mantine-Notification-root'))
    .toHaveCount(0, { timeout: 3000 })
    .catch(() => undefined)
  await page.mouse.move(0, 0)
  await screenshot(page, name)
}

async function readDownload(download: Download): Promise<string> {
  return readFileSync(await download.path(), 'utf8')
}

test('transfers: a local product is shipped to the other store, received there with a damaged unit', async ({
  browser,
  chain,
}) => {
  const a = await browser.newPage()
  const errors = failOnPageErrors(a)
  await a.goto(chain.a.pageUrl(chain.rendererUrl))
  await login(a, 'manager')
  await openScreen(a, 'Transfers')
  await a.getByRole('tab', { name: 'Stock policy & thresholds' }).click()
  const oil = a.getByTestId('policy-OLIVE-OIL')
  await oil.getByText('Local stock').click()
  await expect(a.getByText('Olive oil extra virgin 750 ml: local stock')).toBeVisible()
  await a.getByTestId('floor-input').fill('2')
  await a.getByTestId('thresholds-save').click()
  await expect(a.getByText('Thresholds saved for this store')).toBeVisible()
  await shot(a, 'transfers-policy')

  await a.getByRole('tab', { name: 'Transfer' }).click()
  await pickProduct(a, 'transfer-product', 'Olive oil')
  await a.getByTestId('transfer-to').click()
  await a.getByRole('option', { name: /Harbour Road/ }).click()
  await expect(a.getByText('This is a shipment')).toBeVisible()
  await a.getByTestId('transfer-qty').fill('4')
  await shot(a, 'transfers-send')
  await a.getByTestId('transfer-submit').click()
  await expect(a.getByText(/Shipment sent: 4 × Olive oil/)).toBeVisible()
  await a.getByRole('tab', { name: 'Shipments' }).click()
  await expect(a.getByTestId('shipments-table')).toContainText('in transit')

  const b = await browser.newPage()
  errors.push(...failOnPageErrors(b))
  await b.goto(chain.b.pageUrl(chain.rendererUrl))
  await login(b, 'manager')
  await openScreen(b, 'Transfers')
  await b.getByRole('tab', { name: 'Shipments' }).click()
  const row = b.getByTestId('shipments-table').getByRole('row').filter({ hasText: 'Olive oil' })
  await eventually(async () => {
    if ((await row.count()) === 0) {
      await b.getByRole('tab', { name: 'Requests' }).click()
      await b.getByRole('tab', { name: 'Shipments' }).click()
      throw new Error('not yet')
    }
  }, 'the shipment to reach Harbour Road')
  await row.getByRole('button', { name: 'Receive…' }).click()
  await b.getByTestId('receive-damaged').fill('1')
  await expect(b.getByText('3 in good order; 1 written off')).toBeVisible()
  await shot(b, 'transfers-receive')
  await b.getByTestId('receive-confirm').click()
  await expect(row).toContainText('damaged')
  await shot(b, 'transfers-shipments')

  // The sender sees the damaged unit once the receiver's write-off has synced.
  await a.getByRole('tab', { name: 'Requests' }).click()
  await a.getByRole('tab', { name: 'Shipments' }).click()
  await expect(a.getByTestId('shipments-table')).toContainText('damaged', { timeout: 20_000 })
  await a.getByRole('tab', { name: 'Requests' }).click()
  await expect(a.getByTestId('requests-table')).toBeVisible()
  await shot(a, 'transfers-requests')
  expect(errors).toEqual([])
})

test('holds and the order board: hold for a customer, order moves pending → confirmed → processing', async ({
  browser,
  solo,
}) => {
  const page = await browser.newPage()
  const errors = failOnPageErrors(page)
  await page.goto(solo.pageUrl)
  await login(page, 'manager')
  await openScreen(page, 'Holds & orders')
  await pickProduct(page, 'hold-product', 'Coffee beans')
  await page.getByTestId('hold-customer').fill('Mrs Jones')
  await page.getByTestId('hold-create').click()
  await expect(page.getByTestId('holds-table')).toContainText('Mrs Jones')
  await shot(page, 'holds')

  await page.getByRole('tab', { name: 'Order board' }).click()
  for (const [customer, product] of [
    ['Café Luna', 'Spaghetti'],
    ['B. Smith', 'Dark chocolate'],
  ] as const) {
    await page.getByTestId('order-new').click()
    await page.getByTestId('order-customer').fill(customer)
    await pickProduct(page, 'order-product', product)
    await page.getByTestId('order-add-line').click()
    await page.getByTestId('order-create').click()
    await expect(page.getByTestId('order-col-pending')).toContainText(customer)
  }
  const card = page.getByTestId('order-card').filter({ hasText: 'Café Luna' })
  await card.getByRole('button', { name: 'Confirm' }).click()
  await expect(page.getByTestId('order-col-confirmed')).toContainText('Café Luna')
  await page
    .getByTestId('order-card')
    .filter({ hasText: 'Café Luna' })
    .getByRole('button', { name: 'Start picking' })
    .click()
  await expect(page.getByTestId('order-col-processing')).toContainText('Café Luna')
  await shot(page, 'order-board')
  await page
    .getByTestId('order-card')
    .filter({ hasText: 'B. Smith' })
    .getByRole('button', { name: 'Cancel' })
    .click()
  await expect(page.getByTestId('order-col-pending')).not.toContainText('B. Smith')
  expect(errors).toEqual([])
})

test('reports: charts over a date range, top sellers, low stock, movements, CSV export', async ({
  browser,
  solo,
}) => {
  const api = await solo.store.connect()
  await api['session.login']({
    method: 'password',
    username: demoUsers.cashier.username,
    password: demoUsers.cashier.password,
  })
  const eggs = await api['catalog.get']({ sku: 'EGGS-10' })
  const coffee = await api['catalog.get']({ sku: 'COFFEE-500' })
  // eggs are on the dairy shelf (a manager files them there)
  const managerApi = await solo.store.connect()
  await managerApi['session.login']({
    method: 'password',
    username: demoUsers.manager.username,
    password: demoUsers.manager.password,
  })
  const { id, sku, name, barcode, priceMinor, taxRateBp, reorderPoint } = eggs
  await managerApi['catalog.upsert']({
    id,
    sku,
    name,
    barcode,
    priceMinor,
    taxRateBp,
    reorderPoint,
    category: 'Dairy',
  })
  for (let i = 0; i < 4; i++)
    await api['sales.checkout']({
      idempotencyKey: `report-sale-${i}`,
      lines: [{ productId: eggs.id, qty: 2 + i }, ...(i % 2 ? [{ productId: coffee.id, qty: 1 }] : [])],
      payment: { method: 'card' },
    })

  const page = await browser.newPage()
  const errors = failOnPageErrors(page)
  await page.goto(solo.pageUrl)
  await login(page, 'manager')
  await openScreen(page, 'Reports')
  await expect(page.getByTestId('top-sellers')).toContainText('Free-range eggs')
  await expect(page.locator('.recharts-line')).toHaveCount(1)
  await expect(page.getByTestId('low-stock')).toContainText('Tea lights')
  await pickProduct(page, 'moves-product', 'Free-range eggs')
  await expect(page.getByTestId('movements-table')).toContainText('sale')
  await expect(page.getByTestId('movements-table')).toContainText('restock')
  await page.getByTestId('report-from').fill('2020-01-01')
  await expect(page.getByTestId('kpi-revenue')).not.toHaveText('—')
  await page.getByTestId('report-from').fill(new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10))
  await shot(page, 'reports')

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('csv-by-product').click(),
  ])
  expect(download.suggestedFilename()).toMatch(/^allot-sales-by-product-.*\.csv$/)
  const csv = await readDownload(download)
  expect(csv.split('\r\n')[0]).toBe('product,units,sales,revenue_EUR')
  expect(csv).toContain('Free-range eggs ×10,14,4,')
  const [lowCsv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-low').click()])
  expect(await readDownload(lowCsv)).toContain('CANDLE-TEA,Tea lights ×50,')
  const [movesCsv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-moves').click()])
  expect(await readDownload(movesCsv)).toMatch(/^time,store,type,delta,reason,by,event\r\n/)

  // by category: the table, then the charts and top sellers of the dairy shelf only
  const categories = page.getByTestId('category-table')
  await expect(categories.getByRole('row').filter({ hasText: 'Dairy' })).toContainText('14')
  await expect(categories.getByRole('row').filter({ hasText: 'No category' })).toBeVisible()
  await expect(page.getByTestId('top-sellers')).toContainText('Coffee beans')
  await page.getByTestId('category-filter').click()
  await page.getByRole('option', { name: 'Dairy' }).click()
  await expect(page.getByTestId('top-sellers')).not.toContainText('Coffee beans')
  await expect(page.getByTestId('top-sellers')).toContainText('Free-range eggs')
  const [categoryCsv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('csv-category').click(),
  ])
  expect(await readDownload(categoryCsv)).toContain('Dairy,14,4,')
  expect(errors).toEqual([])
})

test('users and roles: create a cashier, reset the PIN, disable; the cashier sees only cashier menus', async ({
  browser,
  solo,
}) => {
  const page = await browser.newPage()
  const errors = failOnPageErrors(page)
  await page.goto(solo.pageUrl)
  await login(page, 'manager')
  await openScreen(page, 'Users')
  await page.getByTestId('user-new').click()
  await page.getByTestId('user-display').fill('Nina New')
  await page.getByTestId('user-username').fill('nina')
  await page.getByTestId('user-pin').fill('5555')
  await page.getByTestId('user-create').click()
  const row = page.getByTestId('user-row-nina')
  await expect(row).toContainText('cashier')
  await row.getByRole('button', { name: 'Reset PIN / password' }).click()
  await page.getByTestId('reset-pin').fill('6666')
  await page.getByTestId('reset-save').click()
  await expect(page.getByText('New PIN set for Nina New')).toBeVisible()
  await shot(page, 'users')

  // The new cashier logs in with the new PIN: manager menus are not there.
  const c = await browser.newPage()
  await c.goto(solo.pageUrl)
  await c.getByTestId('login-method').getByText('PIN', { exact: true }).click()
  await c.getByTestId('login-username').fill('nina')
  await c.getByTestId('login-secret').fill('6666')
  await c.getByRole('button', { name: 'Log in' }).click()
  await expect(c.getByTestId('current-user')).toHaveText('Nina New')
  const nav = c.getByRole('navigation', { name: 'Main' })
  await expect(nav.getByText('Holds & orders', { exact: true })).toBeVisible()
  for (const hidden of ['Transfers', 'Reports', 'Users', 'Settings', 'Integrity & devices'])
    await expect(nav.getByText(hidden, { exact: true })).toHaveCount(0)
  await shot(c, 'cashier-menu')

  // Disabling her takes effect at once (the store checks the user on every call).
  await row.getByRole('switch').click({ force: true })
  await expect(row).toContainText('disabled')
  expect(errors).toEqual([])
})

test('integrity and devices, settings: receipt header, backup, scheduled restore, diagnostics without secrets', async ({
  browser,
  solo,
}) => {
  const page = await browser.newPage()
  const errors = failOnPageErrors(page)
  await page.goto(solo.pageUrl)
  await login(page, 'owner')
  await openScreen(page, 'Integrity & devices')
  await expect(page.getByTestId('alerts-clear')).toBeVisible()
  await expect(page.getByTestId('this-till')).toContainText(solo.store.replicaId)
  await expect(page.getByTestId('retire-open')).toBeVisible()
  await shot(page, 'devices')

  await openScreen(page, 'Settings')
  await page.getByTestId('settings-receipt-header').fill('Green Grocers High St\nOpen 8–20 · VAT DE123')
  await page.getByTestId('settings-receipt-save').click()
  await expect(page.getByText('Receipt header saved')).toBeVisible()
  await expect(page.getByTestId('relay-unlinked')).toBeVisible()
  await page.getByRole('tab', { name: 'Backups & diagnostics' }).click()
  await page.getByTestId('backup-now').click()
  await expect(page.getByTestId('backups-table').locator('tbody').getByRole('row')).toHaveCount(1)
  await page.getByTestId('backups-table').getByRole('button', { name: 'Restore…' }).click()
  await page.getByTestId('restore-confirm').click()
  await expect(page.getByTestId('restore-pending')).toBeVisible()
  await shot(page, 'settings')

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('diagnostics-export').click(),
  ])
  const text = await readDownload(download)
  const diag = JSON.parse(text) as { setup: { replicaId: string }; log: unknown[] }
  expect(diag.setup.replicaId).toBe(solo.store.replicaId)
  expect(text).not.toContain(solo.store.token)
  expect(text).not.toMatch(/passwordHash|pinHash|scrypt/)
  await page.getByRole('button', { name: 'Cancel restore' }).click()
  await expect(page.getByTestId('restore-pending')).toHaveCount(0)

  // The receipt uses the header.
  const api = await solo.store.connect()
  await api['session.login']({
    method: 'password',
    username: demoUsers.cashier.username,
    password: demoUsers.cashier.password,
  })
  const milk = await api['catalog.get']({ sku: 'MILK-1L' })
  const sale = await api['sales.checkout']({
    idempotencyKey: 'settings-header-1',
    lines: [{ productId: milk.id, qty: 1 }],
    payment: { method: 'card' },
  })
  expect(
    (await api['sales.receipt']({ saleId: sale.id })).text.startsWith(
      'Green Grocers High St\nOpen 8–20 · VAT DE123\n',
    ),
  ).toBe(true)
  expect(errors).toEqual([])
})
