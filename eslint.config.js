import reactHooks from 'eslint-plugin-react-hooks'
// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'
import { builtinModules } from 'node:module'

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)]

/** Import patterns that would break a dependency rule of docs/architecture.md. */
const forbid = (names, message) => names.map((name) => ({ name, message }))
const nodeOnlyPackages = ['better-sqlite3', 'ws', 'pino', 'prom-client', 'csv-parse', 'csv-stringify']

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-dynamic-delete': 'off',
    },
  },
  // `electron` is imported only under electron/.
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['electron/**', 'test/e2e/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: forbid(['electron'], 'Only electron/ may import Electron; pass it in as a parameter.') },
      ],
    },
  },
  // The pure core and the StoreApi contract: no I/O, no Node built-ins, nothing Node-only.
  {
    files: ['shared/core/**/*.ts', 'shared/api/**/*.ts', 'shared/protocol/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: forbid(
            [...nodeBuiltins, ...nodeOnlyPackages, 'electron'],
            'shared/core, shared/api and shared/protocol are pure.',
          ),
          patterns: [
            {
              group: [
                '**/shared/node/**',
                '../node/**',
                '**/store-node/**',
                '**/sync-server/**',
                '**/electron/**',
                '**/renderer/**',
                '**/test/**',
              ],
              message: 'The pure core may only import pure code.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  // React's rules of hooks: hooks at the top level only, effects list what they read.
  {
    files: ['renderer/**/*.tsx', 'renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  // The renderer talks to the StoreApi contract only: never SQLite, Yjs internals or Node.
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: forbid(
            [...nodeBuiltins, ...nodeOnlyPackages, 'electron', 'yjs'],
            'The renderer only sees StoreApi.',
          ),
          patterns: [
            {
              group: [
                '**/shared/node/**',
                '**/shared/core/**',
                '**/store-node/**',
                '**/sync-server/**',
                '**/electron/**',
              ],
              message: 'The renderer may import only the StoreApi contract (shared/api).',
            },
            { group: ['**/test/**'], message: 'Product code never imports tests or their helpers.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require'],
    },
  },
  // The store node and the relay: products, so never a test helper (and no Electron, as above).
  {
    files: ['store-node/**/*.ts', 'sync-server/**/*.ts', 'shared/node/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: forbid(['electron'], 'Only electron/ may import Electron; pass it in as a parameter.'),
          patterns: [
            { group: ['**/test/**'], message: 'Product code never imports tests or their helpers.' },
          ],
        },
      ],
    },
  },
  // What `npm run demo/chaos/bench` runs (scripts/, tools/) is product tooling: tests import it,
  // never the other way round.
  {
    files: ['scripts/**/*.ts', 'tools/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/test/**'], message: 'Tools and scripts never import tests; tests import tools.' },
          ],
        },
      ],
    },
  },
  // Vitest suites take every helper from the one test kit (test/support/index.ts), so a helper
  // has one name and one home.
  {
    files: ['test/*/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/tools/cluster/*', '../support/*', '!../support/index.ts'],
              message: "Import test helpers from '../support/index.ts', the test kit.",
            },
          ],
        },
      ],
    },
  },
  // The Electron shell hosts a StoreNode and loads the built renderer: it never imports its source.
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/renderer/**'],
              message: 'electron/ never imports the renderer; it loads the build.',
            },
            { group: ['**/test/**'], message: 'Product code never imports tests or their helpers.' },
          ],
        },
      ],
    },
  },
)
