import { expect, failOnPageErrors, login, scan, screenshot, test } from './support/fixtures.ts'

test('sell three items by scanning barcodes, pay cash, see the receipt', async ({ page, solo }) => {
  const errors = failOnPageErrors(page)
  await page.goto(solo.pageUrl)
  await login(page, 'cashier', 'pin')
  await expect(page.getByTestId('scan-input')).toBeFocused()

  await scan(page, '4006381333931') // milk
  await scan(page, '4006381333948') // rye bread
  await scan(page, '4006381333962') // coffee
  await scan(page, '4006381333931') // milk again: same line, qty 2
  const lines = page.getByTestId('cart-line')
  await expect(lines).toHaveCount(3)
  await expect(page.getByTestId('cart-items')).toHaveText('4')
  // Per line: units this till may sell / units in the chain.
  await expect(lines.filter({ hasText: 'Whole milk' }).getByTestId('line-stock')).toHaveText('40 / 40')
  // 2×1.19 + 2.89 + 8.99 = 14.26 net; 7 % tax per line: 0.17 + 0.20 + 0.63 = 1.00 → 15.26
  await expect(page.getByTestId('cart-total')).toHaveText(/15\.26/)

  // An unknown code is reported and the input stays ready for the next scan.
  await scan(page, '0000000000000')
  await expect(page.getByTestId('pos-message')).toContainText('No product')
  await expect(page.getByTestId('scan-input')).toBeFocused()

  // Search as you type finds products by name.
  await page.keyboard.type('choc')
  await expect(page.getByTestId('search-results')).toContainText('Dark chocolate')
  await page.keyboard.press('Escape')
  await screenshot(page, 'pos')

  await page.keyboard.press('F4')
  await expect(page.getByTestId('amount-due')).toHaveText(/15\.26/)
  await page.getByTestId('tendered').fill('20')
  await expect(page.getByTestId('change')).toHaveText(/4\.74/)
  await page.keyboard.press('Enter')

  await expect(page.getByTestId('receipt')).toBeVisible()
  await expect(page.getByTestId('receipt')).toContainText('Whole milk')
  await expect(page.getByTestId('receipt')).toContainText('Coffee beans')
  await expect(page.getByTestId('sale-total')).toHaveText(/15\.26/)
  await screenshot(page, 'receipt')

  await page.keyboard.press('F8')
  await expect(page.getByTestId('cart-line')).toHaveCount(0)
  await expect(page.getByTestId('scan-input')).toBeFocused()

  // The stock went down by what was sold.
  await scan(page, '4006381333931')
  await expect(page.getByTestId('cart-line').getByTestId('line-stock')).toHaveText('38 / 38')
  expect(errors).toEqual([])
})

test('refund part of a past sale', async ({ page, solo }) => {
  await page.goto(solo.pageUrl)
  await login(page, 'cashier', 'pin')
  await scan(page, '2*4006381333986') // two kg of apples
  await page.keyboard.press('F4')
  await page.getByRole('dialog').getByText('Card', { exact: true }).click()
  await page.getByTestId('confirm-payment').click()
  await expect(page.getByTestId('receipt')).toBeVisible()
  await page.getByTestId('next-sale').click()

  await page.getByRole('navigation', { name: 'Main' }).getByText('Sales & refunds').click()
  await page.getByTestId('sale-row').first().click()
  await page.getByRole('tab', { name: 'Refund' }).click()
  await page.getByLabel('Return Apples Braeburn 1 kg').fill('1')
  await page.getByRole('button', { name: 'Refund', exact: true }).click()
  await expect(page.getByText('Refund recorded')).toBeVisible()
})
