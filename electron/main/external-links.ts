/** What openExternal needs from Electron's `shell`. */
export interface ShellLike {
  openExternal(url: string): Promise<void>
}

/**
 * The query fields a mailto: link may carry. Anything else is refused: some mail clients honour
 * fields such as `attach=` that name a local file, which a hostile link would use to mail it out.
 */
const mailtoFields = new Set(['subject', 'body', 'cc', 'bcc', 'to'])

/**
 * Returns the URL if it parses and is `https:` (no credentials) or a plain `mailto:`, normalised.
 * Never `http:` (readable and rewritable on the shop's network), file:, javascript:, or a custom
 * scheme that would start another program.
 */
export function safeExternalUrl(raw: string): string | undefined {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return undefined
  }
  if (url.protocol === 'https:') {
    if (url.username || url.password) return undefined
    return url.toString()
  }
  if (url.protocol === 'mailto:') {
    const fields = [...url.searchParams.keys()]
    return fields.every((key) => mailtoFields.has(key.toLowerCase())) ? url.toString() : undefined
  }
  return undefined
}

/** Opens a link in the user's browser or mail client if, and only if, it passes safeExternalUrl. */
export function openExternalSafely(shell: ShellLike, raw: string): boolean {
  const url = safeExternalUrl(raw)
  if (!url) return false
  void shell.openExternal(url).catch(() => undefined)
  return true
}
