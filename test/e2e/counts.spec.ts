import {
  approveAsManager,
  expect,
  failOnPageErrors,
  login,
  openScreen,
  payWithEnter,
  scan,
  screenshot,
  test,
} from './support/fixtures.ts'

// Issue 21: a blind cycle count by scanning while another cashier sells the same product; the
// variance is approved by a manager's PIN and the stock ends at what was counted less what sold after.
test('a blind count by scanning, sales during it, the variance approved by a manager', async ({
  browser,
  solo,
}) => {
  const counter = await browser.newPage()
  const errors = failOnPageErrors(counter)
  await counter.goto(solo.pageUrl)
  await login(counter, 'cashier', 'pin')
  await openScreen(counter, 'Stock counts')
  await counter.getByTestId('count-name').fill('Dairy, Monday')
  await counter.getByTestId('count-start').click()
  await expect(counter.getByTestId('count-state')).toContainText('0 of')
  // Blind: no expected figure is shown.
  const milk = counter.getByTestId('count-line').filter({ hasText: 'Whole milk' })
  await expect(milk).toContainText('—')

  // Scan the milk: its counted field takes the focus; 38 on the shelf, Enter.
  await counter.getByTestId('count-scan').fill('4006381333931')
  await counter.getByTestId('count-scan').press('Enter')
  await expect(milk.getByTestId('count-qty')).toBeFocused()
  await counter.keyboard.type('38')
  await counter.keyboard.press('Enter')
  // blind: recorded, the variance stays hidden from the counter
  await expect(counter.getByTestId('count-state')).toContainText('1 of')
  await expect(milk.getByTestId('count-variance')).toHaveCount(0)
  await expect(counter.getByTestId('count-scan')).toBeFocused()

  // Meanwhile the till sells three.
  const till = await browser.newPage()
  errors.push(...failOnPageErrors(till))
  await till.goto(solo.pageUrl)
  await login(till, 'cashier', 'pin')
  await scan(till, '3*4006381333931')
  await expect(till.getByTestId('cart-items')).toHaveText('3')
  await payWithEnter(till)

  // Posting asks a manager; the count posts counted − expected at the moment of counting.
  await counter.getByTestId('count-post').click()
  await approveAsManager(counter)
  await expect(counter.getByTestId('count-state')).toHaveText('posted')
  // posted: the variance shows, counted − expected when it was counted (not the sales after)
  await expect(milk.getByTestId('count-variance')).toContainText('-2')
  await screenshot(counter, 'count-posted')

  await openScreen(counter, 'Stock')
  await counter.getByTestId('stock-row').filter({ hasText: 'Whole milk' }).click()
  await expect(counter.getByTestId('stock-here')).toContainText('35') // 38 counted, 3 sold after
  expect(errors).toEqual([])
})
