import { describe, expect, it } from 'vitest'
import { planUpdates, startUpdates, type UpdateLog } from '../../electron/main/updates.ts'
import { FakeUpdater } from './fake-electron.ts'

function recordingLog() {
  const lines: string[] = []
  const failures: unknown[] = []
  const log: UpdateLog = {
    info: (m) => lines.push(`info: ${m}`),
    warn: (m) => lines.push(`warn: ${m}`),
    failed: (e) => failures.push(e),
  }
  return { log, lines, failures }
}

const feed = 'https://updates.allot.example/stable'

describe('update checks', () => {
  it('never creates an updater in a development build', () => {
    let created = 0
    const { log, lines } = recordingLog()
    const stop = startUpdates({
      plan: planUpdates({ isPackaged: false, platform: 'win32', feedUrl: feed }),
      updater: () => {
        created++
        return new FakeUpdater()
      },
      log,
      announce: () => {},
    })
    stop()
    expect(created).toBe(0)
    expect(lines).toEqual([])
  })

  it('checks at start in a packaged app and logs a failure instead of crashing', async () => {
    const updater = new FakeUpdater()
    updater.answer = () => Promise.reject(new Error('feed unreachable'))
    const { log, failures } = recordingLog()
    const stop = startUpdates({
      plan: planUpdates({ isPackaged: true, platform: 'win32', feedUrl: feed }),
      updater: () => updater,
      log,
      announce: () => {},
    })
    await new Promise((r) => setTimeout(r, 10))
    stop()
    expect(updater.calls).toEqual(['checkForUpdatesAndNotify'])
    expect(failures).toHaveLength(1)
  })

  it('checks again on its interval until stopped', async () => {
    const updater = new FakeUpdater()
    const stop = startUpdates({
      plan: planUpdates({ isPackaged: true, platform: 'linux', feedUrl: feed }),
      updater: () => updater,
      log: recordingLog().log,
      announce: () => {},
      everyMs: 5,
    })
    await new Promise((r) => setTimeout(r, 40))
    stop()
    const checks = updater.calls.length
    expect(checks).toBeGreaterThanOrEqual(3)
    await new Promise((r) => setTimeout(r, 20))
    expect(updater.calls.length).toBe(checks)
  })
})
