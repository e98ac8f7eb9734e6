import { describe, expect, it } from 'vitest'
import { installCleanShutdown } from '../../electron/main/clean-shutdown.ts'
import { holdSingleInstance, type FocusableWindow } from '../../electron/main/single-instance.ts'

class FakeApp {
  lock = true
  quits = 0
  readonly listeners = new Map<string, ((event: { preventDefault(): void }) => void)[]>()
  requestSingleInstanceLock() {
    return this.lock
  }
  on(event: string, listener: (event: { preventDefault(): void }) => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
  }
  quit() {
    this.quits++
    // Electron emits before-quit on every quit() call.
    let prevented = false
    for (const l of this.listeners.get('before-quit') ?? []) l({ preventDefault: () => (prevented = true) })
    return prevented
  }
  emit(event: string) {
    for (const l of this.listeners.get(event) ?? []) l({ preventDefault() {} })
  }
}

function fakeWindow(minimized: boolean) {
  const calls: string[] = []
  const window: FocusableWindow = {
    isDestroyed: () => false,
    isMinimized: () => minimized,
    restore: () => calls.push('restore'),
    show: () => calls.push('show'),
    focus: () => calls.push('focus'),
  }
  return { window, calls }
}

describe('single-instance lock', () => {
  it('a second process quits at once', () => {
    const app = new FakeApp()
    app.lock = false
    expect(holdSingleInstance(app, () => undefined)).toBe(false)
    expect(app.quits).toBe(1)
  })

  it('a second launch restores and focuses the existing window', () => {
    const app = new FakeApp()
    const { window, calls } = fakeWindow(true)
    expect(holdSingleInstance(app, () => window)).toBe(true)
    app.emit('second-instance')
    expect(calls).toEqual(['restore', 'show', 'focus'])
  })
})

describe('clean shutdown', () => {
  it('holds the quit until the store node has closed, then quits once', async () => {
    const app = new FakeApp()
    let release!: () => void
    const closed = new Promise<void>((resolve) => (release = resolve))
    let closes = 0
    installCleanShutdown(
      app,
      () => {
        closes++
        return closed
      },
      () => undefined,
    )
    expect(app.quit()).toBe(true) // held
    expect(app.quit()).toBe(true) // still held, no second close
    expect(closes).toBe(1)
    release()
    await closed
    await new Promise((r) => setTimeout(r, 0))
    expect(app.quits).toBe(3) // the final quit went through
  })

  it('still quits when closing fails, and reports the error', async () => {
    const app = new FakeApp()
    const errors: unknown[] = []
    installCleanShutdown(
      app,
      () => Promise.reject(new Error('boom')),
      (e) => errors.push(e),
    )
    app.quit()
    await new Promise((r) => setTimeout(r, 0))
    expect(errors).toHaveLength(1)
    expect(app.quits).toBe(2)
  })
})
