// Small stand-ins for the Electron objects the shell's helpers take as parameters. Electron itself
// is outside the product and cannot start on every machine; these record what the helpers do.
import type { InvokeEvent, IpcMainLike } from '../../electron/main/ipc-bridge.ts'

type Handler = (event: InvokeEvent, ...args: unknown[]) => unknown

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Handler>()
  handle(channel: string, listener: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`)
    this.handlers.set(channel, listener)
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  }
  async invoke(channel: string, event: InvokeEvent, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel)
    if (!handler) throw new Error(`No handler registered for '${channel}'`)
    return handler(event, ...args)
  }
}

export interface RecordedEvent {
  prevented: boolean
  preventDefault(): void
  url: string
}

export function navigationEvent(url: string): RecordedEvent {
  return {
    url,
    prevented: false,
    preventDefault() {
      this.prevented = true
    },
  }
}

type Listener = (event: RecordedEvent, url: string) => void

/** Records listeners registered on a WebContents-like object and lets a test fire them. */
export class FakeContents {
  readonly listeners = new Map<string, Listener[]>()
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | undefined
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler
  }
  fire(event: string, url = ''): RecordedEvent {
    const recorded = navigationEvent(url)
    for (const listener of this.listeners.get(event) ?? []) listener(recorded, url)
    return recorded
  }
}

export class FakeShell {
  readonly opened: string[] = []
  async openExternal(url: string): Promise<void> {
    this.opened.push(url)
  }
}

/** A key as Electron's before-input-event reports it; modifiers default to up. */
export function keyDown(key: string, code: string, modifiers: Partial<Record<ModifierKey, boolean>> = {}) {
  return { type: 'keyDown', key, code, control: false, shift: false, alt: false, meta: false, ...modifiers }
}
type ModifierKey = 'control' | 'shift' | 'alt' | 'meta'
type KeyEvent = ReturnType<typeof keyDown>

/** A WebContents that receives keys and can be asked to open its developer tools. */
export class FakeKeyboardContents {
  private readonly inputListeners: ((event: { preventDefault(): void }, input: KeyEvent) => void)[] = []
  private readonly devToolsListeners: (() => void)[] = []
  devToolsOpen = false
  on(event: string, listener: (...args: never[]) => void): this {
    if (event === 'before-input-event') this.inputListeners.push(listener as (typeof this.inputListeners)[0])
    if (event === 'devtools-opened') this.devToolsListeners.push(listener as () => void)
    return this
  }
  /** Presses a key; true if it reached the page (nobody called preventDefault). */
  press(input: KeyEvent): boolean {
    let prevented = false
    for (const listener of this.inputListeners) listener({ preventDefault: () => (prevented = true) }, input)
    return !prevented
  }
  /** What Chromium does once the tools are open: emits devtools-opened. */
  openDevTools(): void {
    this.devToolsOpen = true
    for (const listener of this.devToolsListeners) listener()
  }
  closeDevTools(): void {
    this.devToolsOpen = false
  }
}

/** Electron's `Menu` statics: records the application menu that was set. */
export class FakeMenu<T> {
  applicationMenu: { template: T } | null | undefined = undefined
  buildFromTemplate(template: T): { template: T } {
    return { template }
  }
  setApplicationMenu(menu: { template: T } | null): void {
    this.applicationMenu = menu
  }
}

/** electron-updater's autoUpdater as far as updates.ts uses it; records what it was asked to do. */
export class FakeUpdater {
  autoDownload = true
  autoInstallOnAppQuit = true
  allowDowngrade = true
  disableWebInstaller = false
  readonly feeds: unknown[] = []
  readonly calls: string[] = []
  private readonly available: ((info: { version: string }) => void)[] = []
  /** What the next check answers (a rejection: the feed is unreachable). */
  answer: () => Promise<unknown> = async () => null
  setFeedURL(options: unknown): void {
    this.feeds.push(options)
  }
  checkForUpdates(): Promise<unknown> {
    this.calls.push('checkForUpdates')
    return this.answer()
  }
  checkForUpdatesAndNotify(): Promise<unknown> {
    this.calls.push('checkForUpdatesAndNotify')
    return this.answer()
  }
  on(_event: 'update-available', listener: (info: { version: string }) => void): this {
    this.available.push(listener)
    return this
  }
  /** The feed announced a newer version. */
  emitAvailable(version: string): void {
    for (const listener of this.available) listener({ version })
  }
}
