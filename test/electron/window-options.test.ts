import { describe, expect, it } from 'vitest'
import { mainWindowOptions } from '../../electron/main/window-options.ts'

describe('main window options', () => {
  const options = mainWindowOptions('/app/out/preload/index.cjs', { devTools: false })
  const web = options.webPreferences ?? {}

  it('isolates and sandboxes the renderer', () => {
    expect(web.contextIsolation).toBe(true)
    expect(web.sandbox).toBe(true)
    expect(web.nodeIntegration).toBe(false)
    expect(web.nodeIntegrationInWorker).toBe(false)
    expect(web.nodeIntegrationInSubFrames).toBe(false)
  })

  it('keeps web security on and webviews off', () => {
    expect(web.webSecurity).toBe(true)
    expect(web.allowRunningInsecureContent).toBe(false)
    expect(web.webviewTag).toBe(false)
    expect(web.experimentalFeatures).toBe(false)
    expect(web.navigateOnDragDrop).toBe(false)
  })

  it('loads the bundled CommonJS preload', () => {
    expect(web.preload).toBe('/app/out/preload/index.cjs')
  })

  it('has no developer tools when asked (a packaged build), and has them otherwise', () => {
    expect(web.devTools).toBe(false)
    expect(mainWindowOptions('/p.cjs', { devTools: true }).webPreferences?.devTools).toBe(true)
  })

  it('opens a till-sized window, shown once ready', () => {
    expect(options.show).toBe(false)
    expect(options.minWidth).toBeGreaterThanOrEqual(1024)
    expect(options.title).toBe('Allot')
  })
})
