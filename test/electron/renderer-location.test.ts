import { describe, expect, it } from 'vitest'
import { isAppUrl, rendererLocation } from '../../electron/main/renderer-location.ts'

describe('renderer location', () => {
  it('loads the built file when no dev server is set', () => {
    const location = rendererLocation(undefined, '/app/out/renderer/index.html')
    expect(location).toEqual({
      kind: 'file',
      target: '/app/out/renderer/index.html',
      url: 'file:///app/out/renderer/index.html',
    })
  })

  it('uses a loopback dev server only', () => {
    expect(rendererLocation('http://localhost:5173/', '/x/index.html').kind).toBe('url')
    expect(rendererLocation('http://127.0.0.1:5173', '/x/index.html').kind).toBe('url')
    // A dev-server variable pointing anywhere else is ignored: the app never loads remote code.
    expect(rendererLocation('https://evil.example/', '/x/index.html').kind).toBe('file')
    expect(rendererLocation('http://192.168.1.5:5173', '/x/index.html').kind).toBe('file')
  })

  it('recognises only our own page as the app', () => {
    const file = rendererLocation(undefined, '/app/out/renderer/index.html')
    expect(isAppUrl('file:///app/out/renderer/index.html', file)).toBe(true)
    expect(isAppUrl('file:///app/out/renderer/index.html?x=1#y', file)).toBe(true)
    expect(isAppUrl('file:///app/out/renderer/other.html', file)).toBe(false)
    expect(isAppUrl('file:///tmp/index.html', file)).toBe(false)
    expect(isAppUrl('https://app/out/renderer/index.html', file)).toBe(false)
    expect(isAppUrl('about:blank', file)).toBe(false)
    expect(isAppUrl('', file)).toBe(false)
    expect(isAppUrl(undefined, file)).toBe(false)

    const dev = rendererLocation('http://localhost:5173/', '/x/index.html')
    expect(isAppUrl('http://localhost:5173/index.html', dev)).toBe(true)
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isAppUrl('http://127.0.0.1:5173/', dev)).toBe(false)
  })
})
