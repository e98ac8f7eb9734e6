import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration tests spawn real relay and store-node processes: keep the 2-core machine from thrashing.
    maxWorkers: 2,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
})
