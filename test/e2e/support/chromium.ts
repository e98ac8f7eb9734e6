/** Where Chromium lives: Debian's package by default, overridable with ALLOT_CHROMIUM. */
export const chromiumPath = process.env.ALLOT_CHROMIUM ?? '/usr/bin/chromium'

/**
 * Flags that let headless Chromium start on a machine with no outside network and no display:
 * without the background-networking flags it keeps trying (and failing) to reach Google's hosts.
 * Playwright itself runs headless and gives every launch a fresh temporary profile directory.
 */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
]

export function chromiumLaunchOptions() {
  return { executablePath: chromiumPath, args: chromiumArgs }
}
