import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration tests spawn real relay and store-node processes: keep the 2-core machine from thrashing.
    maxWorkers: 2,
    reporters: process.env.CI ? ['default'] : ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'node_modules/**'],
        },
      },
      {
        // The renderer's hooks and components, rendered in a DOM (jsdom) against a real store node.
        extends: true,
        test: {
          name: 'dom',
          include: ['test/renderer/**/*.dom.test.tsx'],
          environment: 'jsdom',
        },
      },
    ],
  },
})
