/**
 * An `--allow-origin` value as browsers send it in `Origin`: scheme, host and port
 * ("http://127.0.0.1:5173/app" → "http://127.0.0.1:5173"). `file://` (a page loaded from a file,
 * as Electron's is) is kept as written. `null` is refused: sandboxed frames of any site send it.
 */
export function parseAllowedOrigin(value: string): string {
  const trimmed = value.trim()
  if (trimmed === 'file://') return trimmed
  let url: URL
  try {
    url = new URL(trimmed)
  } catch {
    throw new Error(`--allow-origin needs an origin such as http://127.0.0.1:5173, got "${value}"`)
  }
  if (url.origin === 'null' || !/^https?:$/.test(url.protocol))
    throw new Error(`--allow-origin takes http(s) origins or file://, got "${value}"`)
  return url.origin
}
