import { describe, expect, it } from 'vitest'
import { scheduleUpdateChecks } from '../../electron/main/updates.ts'

describe('update checks', () => {
  it('never checks in a development build', () => {
    let checks = 0
    const stop = scheduleUpdateChecks({
      updater: { checkForUpdatesAndNotify: async () => checks++ },
      isPackaged: false,
      log: () => {},
    })
    stop()
    expect(checks).toBe(0)
  })

  it('checks at start in a packaged app and logs a failure instead of crashing', async () => {
    const errors: unknown[] = []
    const stop = scheduleUpdateChecks({
      updater: { checkForUpdatesAndNotify: () => Promise.reject(new Error('feed unreachable')) },
      isPackaged: true,
      log: (e) => errors.push(e),
    })
    await new Promise((r) => setTimeout(r, 10))
    stop()
    expect(errors).toHaveLength(1)
  })
})
