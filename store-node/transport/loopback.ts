import { isIP } from 'node:net'

/** `localhost`, 127.0.0.0/8 or ::1 (with or without brackets). */
export function isLoopbackName(host: string): boolean {
  const name = host.replace(/^\[(.*)\]$/, '$1').toLowerCase()
  if (name === 'localhost' || name === '::1') return true
  return isIP(name) === 4 && name.startsWith('127.')
}

/** The host name of a `Host` header ("127.0.0.1:7401", "[::1]:7401"), or undefined if unreadable. */
export function hostNameOf(hostHeader: string | undefined): string | undefined {
  if (!hostHeader || /[\s/\\@#?]/.test(hostHeader)) return undefined
  try {
    return new URL(`http://${hostHeader}`).hostname
  } catch {
    return undefined
  }
}
