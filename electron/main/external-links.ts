/** What openExternal needs from Electron's `shell`. */
export interface ShellLike {
  openExternal(url: string): Promise<void>
}

/** Returns the URL if it parses and is plain http(s) — never file:, javascript:, custom schemes. */
export function safeExternalUrl(raw: string): string | undefined {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return undefined
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined
  if (url.username || url.password) return undefined
  return url.toString()
}

/** Opens a link in the user's browser if, and only if, it is a parsed http(s) URL. */
export function openExternalSafely(shell: ShellLike, raw: string): boolean {
  const url = safeExternalUrl(raw)
  if (!url) return false
  void shell.openExternal(url).catch(() => undefined)
  return true
}
