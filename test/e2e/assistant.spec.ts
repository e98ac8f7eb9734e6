import { expect, failOnPageErrors, login, openScreen, screenshot, test } from './support/fixtures.ts'

test('assistant: answers stock questions offline and links to the screen with the figures', async ({
  page,
  solo,
}) => {
  const errors = failOnPageErrors(page)
  await page.goto(solo.pageUrl)
  await login(page, 'manager')
  await openScreen(page, 'Assistant')
  await expect(page.getByTestId('assistant-screen')).toBeVisible()
  // Managers see the optional model settings, off by default and saying what leaves the machine.
  await expect(page.getByTestId('assistant-settings')).toContainText('Nothing leaves this machine')

  await page.getByTestId('assistant-question').fill('How much coffee do we have?')
  await page.getByTestId('assistant-question').press('Enter')
  const answer = page.getByTestId('assistant-answer').first()
  await expect(answer).toContainText('Coffee beans')
  await expect(answer).toContainText('12')
  await expect(page.getByTestId('assistant-exchange').first()).toContainText('offline rules')
  await screenshot(page, 'assistant')

  // The answer links to the stock screen.
  await page.getByTestId('assistant-exchange').first().getByRole('button', { name: /stock/i }).first().click()
  await expect(page.getByRole('heading', { name: 'Stock', level: 1 })).toBeVisible()
  expect(errors).toEqual([])
})
