import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import { cspMetaPlugin } from './electron/main/content-security-policy.ts'

// Build for Electron 45 (Node 22 / Chromium 140) explicitly, so the build never
// needs the Electron binary (which cannot be downloaded on every machine).
export default defineConfig({
  main: {
    // The update feed the packaged app polls, fixed at build time like app-update.yml's (both from
    // ALLOT_UPDATE_URL); electron/main/updates.ts refuses it unless it is https.
    define: { __ALLOT_UPDATE_URL__: JSON.stringify(process.env.ALLOT_UPDATE_URL ?? '') },
    build: {
      target: 'node22',
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: { input: { index: resolve('electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      target: 'node22',
      outDir: 'out/preload',
      // A sandboxed preload cannot require() node_modules: bundle everything, emit CommonJS.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    // The built index.html carries the Electron app's CSP (IPC only, no connections); the browser
    // harness replaces it with its own header (tools/cluster/static-server.ts).
    plugins: [react(), cspMetaPlugin()],
    build: {
      target: 'chrome140',
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
})
