import { describe, expect, it } from 'vitest'
import { openExternalSafely, safeExternalUrl } from '../../electron/main/external-links.ts'
import { guardNavigation } from '../../electron/main/navigation-guard.ts'
import { FakeContents, FakeShell } from './fake-electron.ts'

describe('openExternal guard', () => {
  it.each([
    'https://allot.example/help',
    'https://allot.example/a?b=c#d',
    'mailto:support@allot.example',
    'mailto:support@allot.example?subject=Till%203&body=Printer%20jammed',
    'mailto:?to=support@allot.example&cc=boss@allot.example',
  ])('opens %s', (url) => {
    const shell = new FakeShell()
    expect(openExternalSafely(shell, url)).toBe(true)
    expect(shell.opened).toEqual([new URL(url).toString()])
  })

  it.each([
    // Plain http: anyone on the shop's network reads or rewrites the page the cashier opens.
    'http://example.com/a?b=c#d',
    'HTTP://Example.com/',
    'http://127.0.0.1:7401/?token=x',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://server/share',
    'ms-settings:privacy',
    'ftp://example.com/x',
    'ws://127.0.0.1:1/',
    'data:text/html,<script>1</script>',
    'not a url',
    '',
    'https://user:secret@example.com/',
    'https://user@example.com/',
    '//example.com/no-scheme',
    // A mail client that honours attach= would mail a local file out.
    'mailto:?attach=/home/till/.config/Allot/store/store.db',
    'mailto:thief@evil.example?subject=hi&attach=C:%5CUsers%5Ctill%5Cstore.db',
    'mailto:thief@evil.example?ATTACHMENT=/etc/passwd',
  ])('refuses %s', (url) => {
    const shell = new FakeShell()
    expect(openExternalSafely(shell, url)).toBe(false)
    expect(shell.opened).toEqual([])
    expect(safeExternalUrl(url)).toBeUndefined()
  })

  it('passes on the normalised URL, not the raw text', () => {
    expect(safeExternalUrl('HTTPS://Example.COM/a b')).toBe('https://example.com/a%20b')
  })

  it('a page that opens an http: window gets it denied and nothing opened', () => {
    // As a hostile page in the renderer would: window.open('http://…') or <a target=_blank href=http:…>.
    const contents = new FakeContents()
    const shell = new FakeShell()
    guardNavigation(contents, { isAppUrl: () => false, shell })
    expect(contents.windowOpenHandler?.({ url: 'http://evil.example/phish' })).toEqual({ action: 'deny' })
    expect(contents.windowOpenHandler?.({ url: 'mailto:x@evil.example?attach=/etc/shadow' })).toEqual({
      action: 'deny',
    })
    expect(shell.opened).toEqual([])
  })
})
