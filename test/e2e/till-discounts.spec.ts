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

// Issue 20: a parked sale leaves the till free for the next customer and comes back whole.
test('a sale parked under a name, another sold meanwhile, the parked one recalled and sold', async ({
  page,
  solo,
}) => {
  const errors = failOnPageErrors(page)
  await page.goto(solo.pageUrl)
  await login(page, 'cashier', 'pin')
  await scan(page, '3*4006381333931')
  await expect(page.getByTestId('cart-items')).toHaveText('3')
  await page.keyboard.press('F10')
  await expect(page.getByTestId('park-name')).toBeFocused()
  await page.getByTestId('park-name').fill('Mrs Lee, forgot her wallet')
  await page.keyboard.press('Enter')
  await expect(page.getByText('Parked as “Mrs Lee, forgot her wallet”')).toBeVisible()
  await expect(page.getByTestId('cart-items')).toHaveText('0')

  // The next customer is served in the meantime.
  await scan(page, '4006381333948')
  await payWithEnter(page)
  await page.keyboard.press('F8')

  // F10 on an empty cart lists the parked sales; Recall brings the lines back.
  await page.keyboard.press('F10')
  const row = page.getByTestId('parked-table').getByRole('row').filter({ hasText: 'Mrs Lee' })
  await expect(row).toContainText('3')
  await screenshot(page, 'parked-sales')
  await row.getByTestId('parked-recall').click()
  await expect(page.getByTestId('cart-items')).toHaveText('3')
  await expect(page.getByTestId('cart-line')).toContainText('Whole milk')
  // with lines in the cart F10 parks; the list is one button away, and the recalled sale left it
  await page.getByTestId('show-parked').click()
  await expect(page.getByRole('dialog')).toContainText('No parked sales')
  await page.keyboard.press('Escape')
  await page.keyboard.press('F4')
  await expect(page.getByTestId('tendered')).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('receipt')).toContainText('Whole milk')
  expect(errors).toEqual([])
})

// Issue 20: a customer added at the till, found again by typing, on the receipt and in the lists.
test('a customer attached to a sale: added at the till, found by typing, on the receipt, in the lists', async ({
  page,
  solo,
}) => {
  const errors = failOnPageErrors(page)
  await page.goto(solo.pageUrl)
  await login(page, 'manager')
  await scan(page, '4006381333931')
  await page.getByRole('button', { name: 'New customer' }).click()
  await expect(page.getByTestId('customer-name')).toBeFocused()
  await page.keyboard.type('Ana Lima')
  await page.getByTestId('customer-phone').fill('+351 912 345 678')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('sale-customer')).toHaveValue(/Ana Lima/)
  await page.keyboard.press('F4')
  await expect(page.getByTestId('tendered')).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('receipt')).toContainText('Ana Lima')
  await page.keyboard.press('F8')

  // The next sale finds her by typing part of her phone number.
  await scan(page, '4006381333948')
  await page.getByTestId('sale-customer').fill('912 345')
  await page.getByRole('option', { name: /Ana Lima/ }).click()
  await page.keyboard.press('F4')
  await expect(page.getByTestId('tendered')).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('receipt')).toContainText('Ana Lima')
  await page.keyboard.press('F8')

  await openScreen(page, 'Customers')
  await page.getByTestId('customer-row').filter({ hasText: 'Ana Lima' }).click()
  await expect(page.getByTestId('customer-purchases').getByRole('row')).toHaveCount(3) // header + 2
  await screenshot(page, 'customer-purchases')
  await openScreen(page, 'Sales & refunds')
  await page.getByTestId('sales-search').fill('Ana')
  await expect(page.getByTestId('sale-row')).toHaveCount(2)
  await expect(page.getByTestId('sale-row').first()).toContainText('Ana Lima')
  expect(errors).toEqual([])
})
