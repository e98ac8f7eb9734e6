// Usernames that recently logged in on this till, so a cashier switch is one tap plus a PIN.
// Only names are kept (never secrets), in this window's localStorage.

const key = 'allot.recentUsers'
const max = 6

export function recentUsers(): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key) ?? '[]')
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').slice(0, max) : []
  } catch {
    return []
  }
}

export function rememberUser(username: string): void {
  try {
    const next = [username, ...recentUsers().filter((u) => u !== username)].slice(0, max)
    localStorage.setItem(key, JSON.stringify(next))
  } catch {
    // Storage may be unavailable (private mode); the list is a convenience only.
  }
}
