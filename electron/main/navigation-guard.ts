import { openExternalSafely, type ShellLike } from './external-links.ts'

/** The parts of Electron's WebContents the guard touches. */
export interface GuardedContents {
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: { preventDefault(): void; url: string }, url: string) => void,
  ): unknown
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
}

/**
 * The renderer never leaves the app: navigations and redirects away from our page are cancelled,
 * new windows are denied (https and mailto links open in the user's browser or mail client
 * instead, see external-links.ts), webviews are refused.
 */
export function guardNavigation(
  contents: GuardedContents,
  options: { isAppUrl: (url: string) => boolean; shell: ShellLike },
): void {
  const block = (event: { preventDefault(): void }, url: string) => {
    if (!options.isAppUrl(url)) event.preventDefault()
  }
  contents.on('will-navigate', block)
  contents.on('will-redirect', block)
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(options.shell, url)
    return { action: 'deny' }
  })
}
