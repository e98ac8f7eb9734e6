import { expect, failOnPageErrors, login, openScreen, scan, screenshot, test } from './support/fixtures.ts'

// Issue 20, item 9: the till locks after the idle minutes a manager set; the PIN pad switches
// cashier by name and PIN, without typing a user name; the cart stays.
test('an idle till locks; a cashier unlocks it on the PIN pad and finds the cart as it was', async ({
  page,
  solo,
}) => {
  const errors = failOnPageErrors(page)
  await page.clock.install()
  await page.goto(solo.pageUrl)
  await login(page, 'manager')
  await openScreen(page, 'Settings')
  await page.getByRole('tab', { name: 'Till rules' }).click()
  await page.getByTestId('rule-idle-lock').fill('2')
  await page.getByTestId('rules-save').click()
  await expect(page.getByText('Till rules saved')).toBeVisible()

  await openScreen(page, 'Checkout')
  await scan(page, '3*4006381333931')
  await expect(page.getByTestId('cart-items')).toHaveText('3')
  // Activity keeps it open; two quiet minutes lock it.
  await page.clock.fastForward('01:30')
  await page.mouse.move(10, 10)
  await page.keyboard.press('Shift')
  await page.clock.fastForward('01:30')
  await expect(page.getByTestId('current-user')).toBeVisible()
  await page.clock.fastForward('00:45')
  const pad = page.getByTestId('pin-pad')
  await expect(pad).toBeVisible()
  await expect(pad).toContainText('Tap your name')

  await pad.getByTestId('staff-tile').filter({ hasText: 'Cara Cashier' }).click()
  for (const digit of '9999') await pad.getByRole('button', { name: digit, exact: true }).click()
  await pad.getByRole('button', { name: 'Log in', exact: true }).click()
  await expect(page.getByTestId('pin-refusal')).toHaveText('Wrong PIN')
  await screenshot(page, 'pin-pad')
  // Typed on the keyboard this time.
  await page.getByTestId('pin-input').fill('1111')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('current-user')).toHaveText('Cara Cashier')
  await expect(page.getByTestId('cart-items')).toHaveText('3')

  // "Switch cashier" opens the same pad.
  await page.getByRole('button', { name: 'Switch cashier' }).click()
  await expect(page.getByTestId('pin-pad')).toBeVisible()
  expect(errors).toEqual([])
})
