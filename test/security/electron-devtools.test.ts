import { describe, expect, it } from 'vitest'
import { packagedMenuRoles, type MenuItemOptions } from '../../electron/main/application-menu.ts'
import {
  applyDevToolsPolicy,
  debugSwitchInUse,
  type LockdownApp,
} from '../../electron/main/packaged-lockdown.ts'
import { mainWindowOptions } from '../../electron/main/window-options.ts'
import { FakeKeyboardContents, FakeMenu, keyDown } from '../electron/fake-electron.ts'

// Someone at the till (a customer leaning over, a temp worker) opens the developer tools of the
// packaged app: from the menu (View › Toggle Developer Tools), with a shortcut, or by starting it
// with --remote-debugging-port. In the tools' console `window.allot` runs any StoreApi method with
// the logged-in cashier's or manager's session. A packaged build must offer none of these ways in;
// a development build keeps them.

type Template = MenuItemOptions[]

class FakeApp implements LockdownApp {
  readonly name = 'Allot'
  readonly isPackaged: boolean
  readonly switches: string[]
  readonly created: ((event: unknown, contents: FakeKeyboardContents) => void)[] = []
  constructor(isPackaged: boolean, switches: string[] = []) {
    this.isPackaged = isPackaged
    this.switches = switches
  }
  readonly commandLine = { hasSwitch: (name: string) => this.switches.includes(name) }
  on(_event: 'web-contents-created', listener: (event: unknown, contents: FakeKeyboardContents) => void) {
    this.created.push(listener)
  }
  /** A new WebContents, as Electron announces it (our window, or one we never asked for). */
  createContents(): FakeKeyboardContents {
    const contents = new FakeKeyboardContents()
    for (const listener of this.created) listener({}, contents)
    return contents
  }
}

function shell(isPackaged: boolean, platform: NodeJS.Platform) {
  const app = new FakeApp(isPackaged)
  const menu = new FakeMenu<Template>()
  const { devTools } = applyDevToolsPolicy(app, menu, platform)
  const window = mainWindowOptions('/app/out/preload/index.cjs', { devTools })
  return { app, menu, window, contents: app.createContents() }
}

function everyItem(template: Template): MenuItemOptions[] {
  return template.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? everyItem(item.submenu as Template) : []),
  ])
}

const devToolsKeys = {
  F12: keyDown('F12', 'F12'),
  'Ctrl+Shift+I': keyDown('I', 'KeyI', { control: true, shift: true }),
  'Ctrl+Shift+J': keyDown('J', 'KeyJ', { control: true, shift: true }),
  'Ctrl+Shift+C': keyDown('C', 'KeyC', { control: true, shift: true }),
  'Cmd+Alt+I (macOS types ˆ)': keyDown('ˆ', 'KeyI', { meta: true, alt: true }),
  'Cmd+Alt+J': keyDown('∆', 'KeyJ', { meta: true, alt: true }),
  'Cmd+Alt+C': keyDown('ç', 'KeyC', { meta: true, alt: true }),
}

const cashierKeys = {
  'F2 (search)': keyDown('F2', 'F2'),
  'F4 (pay)': keyDown('F4', 'F4'),
  'F8 (new sale)': keyDown('F8', 'F8'),
  Escape: keyDown('Escape', 'Escape'),
  'Ctrl+C': keyDown('c', 'KeyC', { control: true }),
  'Cmd+C': keyDown('c', 'KeyC', { meta: true }),
  'Shift+I (a capital I in a name)': keyDown('I', 'KeyI', { shift: true }),
  'Ctrl+Shift+A': keyDown('A', 'KeyA', { control: true, shift: true }),
}

describe.each(['linux', 'win32', 'darwin'] as const)('a packaged build on %s', (platform) => {
  it('replaces the default menu with one that has no developer tools and no reload', () => {
    const { menu } = shell(true, platform)
    const installed = menu.applicationMenu?.template
    expect(installed, 'the default menu (with Toggle Developer Tools) is still in place').toBeDefined()
    const items = everyItem(installed!)
    const roles = items.flatMap((item) => (item.role ? [item.role] : []))
    for (const role of ['toggleDevTools', 'reload', 'forceReload', 'viewMenu', 'appMenu', 'windowMenu'])
      expect(roles).not.toContain(role)
    for (const role of roles) expect(packagedMenuRoles, `role ${role}`).toContain(role)
    for (const item of items) {
      expect(item.click, `${item.label ?? item.role} runs code`).toBeUndefined()
      expect(String(item.label ?? '')).not.toMatch(/developer|devtools|inspect|reload/i)
    }
    // Copy and paste stay usable (on macOS text fields get them only from the menu).
    expect(roles).toEqual(expect.arrayContaining(['copy', 'paste', 'quit']))
  })

  it('opens its windows with the developer tools disabled', () => {
    expect(shell(true, platform).window.webPreferences?.devTools).toBe(false)
  })

  it.each(Object.entries(devToolsKeys))('swallows %s', (_name, input) => {
    const { app } = shell(true, platform)
    // Any WebContents, including one created after start, is locked.
    expect(app.createContents().press(input)).toBe(false)
  })

  it.each(Object.entries(cashierKeys))('lets %s through to the page', (_name, input) => {
    expect(shell(true, platform).contents.press(input)).toBe(true)
  })

  it('closes the developer tools if they open anyway', () => {
    const { contents } = shell(true, platform)
    contents.openDevTools()
    expect(contents.devToolsOpen).toBe(false)
  })
})

describe('a development build', () => {
  it('keeps Electron’s menu, the shortcuts and the developer tools', () => {
    const { menu, window, contents } = shell(false, 'linux')
    expect(menu.applicationMenu).toBeUndefined()
    expect(window.webPreferences?.devTools).toBe(true)
    for (const input of Object.values(devToolsKeys)) expect(contents.press(input)).toBe(true)
    contents.openDevTools()
    expect(contents.devToolsOpen).toBe(true)
  })
})

describe('debugging switches', () => {
  it.each(['remote-debugging-port', 'remote-debugging-pipe', 'inspect', 'inspect-brk', 'inspect-port'])(
    'a packaged app started with --%s refuses to start',
    (name) => {
      expect(debugSwitchInUse(new FakeApp(true, [name]))).toBe(name)
    },
  )

  it('a packaged app started normally, or a development build with them, starts', () => {
    expect(debugSwitchInUse(new FakeApp(true, ['user-data-dir', 'no-sandbox']))).toBeUndefined()
    expect(debugSwitchInUse(new FakeApp(false, ['remote-debugging-port', 'inspect']))).toBeUndefined()
  })
})
