import { expect, failOnPageErrors, login, scan, screenshot, test } from './support/fixtures.ts'

const amountOf = (text: string | null) => Number((text ?? '').replace(/[^\d.-]/g, ''))

// Issue 20: a line discount within the cashier's limit, a basket discount beyond it approved by a
// manager's PIN on the same till before any tender, all by keyboard; the receipt shows them.
test('discounts at the till: within the limit at once, beyond it a manager PIN before the payment', async ({
  page,
  solo,
}) => {
  const errors = failOnPageErrors(page)
  await page.goto(solo.pageUrl)
  await login(page, 'cashier', 'pin')
  await scan(page, '2*4006381333931')
  await expect(page.getByTestId('cart-items')).toHaveText('2')
  const total = page.getByTestId('cart-total')
  const before = amountOf(await total.textContent())

  // 10 % off the milk (the cashier's own limit): Tab to the line's % button, type, Enter.
  await page.getByTestId('line-discount').focus()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('discount-value')).toBeFocused()
  await page.keyboard.type('10')
  await page.getByTestId('discount-reason').fill('Damaged packaging')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('line-pricing')).toHaveText('10 % off: Damaged packaging')
  await expect.poll(async () => amountOf(await total.textContent())).toBeLessThan(before)
  await expect(page.getByTestId('cart-discounts')).toBeVisible()

  // 50 % off the whole sale: beyond the cashier's limit.
  await page.getByTestId('basket-discount').click()
  await expect(page.getByTestId('discount-value')).toBeFocused()
  await page.keyboard.type('50')
  await page.getByTestId('discount-reason').fill('Loyal customer')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('basket-pricing')).toHaveText('50 % off the sale: Loyal customer')
  const discounted = amountOf(await total.textContent())

  // Pay: the store asks for a manager before any tender is offered.
  await page.keyboard.press('F4')
  await expect(page.getByTestId('approval-reason')).toContainText('beyond your limit')
  await expect(page.getByTestId('confirm-payment')).toHaveCount(0)
  await page.getByTestId('approval-manager').click()
  await page.getByRole('option', { name: 'Max Manager' }).click()
  await page.getByTestId('approval-pin').fill('0000')
  await page.getByTestId('approval-confirm').click()
  await expect(page.getByRole('dialog')).toContainText(/PIN|manager/i) // a wrong PIN is refused
  await expect(page.getByTestId('confirm-payment')).toHaveCount(0)
  await page.getByTestId('approval-pin').fill('2345')
  await screenshot(page, 'discount-approval')
  await page.getByTestId('approval-confirm').click()

  // The payment dialog shows the discounted total; Enter completes it.
  await expect(page.getByTestId('amount-due')).toBeVisible()
  expect(amountOf(await page.getByTestId('amount-due').textContent())).toBe(discounted)
  await page.keyboard.press('Enter')
  const receipt = page.getByTestId('receipt')
  await expect(receipt).toContainText('Discount 10 % (Damaged packaging)')
  await expect(receipt).toContainText('Discount 50 % (Loyal customer)')
  await screenshot(page, 'discount-receipt')
  expect(errors).toEqual([])
})
