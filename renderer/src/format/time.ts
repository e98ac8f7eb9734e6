/** "just now", "3 min", "2 h 5 min": how long ago an ISO timestamp was, for the status bar. */
export function ageText(iso: string | undefined, now: number): string {
  if (!iso) return '—'
  const ms = now - Date.parse(iso)
  if (!Number.isFinite(ms)) return '—'
  const seconds = Math.max(0, Math.round(ms / 1000))
  if (seconds < 10) return 'just now'
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return `${hours} h ${minutes % 60} min`
  return `${Math.floor(hours / 24)} days`
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

export function formatDateTime(iso: string): string {
  const t = Date.parse(iso)
  return Number.isFinite(t) ? dateTime.format(t) : iso
}
