import { defineConfig } from '@playwright/test'
import { chromiumLaunchOptions } from './test/e2e/support/chromium.ts'

// UI end-to-end specs. They drive the real renderer in Debian's Chromium (Playwright's own browser
// download is not available everywhere); the Electron project runs the same specs where Electron starts.
export default defineConfig({
  testDir: './test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: './test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    launchOptions: chromiumLaunchOptions(),
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    viewport: { width: 1366, height: 820 },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
})
