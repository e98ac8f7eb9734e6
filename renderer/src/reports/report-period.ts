/** A local calendar day as YYYY-MM-DD. */
export function localDay(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}`
}
export const daysAgo = (n: number) => localDay(new Date(Date.now() - n * 86_400_000))

/** Every day of [from, to] (inclusive), so the line chart shows quiet days as zero. */
export function everyDay(from: string, to: string): string[] {
  const out: string[] = []
  const d = new Date(`${from}T12:00:00`)
  const end = new Date(`${to}T12:00:00`)
  for (let i = 0; d <= end && i < 400; i++) {
    out.push(localDay(d))
    d.setDate(d.getDate() + 1)
  }
  return out
}

/** A period people choose (`to` inclusive) as the API asks for it (`to` exclusive: the next day). */
export function apiPeriod(
  from: string,
  to: string,
): { valid: boolean; period: { from: string; to: string } } {
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to
  const toExclusive = valid ? localDay(new Date(new Date(`${to}T12:00:00`).getTime() + 86_400_000)) : to
  return { valid, period: { from, to: toExclusive } }
}
