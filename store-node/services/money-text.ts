/** Decimal text ↔ integer minor units, exactly (no floats): "3.49" with 2 digits → 349. */
export function minorDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    )
  } catch {
    return 2
  }
}

export function parseDecimal(text: string, digits: number): number | undefined {
  const match = /^(\d{1,12})(?:[.,](\d+))?$/.exec(text.trim())
  if (!match) return undefined
  const fraction = match[2] ?? ''
  if (fraction.length > digits) return undefined
  return Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0')
}

export function formatDecimal(minor: number, digits: number): string {
  if (digits === 0) return String(minor)
  const sign = minor < 0 ? '-' : ''
  const abs = Math.abs(minor)
  const unit = 10 ** digits
  return `${sign}${Math.floor(abs / unit)}.${String(abs % unit).padStart(digits, '0')}`
}
