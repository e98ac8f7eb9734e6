import { expect, failOnPageErrors, login, openScreen, test } from './support/fixtures.ts'

test('login with password, switch cashier with a PIN, role-aware menus', async ({ page, solo }) => {
  const errors = failOnPageErrors(page)
  await page.goto(solo.pageUrl)

  // A wrong password is refused with a clear message.
  await page.getByTestId('login-username').fill('manager')
  await page.getByTestId('login-secret').fill('wrong-password')
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page.getByText('Wrong username or password')).toBeVisible()

  await login(page, 'manager')
  await expect(page.getByRole('navigation', { name: 'Main' }).getByText('Reports')).toBeVisible()

  // Fast cashier switch: straight to the PIN form, recent users one click away.
  await page.getByRole('button', { name: 'Switch cashier' }).click()
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible()
  await login(page, 'cashier', 'pin')
  await expect(page.getByRole('navigation', { name: 'Main' }).getByText('Reports')).toHaveCount(0)
  await openScreen(page, 'Catalog')
  // Cashiers see the catalog but cannot edit or import it.
  await expect(page.getByRole('button', { name: 'Import CSV' })).toHaveCount(0)
  expect(errors).toEqual([])
})
