import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import {
  expect,
  failOnPageErrors,
  login,
  openScreen,
  pickOption,
  screenshot,
  test,
} from './support/fixtures.ts'

/** Purchasing → Suppliers → New supplier, by name. */
async function addSupplier(page: Page, name: string) {
  await openScreen(page, 'Purchasing')
  await page.getByRole('tab', { name: 'Suppliers' }).click()
  await page.getByTestId('supplier-new').click()
  await page.getByTestId('supplier-name').fill(name)
  await page.getByTestId('supplier-save').click()
  await expect(page.getByTestId('suppliers-table')).toContainText(name)
}

/** One delivery: `n` units of `code` scanned at the back door, then recorded; the order is then `state`. */
async function receiveDelivery(
  page: Page,
  code: string,
  n: number,
  state: string,
  beforeRecord?: () => Promise<void>,
) {
  const box = page.getByTestId('receive-scan')
  for (let i = 0; i < n; i++) {
    await box.fill(code)
    await box.press('Enter')
  }
  await expect(page.getByTestId('receive-now')).toHaveText(String(n))
  await beforeRecord?.()
  await page.getByTestId('receive-record').click()
  await expect(page.getByTestId('po-state')).toHaveText(state)
}

/** What this store may sell of a product, on the stock screen. */
async function expectStockHere(page: Page, product: string, here: string) {
  await openScreen(page, 'Stock')
  await page.getByTestId('stock-row').filter({ hasText: product }).click()
  await expect(page.getByTestId('stock-here')).toContainText(here)
}

// Issue 21: a supplier, a purchase order sent, and its delivery received by scanning in two parts;
// each part restocks the store at once.
test('a purchase order received in two partial deliveries by scanning', async ({ page, solo }) => {
  const errors = failOnPageErrors(page)
  await page.goto(solo.pageUrl)
  await login(page, 'manager')
  await addSupplier(page, 'Alpine Dairy')

  await page.getByRole('tab', { name: 'Purchase orders' }).click()
  await page.getByTestId('po-new').click()
  await page.getByTestId('po-supplier').click()
  await page.getByRole('option', { name: 'Alpine Dairy' }).click()
  await pickOption(page, 'po-product', 'Whole milk')
  await page.getByLabel('Qty').fill('10')
  await page.getByTestId('po-add-line').click()
  await expect(page.getByTestId('po-line')).toContainText('10 × Whole milk')
  await page.getByTestId('po-create').click()
  await expect(page.getByTestId('po-state')).toHaveText('draft')
  await page.getByTestId('po-send').click()
  await expect(page.getByTestId('po-state')).toHaveText('sent')
  // the order as a PDF for the supplier
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('po-pdf').click()])
  expect(pdf.suggestedFilename()).toMatch(/^allot-po-.*\.pdf$/)
  expect((await readFile(await pdf.path())).subarray(0, 5).toString()).toBe('%PDF-')

  // First delivery: four bottles scanned. Second: six, one of them broken.
  await receiveDelivery(page, '4006381333931', 4, 'partially received')
  await receiveDelivery(page, '4006381333931', 6, 'received', async () => {
    await page.getByLabel('Damaged Whole milk 1 L').fill('1')
    await screenshot(page, 'purchasing-receive')
  })
  await expectStockHere(page, 'Whole milk', '50') // 40 + 4 + 6 (the broken one not sold)
  expect(errors).toEqual([])
})

// Issue 21: a product's default supplier and reorder point set in the catalog; the supplier's
// reorder suggestions become a draft purchase order in one action, which is sent and received by
// scanning in two partial deliveries.
test('a purchase order drafted from the reorder suggestions, received in two deliveries', async ({
  page,
  solo,
}) => {
  const errors = failOnPageErrors(page)
  await page.goto(solo.pageUrl)
  await login(page, 'manager')
  await addSupplier(page, 'Alpine Dairy')

  // Milk: 40 on the shelf, reorder at 40, from Alpine Dairy at 0.70: up to twice that, order 40.
  await openScreen(page, 'Catalog')
  await page.getByTestId('product-row').filter({ hasText: 'Whole milk' }).click()
  const form = page.getByRole('dialog')
  await form.getByLabel('Reorder point').fill('40')
  await form.getByTestId('product-supplier').click()
  await page.getByRole('option', { name: 'Alpine Dairy' }).click()
  await form.getByTestId('product-cost').fill('0.70')
  await form.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByText('Saved Whole milk 1 L')).toBeVisible()

  await openScreen(page, 'Purchasing')
  await page.getByTestId('po-new').click()
  await page.getByTestId('po-supplier').click()
  await page.getByRole('option', { name: 'Alpine Dairy' }).click()
  await expect(page.getByTestId('po-suggestions')).toContainText('Whole milk')
  await page.getByTestId('po-draft-suggested').click()
  await expect(page.getByTestId('po-state')).toHaveText('draft')
  await expect(page.getByTestId('receive-lines')).toHaveCount(0) // a draft is not received
  await expect(page.getByTestId('po-row').first()).toContainText('Alpine Dairy')
  await screenshot(page, 'purchasing-draft-from-suggestions')
  // the owner's dashboard counts it among the orders still to be received
  await openScreen(page, 'The chain')
  await expect(page.getByTestId('dash-open-pos')).toContainText('1')

  // sent, then received by scanning: 15 bottles, then the other 25
  await openScreen(page, 'Purchasing')
  await page.getByTestId('po-row').first().click()
  await page.getByTestId('po-send').click()
  await expect(page.getByTestId('po-state')).toHaveText('sent')
  await receiveDelivery(page, '4006381333931', 15, 'partially received')
  await receiveDelivery(page, '4006381333931', 25, 'received')
  await expectStockHere(page, 'Whole milk', '80')
  await openScreen(page, 'The chain')
  await expect(page.getByTestId('dash-open-pos')).toContainText('0')
  expect(errors).toEqual([])
})
