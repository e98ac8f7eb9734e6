import { expect, test } from '@playwright/test'
import { serveStatic } from './support/static-server.ts'

test('the built renderer loads in Chromium and shows the app name', async ({ page }) => {
  const server = await serveStatic('out/renderer')
  try {
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(server.url)
    await expect(page.getByRole('heading', { name: 'Allot', level: 1 })).toBeVisible()
    expect(errors).toEqual([])
  } finally {
    await server.close()
  }
})
