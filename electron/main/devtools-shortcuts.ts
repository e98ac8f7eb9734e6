/** The parts of Electron's `Input` (before-input-event) a shortcut is recognised by. */
export interface KeyInput {
  type: string
  key: string
  /** The physical key ('KeyI'): on macOS, Option turns `key` into another character. */
  code: string
  control: boolean
  shift: boolean
  alt: boolean
  meta: boolean
}

/** The parts of a WebContents the lock listens on. */
export interface LockableContents {
  on(
    event: 'before-input-event',
    listener: (event: { preventDefault(): void }, input: KeyInput) => void,
  ): unknown
  on(event: 'devtools-opened', listener: () => void): unknown
  closeDevTools(): void
}

/** I (tools), J (console), C (element picker): Chromium's developer-tools letters. */
const devToolsLetters = new Set(['i', 'j', 'c'])
const devToolsKeys = new Set(['KeyI', 'KeyJ', 'KeyC'])

/**
 * F12, Ctrl+Shift+I/J/C (Windows, Linux) and Cmd+Alt+I/J/C (macOS): the keys that open the
 * developer tools in Chromium and in Electron's default menu. Ctrl+C, Cmd+C and the checkout's
 * function keys are not among them.
 */
export function isDevToolsShortcut(input: KeyInput): boolean {
  if (input.type !== 'keyDown') return false
  if (input.key === 'F12' || input.code === 'F12') return true
  if (!devToolsLetters.has(input.key.toLowerCase()) && !devToolsKeys.has(input.code)) return false
  const ctrlShift = input.control && input.shift && !input.alt && !input.meta
  const cmdAlt = input.meta && input.alt && !input.control
  return ctrlShift || cmdAlt
}

/**
 * A packaged build swallows the developer-tools shortcuts before the page or a menu sees them,
 * and closes the tools should they open anyway (the window's `devTools: false` already forbids it).
 */
export function lockDevTools(contents: LockableContents): void {
  contents.on('before-input-event', (event, input) => {
    if (isDevToolsShortcut(input)) event.preventDefault()
  })
  contents.on('devtools-opened', () => contents.closeDevTools())
}
