import type { MenuItemConstructorOptions } from 'electron'

/** One item of a menu template (Electron's type, re-exported for code outside electron/). */
export type MenuItemOptions = MenuItemConstructorOptions

/** The parts of Electron's `Menu` used to install the application menu. */
export interface MenuApi<M> {
  buildFromTemplate(template: MenuItemConstructorOptions[]): M
  setApplicationMenu(menu: M | null): void
}

/**
 * The only menu roles a packaged app offers: editing (text fields need copy and paste; on macOS
 * only through the menu), zoom and full screen for the till's screen, quitting. Never reload (it
 * drops the cashier's cart) and never the developer tools. Every item is spelled out: a role such
 * as `viewMenu` would bring Electron's own items, Toggle Developer Tools among them.
 */
export const packagedMenuRoles = new Set<NonNullable<MenuItemConstructorOptions['role']>>([
  'about',
  'hide',
  'hideOthers',
  'unhide',
  'quit',
  'undo',
  'redo',
  'cut',
  'copy',
  'paste',
  'selectAll',
  'resetZoom',
  'zoomIn',
  'zoomOut',
  'togglefullscreen',
  'minimize',
  'front',
])

const separator: MenuItemConstructorOptions = { type: 'separator' }

const editMenu: MenuItemConstructorOptions = {
  label: 'Edit',
  submenu: [
    { role: 'undo' },
    { role: 'redo' },
    separator,
    { role: 'cut' },
    { role: 'copy' },
    { role: 'paste' },
    { role: 'selectAll' },
  ],
}

const viewMenu: MenuItemConstructorOptions = {
  label: 'View',
  submenu: [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    separator,
    { role: 'togglefullscreen' },
  ],
}

/** The application menu of a packaged build, per platform. */
export function packagedMenuTemplate(
  platform: NodeJS.Platform,
  appName: string,
): MenuItemConstructorOptions[] {
  if (platform === 'darwin')
    return [
      {
        label: appName,
        submenu: [
          { role: 'about' },
          separator,
          { role: 'hide' },
          { role: 'hideOthers' },
          { role: 'unhide' },
          separator,
          { role: 'quit' },
        ],
      },
      editMenu,
      viewMenu,
      { label: 'Window', submenu: [{ role: 'minimize' }, separator, { role: 'front' }] },
    ]
  return [{ label: 'File', submenu: [{ role: 'quit' }] }, editMenu, viewMenu]
}

/** Replaces Electron's default menu (which has Reload and Toggle Developer Tools) with ours. */
export function installPackagedMenu<M>(menu: MenuApi<M>, platform: NodeJS.Platform, appName: string): void {
  menu.setApplicationMenu(menu.buildFromTemplate(packagedMenuTemplate(platform, appName)))
}
