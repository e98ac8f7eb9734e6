import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  contentSecurityPolicy,
  cspMetaPlugin,
  withCspMeta,
  withoutCspMeta,
  type CspTarget,
} from '../../electron/main/content-security-policy.ts'
import { assertExternalStorePage } from '../../electron/main/external-store.ts'
import { rendererLocation } from '../../electron/main/renderer-location.ts'
import { serveStatic } from '../support/index.ts'

// Script that gets into the renderer (a crafted product name rendered unsafely one day, a
// compromised dependency) tries to reach out: exfiltrate the session over a WebSocket or fetch
// to any local service, load a plugin, re-base relative URLs with <base>, post a form, or frame
// the harness page elsewhere. Each target gets the smallest policy that still runs the app: the
// Electron app (IPC only) may connect nowhere; the browser harness only to loopback WebSockets.

const root = resolve(import.meta.dirname, '../..')
const sourceHtml = readFileSync(join(root, 'renderer/index.html'), 'utf8')

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/)
      return [name, sources]
    }),
  )
}

function metaPolicies(html: string): string[] {
  return [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)].map(
    (m) => m[1]!,
  )
}

describe('the policy per target', () => {
  it('is exactly this for the Electron app (meta tag, IPC only)', () => {
    expect(contentSecurityPolicy('electron')).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; connect-src 'none'",
    )
  })

  it('is exactly this for the browser harness (response header, loopback WebSocket)', () => {
    expect(contentSecurityPolicy('harness')).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; connect-src ws://127.0.0.1:* ws://localhost:*; frame-ancestors 'none'",
    )
  })

  it('is exactly this for the dev server (its hot-reload socket too)', () => {
    expect(contentSecurityPolicy('development')).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
    )
  })

  it('lets the Electron app connect nowhere, not even to a loopback WebSocket', () => {
    const electron = directives(contentSecurityPolicy('electron'))
    expect(electron.get('connect-src')).toEqual(["'none'"])
    expect(contentSecurityPolicy('electron')).not.toMatch(/ws:|wss:|http:|https:|\*/)
  })

  it.each(['electron', 'harness', 'development'] as CspTarget[])(
    '%s: no inline or eval script, no plugins, no <base>, no form posts, nothing by default',
    (target) => {
      const policy = directives(contentSecurityPolicy(target))
      expect(policy.get('default-src')).toEqual(["'none'"])
      expect(policy.get('script-src')).toEqual(["'self'"])
      expect(policy.get('object-src')).toEqual(["'none'"])
      expect(policy.get('base-uri')).toEqual(["'none'"])
      expect(policy.get('form-action')).toEqual(["'none'"])
      // A double quote would end the meta tag's attribute.
      expect(contentSecurityPolicy(target)).not.toContain('"')
    },
  )

  it('puts frame-ancestors only in the header policy (a meta tag ignores it, with a console error)', () => {
    expect(directives(contentSecurityPolicy('harness')).get('frame-ancestors')).toEqual(["'none'"])
    expect(directives(contentSecurityPolicy('electron')).has('frame-ancestors')).toBe(false)
  })
})

describe('the Electron build (index.html through the renderer build plugin)', () => {
  const hook = cspMetaPlugin().transformIndexHtml as {
    handler: (html: string, context: { path: string; filename: string; server?: unknown }) => string
  }

  it('gets exactly one policy, the Electron one, ahead of every script', () => {
    const built = hook.handler(sourceHtml, { path: '/index.html', filename: 'renderer/index.html' })
    expect(metaPolicies(built)).toEqual([contentSecurityPolicy('electron')])
    expect(built.indexOf('Content-Security-Policy" content')).toBeLessThan(built.indexOf('<script'))
    expect(built.indexOf('<meta charset')).toBeLessThan(built.indexOf('Content-Security-Policy" content'))
  })

  it('the dev server page gets the development policy', () => {
    const served = hook.handler(sourceHtml, { path: '/', filename: 'renderer/index.html', server: {} })
    expect(metaPolicies(served)).toEqual([contentSecurityPolicy('development')])
  })

  it('refuses a source page that brings its own (looser) policy', () => {
    const looser = sourceHtml.replace(
      '<title>',
      `<meta http-equiv="Content-Security-Policy" content="connect-src *" />\n<title>`,
    )
    expect(() => withCspMeta(looser, 'electron')).toThrow(/its own Content-Security-Policy/)
  })
})

describe('the browser harness page server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'allot-csp-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  writeFileSync(join(dir, 'index.html'), withCspMeta(sourceHtml, 'electron'))
  writeFileSync(join(dir, 'app.js'), 'console.log(1)')

  it.each(['/', '/index.html', '/?api=ws://127.0.0.1:1#token=t', '/no/such/page', '/app.js'])(
    'GET %s: the harness policy as a header, and no Electron policy left in the page',
    async (path) => {
      const server = await serveStatic(dir)
      try {
        const response = await fetch(new URL(path, server.url))
        expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy('harness'))
        const body = await response.text()
        expect(metaPolicies(body)).toEqual([])
        if (path !== '/app.js') expect(body).toContain('<div id="root">')
      } finally {
        await server.close()
      }
    },
  )

  it('strips the meta policy whatever its attribute quoting', () => {
    expect(withoutCspMeta(`<head><META HTTP-EQUIV=content-security-policy content="x"><title>`)).toBe(
      '<head><title>',
    )
  })
})

describe('the Electron app pointed at a harness store node (development and tests)', () => {
  it('refuses to load its own index.html, whose policy allows no WebSocket', () => {
    expect(() =>
      assertExternalStorePage(rendererLocation(undefined, '/app/out/renderer/index.html')),
    ).toThrow(/ELECTRON_RENDERER_URL/)
    expect(() =>
      assertExternalStorePage(rendererLocation('http://127.0.0.1:43123/', '/app/out/renderer/index.html')),
    ).not.toThrow()
  })
})
