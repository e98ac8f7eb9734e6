import { describe, expect, it } from 'vitest'
import { openExternalSafely, safeExternalUrl } from '../../electron/main/external-links.ts'
import { FakeShell } from './fake-electron.ts'

describe('openExternal guard', () => {
  it.each(['https://allot.example/help', 'http://example.com/a?b=c#d'])('opens %s', (url) => {
    const shell = new FakeShell()
    expect(openExternalSafely(shell, url)).toBe(true)
    expect(shell.opened).toEqual([new URL(url).toString()])
  })

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://server/share',
    'ms-settings:privacy',
    'data:text/html,<script>1</script>',
    'not a url',
    '',
    'https://user:secret@example.com/',
    '//example.com/no-scheme',
  ])('refuses %s', (url) => {
    const shell = new FakeShell()
    expect(openExternalSafely(shell, url)).toBe(false)
    expect(shell.opened).toEqual([])
    expect(safeExternalUrl(url)).toBeUndefined()
  })

  it('passes on the normalised URL, not the raw text', () => {
    expect(safeExternalUrl('HTTPS://Example.COM/a b')).toBe('https://example.com/a%20b')
  })
})
