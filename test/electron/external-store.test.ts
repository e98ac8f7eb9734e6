import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { externalStoreFromEnv, externalStorePageUrl } from '../../electron/main/external-store.ts'
import { isAppUrl, rendererLocation } from '../../electron/main/renderer-location.ts'
import { mainWindowOptions } from '../../electron/main/window-options.ts'

const env = { ALLOT_STORE_API: 'ws://127.0.0.1:43210', ALLOT_STORE_TOKEN: 'tok-123' }

describe('external store node (development and tests only)', () => {
  it('is read from ALLOT_STORE_API and ALLOT_STORE_TOKEN in an unpackaged app', () => {
    expect(externalStoreFromEnv(env, false)).toEqual({ apiUrl: 'ws://127.0.0.1:43210', token: 'tok-123' })
    expect(
      externalStoreFromEnv({ ALLOT_STORE_API: 'ws://localhost:9/', ALLOT_STORE_TOKEN: 't' }, false),
    ).toEqual({ apiUrl: 'ws://localhost:9/', token: 't' })
  })

  it('is never read in a packaged app', () => {
    expect(externalStoreFromEnv(env, true)).toBeUndefined()
    expect(externalStoreFromEnv({ ALLOT_STORE_API: 'nonsense' }, true)).toBeUndefined()
  })

  it('is absent when ALLOT_STORE_API is unset or empty', () => {
    expect(externalStoreFromEnv({}, false)).toBeUndefined()
    expect(externalStoreFromEnv({ ALLOT_STORE_API: ' ', ALLOT_STORE_TOKEN: 't' }, false)).toBeUndefined()
  })

  it('refuses anything but a loopback ws:// address', () => {
    for (const api of [
      'not a url',
      'wss://127.0.0.1:1',
      'http://127.0.0.1:1',
      'ws://example.com:1',
      'ws://10.0.0.2:1',
      'ws://user:pw@127.0.0.1:1',
      'file:///etc/passwd',
    ])
      expect(() => externalStoreFromEnv({ ALLOT_STORE_API: api, ALLOT_STORE_TOKEN: 't' }, false)).toThrow(
        /ALLOT_STORE_API/,
      )
  })

  it('requires a token', () => {
    expect(() => externalStoreFromEnv({ ALLOT_STORE_API: env.ALLOT_STORE_API }, false)).toThrow(
      /ALLOT_STORE_TOKEN/,
    )
    expect(() => externalStoreFromEnv({ ...env, ALLOT_STORE_TOKEN: 'a b' }, false)).toThrow(
      /ALLOT_STORE_TOKEN/,
    )
  })

  it('opens our own index.html with the API in the query and the token in the hash', () => {
    const location = rendererLocation(undefined, '/app/out/renderer/index.html')
    const url = externalStorePageUrl(location.url, { apiUrl: 'ws://127.0.0.1:43210', token: 'a/b+c' })
    const parsed = new URL(url)
    expect(`${parsed.protocol}//${parsed.host}${parsed.pathname}`).toBe(
      pathToFileURL('/app/out/renderer/index.html').toString(),
    )
    expect(parsed.searchParams.get('api')).toBe('ws://127.0.0.1:43210')
    expect(new URLSearchParams(parsed.hash.slice(1)).get('token')).toBe('a/b+c')
    // The navigation guard and sender check still accept it (and only it).
    expect(isAppUrl(url, location)).toBe(true)
    expect(isAppUrl('file:///app/out/renderer/other.html?api=x', location)).toBe(false)
  })

  it('works with the dev server too', () => {
    const location = rendererLocation('http://localhost:5173/', '/app/out/renderer/index.html')
    const url = externalStorePageUrl(location.url, { apiUrl: 'ws://127.0.0.1:1', token: 't' })
    expect(url).toBe('http://localhost:5173/?api=ws%3A%2F%2F127.0.0.1%3A1#token=t')
    expect(isAppUrl(url, location)).toBe(true)
  })

  it('gives the window no preload (no IPC bridge) and keeps every security setting', () => {
    const withBridge =
      mainWindowOptions('/app/out/preload/index.cjs', { devTools: true }).webPreferences ?? {}
    const web = mainWindowOptions(undefined, { devTools: true }).webPreferences ?? {}
    expect('preload' in web).toBe(false)
    expect(web.contextIsolation).toBe(true)
    expect(web.sandbox).toBe(true)
    expect(web.nodeIntegration).toBe(false)
    expect(web.webSecurity).toBe(true)
    const { preload, ...rest } = withBridge
    expect(preload).toBe('/app/out/preload/index.cjs')
    expect(web).toEqual(rest)
  })
})
