/** ISO 8601 with the machine's local offset (e.g. 2026-11-22T19:58:00.000+01:00). */
export function localIso(date: Date): string {
  const offsetMin = -date.getTimezoneOffset()
  const local = new Date(date.getTime() + offsetMin * 60_000).toISOString().slice(0, 23)
  if (offsetMin === 0) return `${local}Z`
  const sign = offsetMin > 0 ? '+' : '-'
  const abs = Math.abs(offsetMin)
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}
