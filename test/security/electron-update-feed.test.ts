import { resolve } from 'node:path'
import { getConfig } from 'app-builder-lib/out/util/config/config.js'
import { describe, expect, it } from 'vitest'
import { planUpdates, startUpdates, type UpdateLog } from '../../electron/main/updates.ts'
import { FakeUpdater } from '../electron/fake-electron.ts'

// Whoever controls what a till downloads as an "update" runs code as the shop's app, with its
// database and device token. Over http that is anyone on the shop's network (a rogue Wi-Fi access
// point, an ARP spoof); on Linux, electron-updater installs an AppImage or deb after checking only
// a sha512 served by the same server, so anyone who can write to the update server owns every
// Linux till. The app polls only an https feed, installs only where the platform verifies a code
// signature (Windows: the publisher; macOS: Squirrel.Mac), and on Linux only announces.

function started(platform: NodeJS.Platform, feedUrl: string | undefined) {
  const updater = new FakeUpdater()
  const lines: string[] = []
  const announced: string[] = []
  let created = 0
  const log: UpdateLog = {
    info: (m) => lines.push(`info: ${m}`),
    warn: (m) => lines.push(`warn: ${m}`),
    failed: (e) => lines.push(`failed: ${String(e)}`),
  }
  const stop = startUpdates({
    plan: planUpdates({ isPackaged: true, platform, feedUrl }),
    updater: () => {
      created++
      return updater
    },
    log,
    announce: (version) => announced.push(version),
  })
  stop()
  return { updater, lines, announced, created: () => created }
}

describe('a packaged app whose update feed is not a clean https URL', () => {
  it.each([
    ['http://updates.allot.example/stable', /must be an https:\/\/ URL, not http:/],
    ['HTTP://updates.allot.example/', /must be an https:\/\/ URL, not http:/],
    ['file:///tmp/evil-feed/', /not file:/],
    ['ftp://updates.allot.example/', /not ftp:/],
    ['javascript:alert(1)', /not javascript:/],
    ['updates.allot.example/stable', /not a URL/],
    ['', /no update feed URL was set at build time \(ALLOT_UPDATE_URL\)/],
    [undefined, /no update feed URL was set/],
    ['https://release:hunter2@updates.allot.example/', /must not carry credentials/],
  ])('%s: one log line, and no updater at all', (feedUrl, reason) => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const { lines, created, updater } = started(platform, feedUrl)
      expect(created()).toBe(0)
      expect(updater.calls).toEqual([])
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(/^warn: updates are off: /)
      expect(lines[0]).toMatch(reason)
      expect(lines[0]).not.toContain('hunter2')
    }
  })
})

describe('on Linux (no signature check in electron-updater)', () => {
  it('never downloads or installs; a new version is only announced', () => {
    const { updater, announced, lines } = started('linux', 'https://updates.allot.example/stable')
    expect(updater.autoDownload).toBe(false)
    expect(updater.autoInstallOnAppQuit).toBe(false)
    expect(updater.calls).toEqual(['checkForUpdates'])
    updater.emitAvailable('9.9.9')
    expect(announced).toEqual(['9.9.9'])
    expect(lines).toEqual([expect.stringMatching(/^info: updates: announced only/)])
  })
})

describe.each(['win32', 'darwin'] as const)('on %s (the code signature is verified)', (platform) => {
  it('downloads and installs, from the checked feed only, never a downgrade or a web installer', () => {
    const { updater, lines } = started(platform, 'https://updates.allot.example/stable')
    expect(updater.feeds).toEqual([
      { provider: 'generic', url: 'https://updates.allot.example/stable', channel: 'latest' },
    ])
    expect(updater.autoDownload).toBe(true)
    expect(updater.allowDowngrade).toBe(false)
    expect(updater.disableWebInstaller).toBe(true)
    expect(updater.calls).toEqual(['checkForUpdatesAndNotify'])
    expect(lines).toEqual([expect.stringMatching(/^info: updates: checked, downloaded and installed/)])
  })
})

describe('electron-builder.yml', () => {
  it('refuses to build unsigned Windows and macOS apps, and verifies the Windows publisher', async () => {
    const root = resolve(import.meta.dirname, '../..')
    const config = await getConfig(root, resolve(root, 'electron-builder.yml'), null)
    // Unsigned, a Windows build writes no publisherName into app-update.yml, and electron-updater
    // then installs any installer the feed serves.
    expect(config.forceCodeSigning).toBe(true)
    expect(config.win?.verifyUpdateCodeSignature).toBe(true)
    expect(config.publish).toMatchObject({ provider: 'generic', url: '${env.ALLOT_UPDATE_URL}' })
  })
})
