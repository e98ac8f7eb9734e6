import { defineConfig } from '@playwright/test'
import { chromiumLaunchOptions } from './test/e2e/support/chromium.ts'
import { e2eTarget, projectsFromArgv } from './tools/cluster/target.ts'

// `playwright test` runs the specs in Chromium; `--project electron` (or ALLOT_E2E_TARGET=electron)
// runs them against the Electron app instead. The choice is made here, in the runner, and passed
// to the workers (which load this file again) through the environment.
if (projectsFromArgv(process.argv).includes('electron')) process.env.ALLOT_E2E_TARGET = 'electron'
const target = e2eTarget()
// The project not chosen is kept (so --project always finds it) but matches no spec file.
const nothing = '**/*'

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
  // The list, plus each skipped test's reason on the line after it.
  reporter: [['list'], ['./test/e2e/support/skip-reasons.ts']],
  use: {
    launchOptions: chromiumLaunchOptions(),
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    viewport: { width: 1366, height: 820 },
  },
  projects: [
    {
      name: 'chromium',
      use: { browserName: 'chromium' },
      ...(target === 'chromium' ? {} : { testIgnore: nothing }),
    },
    {
      // The same specs with `page` = the Electron app's first window (test/e2e/support/fixtures.ts,
      // electron.ts). smoke.spec.ts is about the renderer in a plain browser and stays there.
      name: 'electron',
      testIgnore: target === 'electron' ? '**/smoke.spec.ts' : nothing,
    },
  ],
})
