// Money stays in integer minor units everywhere in state; only these helpers turn it into text
// (and text back into minor units, without ever going through a float).

const formatters = new Map<string, Intl.NumberFormat>()

function formatterFor(currency: string): Intl.NumberFormat {
  let formatter = formatters.get(currency)
  if (!formatter) {
    formatter = new Intl.NumberFormat(undefined, { style: 'currency', currency })
    formatters.set(currency, formatter)
  }
  return formatter
}

/** Digits after the decimal point of a currency (2 for EUR, 0 for JPY, 3 for KWD). */
export function minorDigits(currency: string): number {
  return formatterFor(currency).resolvedOptions().maximumFractionDigits ?? 2
}

/** Formats integer minor units as the currency, e.g. (1250, 'EUR') → "€12.50". */
export function formatMoney(minor: number, currency: string): string {
  const digits = minorDigits(currency)
  const negative = minor < 0
  const digitsText = String(Math.abs(minor)).padStart(digits + 1, '0')
  const whole = digitsText.slice(0, digitsText.length - digits)
  const fraction = digitsText.slice(digitsText.length - digits)
  // Intl accepts a decimal string, so the exact value is formatted with no float in between.
  const decimal = `${negative ? '-' : ''}${whole}${digits > 0 ? `.${fraction}` : ''}`
  return formatterFor(currency).format(decimal as unknown as number)
}

/**
 * Parses what a cashier types ("20", "20.5", "20,50") into minor units; undefined if it is not an
 * amount. Accepts either "." or "," as the decimal separator.
 */
export function parseMoney(text: string, currency: string): number | undefined {
  const digits = minorDigits(currency)
  const cleaned = text.trim().replace(/\s/g, '')
  const match = /^(\d{1,12})(?:[.,](\d*))?$/.exec(cleaned)
  if (!match) return undefined
  const whole = match[1] ?? '0'
  const fraction = match[2] ?? ''
  if (fraction.length > digits) return undefined
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0')
}

/** Minor units as a plain decimal string for an input field ("12.50"). */
export function minorToInput(minor: number, currency: string): string {
  const digits = minorDigits(currency)
  if (digits === 0) return String(minor)
  const text = String(Math.abs(minor)).padStart(digits + 1, '0')
  return `${minor < 0 ? '-' : ''}${text.slice(0, -digits)}.${text.slice(-digits)}`
}
