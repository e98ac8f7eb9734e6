import { neutraliseCsvCell } from '../../../shared/api/csv-cell.ts'

/**
 * One CSV field: text that could run as a spreadsheet formula is neutralised (a leading `'`), then
 * quoted when it holds a comma, quote, newline or leading/trailing space (RFC 4180).
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return ''
  const safe = String(neutraliseCsvCell(value))
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** A CSV document with a header line, CRLF line ends (what spreadsheets expect). */
export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null | undefined>>,
): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n'
}

/** Saves text as a file through the browser (works in Electron's sandboxed renderer too). */
export function downloadText(fileName: string, text: string, mime = 'text/csv;charset=utf-8'): void {
  download(fileName, new Blob([text], { type: mime }))
}

/** Saves a file the store sent as base64 (a PDF) under `fileName`. */
export function downloadBase64(fileName: string, base64: string, mime: string): void {
  download(fileName, new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: mime }))
}

function download(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** Minor units as a plain decimal for CSV ("12.50"), exact, no float. */
export function minorDecimal(minor: number, digits: number): string {
  if (digits === 0) return String(minor)
  const text = String(Math.abs(minor)).padStart(digits + 1, '0')
  return `${minor < 0 ? '-' : ''}${text.slice(0, -digits)}.${text.slice(-digits)}`
}
