import { describe, expect, it } from 'vitest'
import { guardNavigation } from '../../electron/main/navigation-guard.ts'
import { isAppUrl, rendererLocation } from '../../electron/main/renderer-location.ts'
import { FakeContents, FakeShell } from './fake-electron.ts'

const location = rendererLocation(undefined, '/opt/Allot/resources/app.asar/out/renderer/index.html')
const appUrl = location.url

function guarded() {
  const contents = new FakeContents()
  const shell = new FakeShell()
  guardNavigation(contents, { isAppUrl: (url) => isAppUrl(url, location), shell })
  return { contents, shell }
}

describe('navigation guard', () => {
  it('cancels navigation to any other page', () => {
    const { contents } = guarded()
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'about:blank',
      `${appUrl}/../other.html`,
    ]) {
      expect(contents.fire('will-navigate', url).prevented, url).toBe(true)
      expect(contents.fire('will-redirect', url).prevented, url).toBe(true)
    }
  })

  it('lets our own page reload (same file, any hash)', () => {
    const { contents } = guarded()
    expect(contents.fire('will-navigate', appUrl).prevented).toBe(false)
    expect(contents.fire('will-navigate', `${appUrl}#/stock`).prevented).toBe(false)
  })

  it('refuses webviews', () => {
    const { contents } = guarded()
    expect(contents.fire('will-attach-webview').prevented).toBe(true)
  })

  it('denies every new window and opens only https links in the browser', () => {
    const { contents, shell } = guarded()
    expect(contents.windowOpenHandler?.({ url: 'https://allot.example/docs' })).toEqual({ action: 'deny' })
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(contents.windowOpenHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' })
    expect(shell.opened).toEqual(['https://allot.example/docs'])
  })
})
