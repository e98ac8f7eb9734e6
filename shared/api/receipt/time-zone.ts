// Times on receipts and in the sales list, in the store's own time zone (IANA names such as
// "Europe/Berlin"). Pure: the instant comes in as ISO text, Intl does the calendar arithmetic, so
// daylight-saving changes and date boundaries are the platform's tz database, not our code.

/** The zone a store without a setting prints in (the behaviour before time zones existed). */
export const DEFAULT_TIME_ZONE = 'UTC'

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    })
    formatters.set(timeZone, f)
  }
  return f
}

/** True for a time zone this platform's Intl knows ("Europe/Berlin", "UTC"); false for "CET+1". */
export function isTimeZone(name: string): boolean {
  if (name.trim() === '' || name.length > 64) return false
  try {
    formatterFor(name)
    return true
  } catch {
    return false
  }
}

export interface LocalTime {
  /** "2026-03-29" */
  date: string
  /** "03:05" (24 h) */
  time: string
  /** The zone's short name at that instant ("GMT+2", "CEST", "UTC"), as Intl spells it. */
  zone: string
}

/** An instant (ISO text) as the wall clock of `timeZone` shows it. */
export function localTime(iso: string, timeZone: string): LocalTime {
  const instant = new Date(iso)
  if (Number.isNaN(instant.getTime())) return { date: iso.slice(0, 10), time: iso.slice(11, 16), zone: '' }
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  )
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
    zone: parts.timeZoneName ?? '',
  }
}

/** "2026-03-29 03:05" in the store's zone: what a receipt and the sales list print. */
export function formatLocalDateTime(iso: string, timeZone: string): string {
  const t = localTime(iso, timeZone)
  return `${t.date} ${t.time}`
}
