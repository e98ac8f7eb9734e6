import { demoUsers } from '../../tools/cluster/harness.ts'
import {
  expect,
  failOnPageErrors,
  login,
  openScreen,
  payWithEnter,
  scan,
  screenshot,
  test,
} from './support/fixtures.ts'

// Issue 21: a product sold by weight, made in the product form, sold from its scale labels: a
// weight label at the price per kilogram, two equal packages as two lines, the receipt in kg.
test('scale labels: a weighed product sells its labels at the right weight and price', async ({
  page,
  solo,
}) => {
  const errors = failOnPageErrors(page)
  await page.goto(solo.pageUrl)
  await login(page, 'manager')
  await openScreen(page, 'Catalog')
  await page.getByRole('button', { name: 'New product' }).click()
  const form = page.getByRole('dialog')
  await form.getByLabel('Name').fill('Gouda')
  await form.getByLabel('SKU').fill('GOUDA')
  // the scale's item 12345 with its weight digits zero
  await form.getByLabel('Barcode').fill('2112345000008')
  await form.getByLabel('Sold by weight').check()
  await expect(form.getByLabel(/Price per kg/)).toBeVisible()
  await form.getByLabel(/Price per kg/).fill('12.99')
  await form.getByLabel('Tax rate (%)').fill('7')
  await form.getByRole('button', { name: 'Create product' }).click()
  await expect(page.getByTestId('product-row').filter({ hasText: 'Gouda' })).toBeVisible()

  // five kilograms arrive (grams)
  const api = await solo.store.connect()
  await api['session.login']({
    method: 'password',
    username: demoUsers.manager.username,
    password: demoUsers.manager.password,
  })
  const gouda = await api['catalog.get']({ sku: 'GOUDA' })
  expect(gouda.byWeight).toBe(true)
  await api['stock.restock']({ productId: gouda.id, qty: 5000 })

  await openScreen(page, 'Checkout')
  // picked by name it needs a weight first
  await scan(page, 'GOUDA')
  await expect(page.getByText(/Gouda is sold by weight: scan the label/)).toBeVisible()
  // two packages of 523 g: 523 g × 12.99/kg = 6.79 + 7 % = 7.27 each
  await scan(page, '2112345005232')
  await scan(page, '2112345005232')
  const lines = page.getByTestId('cart-line')
  await expect(lines).toHaveCount(2)
  await expect(lines.first().getByTestId('line-weight')).toHaveText('0.523 kg')
  await expect(lines.first()).toContainText('scale label: 0.523 kg at €12.99/kg')
  await expect(lines.first()).toContainText('€7.27')
  await expect(page.getByTestId('cart-items')).toHaveText('2')
  await expect(page.getByTestId('cart-total')).toContainText('14.54')
  // a label with a misread digit is not sold
  await scan(page, '2112345005233')
  await expect(
    page.getByText('The scale label 2112345005233 did not read right: scan it again.'),
  ).toBeVisible()
  await expect(lines).toHaveCount(2)
  await screenshot(page, 'scale-labels-cart')

  await payWithEnter(page)
  const receipt = page.getByTestId('receipt')
  await expect(receipt).toContainText('0.523 kg x 12.99/kg')
  await expect(receipt).toContainText('14.54')
  expect((await api['stock.get']({ productId: gouda.id })).value).toBe(5000 - 2 * 523)
  expect(errors).toEqual([])
})
