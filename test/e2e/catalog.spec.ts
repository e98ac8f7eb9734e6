import { expect, failOnPageErrors, login, openScreen, screenshot, test } from './support/fixtures.ts'

const csv = [
  'sku,name,barcode,price,taxRate,unit,reorderPoint,policy,archived',
  'TEA-GREEN,Green tea 20 bags,4006381335003,2.49,7,pcs,5,pool,',
  'TEA-BLACK,Black tea 20 bags,4006381335010,2.19,7,pcs,5,pool,',
  'TEA-BAD,Broken line,4006381335027,two euros,7,pcs,0,pool,',
  'HONEY-500,Honey 500 g,4006381335034,5.99,7,pcs,2,local,',
].join('\n')

test('catalog: browse, import a CSV with one bad line, see per-line errors', async ({ page, solo }) => {
  const errors = failOnPageErrors(page)
  await page.goto(solo.pageUrl)
  await login(page, 'manager')
  await openScreen(page, 'Catalog')
  await expect(page.getByTestId('product-row')).toHaveCount(12)
  await screenshot(page, 'catalog')

  await page.getByTestId('open-import').click()
  await page
    .getByTestId('csv-file')
    .setInputFiles({ name: 'teas.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  await expect(page.getByTestId('csv-file-name')).toContainText('teas.csv')
  await page.getByTestId('start-import').click()
  await expect(page.getByTestId('import-report')).toContainText('3 created, 0 updated, 1 with errors')
  await expect(page.getByTestId('import-errors')).toContainText('4')
  await expect(page.getByTestId('import-errors')).toContainText('price')
  await screenshot(page, 'catalog-import')
  await page.getByRole('button', { name: 'Close', exact: true }).click()

  await expect(page.getByTestId('product-row')).toHaveCount(15)
  await page.getByLabel('Search the catalog').fill('tea')
  await expect(page.getByTestId('product-row').filter({ hasText: 'Green tea' })).toBeVisible()
  expect(errors).toEqual([])
})

test('catalog: create and edit a product', async ({ page, solo }) => {
  await page.goto(solo.pageUrl)
  await login(page, 'manager')
  await openScreen(page, 'Catalog')
  await page.getByRole('button', { name: 'New product' }).click()
  const form = page.getByRole('dialog')
  await form.getByLabel('Name').fill('Sparkling water 1.5 L')
  await form.getByLabel('SKU').fill('WATER-SPARK')
  await form.getByLabel('Barcode').fill('4006381336000')
  await form.getByLabel(/Price/).fill('0.89')
  await form.getByLabel('Tax rate (%)').fill('7')
  await form.getByRole('button', { name: 'Create product' }).click()
  await expect(page.getByTestId('product-row').filter({ hasText: 'Sparkling water' })).toBeVisible()
  await expect(page.getByTestId('product-row').filter({ hasText: 'Sparkling water' })).toContainText('0.89')

  // Edit: a price change shows in the list; archiving hides it from the default view.
  await page.getByTestId('product-row').filter({ hasText: 'Sparkling water' }).click()
  await form.getByLabel(/Price/).fill('0.99')
  await form.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByTestId('product-row').filter({ hasText: 'Sparkling water' })).toContainText('0.99')
  await page.getByTestId('product-row').filter({ hasText: 'Sparkling water' }).click()
  await form.getByRole('button', { name: 'Archive' }).click()
  await expect(page.getByTestId('product-row').filter({ hasText: 'Sparkling water' })).toHaveCount(0)
})

test('stock: rights per store, restock with a note', async ({ page, solo }) => {
  await page.goto(solo.pageUrl)
  await login(page, 'manager')
  await openScreen(page, 'Stock')
  await page.getByTestId('stock-row').filter({ hasText: 'Coffee beans' }).click()
  await expect(page.getByTestId('stock-chain')).toHaveText('12')
  await expect(page.getByTestId('holders')).toContainText('High Street')
  await screenshot(page, 'stock')
  await page.getByTestId('do-restock').click()
  await expect(page.getByTestId('stock-chain')).toHaveText('13')
})
