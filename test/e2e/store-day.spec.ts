import { expect, failOnPageErrors, login, openScreen, scan, screenshot, test } from './support/fixtures.ts'

// Issue 20, shifts: a cashier's day at one till — open with a float, a cash sale, a pay-out, the
// X report, a count that is short beyond the limit, a manager's PIN, the Z report.
test('a shift from float to Z report, with a short drawer approved by a manager PIN', async ({
  page,
  solo,
}) => {
  const errors = failOnPageErrors(page)
  await page.goto(solo.pageUrl)
  await login(page, 'cashier', 'pin')
  await openScreen(page, 'Shift & drawer')
  await page.getByTestId('shift-float').fill('100.00')
  await page.getByTestId('shift-open').click()
  await expect(page.getByTestId('shift-report')).toContainText('X report')
  await expect(page.getByTestId('shift-expected')).toHaveText(/100\.00/)

  // A cash sale at the checkout, then back to the drawer.
  await openScreen(page, 'Checkout')
  await scan(page, '4006381333931')
  await page.keyboard.press('F4')
  await page.getByTestId('confirm-payment').click()
  await expect(page.getByTestId('receipt')).toBeVisible()
  await page.keyboard.press('F8')
  await openScreen(page, 'Shift & drawer')
  const amountOf = async () =>
    Number(((await page.getByTestId('shift-expected').textContent()) ?? '').replace(/[^\d.-]/g, ''))
  await expect.poll(amountOf).toBeGreaterThan(100) // the cash sale is in the drawer
  const afterSale = await amountOf()

  await page.getByTestId('cash-amount').fill('5.00')
  await page.getByTestId('cash-reason').fill('milk for the staff room')
  await page.getByTestId('cash-record').click()
  await expect(page.getByText('Pay-out recorded')).toBeVisible()
  const expected = Math.round((afterSale - 5) * 100) / 100
  await expect(page.getByTestId('shift-expected')).toHaveText(
    new RegExp(expected.toFixed(2).replace('.', '\\.')),
  )
  await screenshot(page, 'shift-x-report')

  // 10.00 short: beyond the till's limit (5.00), so a manager approves with their PIN.
  await page.getByTestId('shift-counted').fill((expected - 10).toFixed(2))
  await page.getByTestId('shift-close').click()
  await expect(page.getByTestId('approval-needed')).toContainText('manager must approve')
  await page.getByTestId('approval-user').fill('manager')
  await page.getByTestId('approval-pin').fill('2345')
  await page.getByTestId('shift-close').click()
  await expect(page.getByTestId('shift-report').first()).toContainText('Z report')
  await expect(page.getByTestId('shift-over-short')).toContainText('-€10.00')
  await expect(page.getByTestId('shift-over-short')).toContainText('approved by')
  await expect(page.getByTestId('shift-open')).toBeVisible() // the next shift can start
  await screenshot(page, 'shift-z-report')
  expect(errors).toEqual([])
})

// Issue 20: the float counted by coin and note; a voucher paying part of a sale shows as its own tender.
test('a float counted by coins and notes, a voucher part in a sale, both in the X report', async ({
  page,
  solo,
}) => {
  const errors = failOnPageErrors(page)
  await page.goto(solo.pageUrl)
  await login(page, 'cashier', 'pin')
  await openScreen(page, 'Shift & drawer')
  await page.getByTestId('coins-open').click()
  await page.getByTestId('coins-5000').fill('1')
  await page.getByTestId('coins-2000').fill('2')
  await page.getByTestId('coins-100').fill('10')
  await expect(page.getByTestId('coins-total')).toHaveText('€100.00')
  await page.getByTestId('coins-use').click()
  await expect(page.getByTestId('shift-float')).toHaveValue('100.00')
  await page.getByTestId('shift-open').click()
  await expect(page.getByTestId('shift-expected')).toHaveText(/100\.00/)

  await openScreen(page, 'Checkout')
  await scan(page, '3*4006381333931')
  await expect(page.getByTestId('cart-items')).toHaveText('3')
  await page.keyboard.press('F4')
  await page.getByTestId('split-other').click()
  await page.getByTestId('part-amount').fill('1.00')
  await page.getByTestId('part-amount').press('Enter')
  await expect(page.getByTestId('tender-part')).toContainText('Voucher / other')
  await page.getByTestId('tendered').press('Enter')
  await expect(page.getByTestId('receipt')).toBeVisible()
  await page.keyboard.press('F8')
  await openScreen(page, 'Shift & drawer')
  const report = page.getByTestId('shift-report')
  await expect(report.getByRole('row').filter({ hasText: 'Other' })).toContainText('€1.00')
  expect(errors).toEqual([])
})
