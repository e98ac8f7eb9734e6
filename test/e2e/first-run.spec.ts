import { expect, failOnPageErrors, test } from './support/fixtures.ts'

test('first run: create an organization and land on the checkout as its owner', async ({
  page,
  freshStore,
}) => {
  const errors = failOnPageErrors(page)
  await page.goto(freshStore.pageUrl)
  await expect(page.getByRole('heading', { name: 'Welcome to Allot' })).toBeVisible()
  await expect(page.getByRole('tab', { name: 'Join an organization' })).toBeVisible()

  await page.getByLabel('Organization name').fill('Corner Shop Ltd')
  await page.getByLabel("This store's name").fill('Main Street')
  await page.getByLabel('Store code').fill('MS01')
  await page.getByLabel('Username').fill('sam')
  await page.getByLabel('Display name').fill('Sam Owner')
  await page.getByLabel(/^Password/).fill('short')
  await page.getByRole('button', { name: 'Create organization' }).click()
  // The store's validation comes back per field.
  await expect(page.getByText(/at least 8|too small|>=8/i).first()).toBeVisible()

  await page.getByLabel(/^Password/).fill('a-long-password')
  await page.getByRole('button', { name: 'Create organization' }).click()
  await expect(page.getByRole('heading', { name: 'Checkout' })).toBeVisible()
  await expect(page.getByTestId('current-user')).toHaveText('Sam Owner')
  await expect(page.getByTestId('store-name')).toHaveText('Main Street')

  // Reloading keeps the setup (the store remembers it) and asks for a login.
  await page.reload()
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible()
  expect(errors).toEqual([])
})

test('join form asks for a relay address and an enrollment code', async ({ page, freshStore }) => {
  await page.goto(freshStore.pageUrl)
  await page.getByRole('tab', { name: 'Join an organization' }).click()
  await page.getByLabel('Relay address').fill('not a url')
  await page.getByLabel('Enrollment code').fill('ABCD-EFGH-IJKL')
  await page.getByRole('button', { name: 'Join organization' }).click()
  await expect(page.getByText('Could not join')).toBeVisible()
})
