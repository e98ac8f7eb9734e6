// Money stays in integer minor units everywhere in state; only these helpers turn it into text
// (and text back into minor units, without ever going through a float).
import { formatDecimal, minorDigits, parseDecimal } from '../../../shared/api/money.ts'

export { minorDigits }

const formatters = new Map<string, Intl.NumberFormat>()

function formatterFor(currency: string): Intl.NumberFormat {
  let formatter = formatters.get(currency)
  if (!formatter) {
    formatter = new Intl.NumberFormat(undefined, { style: 'currency', currency })
    formatters.set(currency, formatter)
  }
  return formatter
}

/** Formats integer minor units as the currency, e.g. (1250, 'EUR') → "€12.50". */
export function formatMoney(minor: number, currency: string): string {
  // Intl accepts a decimal string, so the exact value is formatted with no float in between.
  return formatterFor(currency).format(formatDecimal(minor, minorDigits(currency)) as unknown as number)
}

/**
 * Parses what a cashier types ("20", "20.", "20.5", "20,50") into minor units; undefined if it is
 * not an amount. Accepts either "." or "," as the decimal separator.
 */
export function parseMoney(text: string, currency: string): number | undefined {
  const cleaned = text.replace(/\s/g, '').replace(/[.,]$/, '')
  return parseDecimal(cleaned, minorDigits(currency))
}

/** Minor units as a plain decimal string for an input field ("12.50"). */
export function minorToInput(minor: number, currency: string): string {
  return formatDecimal(minor, minorDigits(currency))
}
