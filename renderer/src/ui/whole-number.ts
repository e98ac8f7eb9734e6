/** Limits for a whole number typed by staff. */
export interface WholeNumberRule {
  min: number
  max: number
  /** What the number counts, for messages: "units". */
  unit?: string
  /** Whether 0 is refused even inside min..max (an adjustment of 0 changes nothing). */
  nonZero?: boolean
}

/** The number typed, or the reason it cannot be taken in plain words. Exactly what was typed, no more. */
export function readWholeNumber(
  text: string,
  rule: WholeNumberRule,
): { ok: true; value: number } | { ok: false; message: string } {
  const trimmed = text.trim().replace(/^\+/, '').replace(/^−/, '-')
  const unit = rule.unit ? ` ${rule.unit}` : ''
  if (trimmed === '') return { ok: false, message: 'Type a number' }
  if (!/^-?\d+$/.test(trimmed))
    return {
      ok: false,
      message: rule.min < 0 ? 'Whole numbers only, with − in front to remove' : 'Whole numbers only',
    }
  const value = Number(trimmed)
  if (rule.nonZero && value === 0) return { ok: false, message: '0 changes nothing' }
  if (value < rule.min)
    return { ok: false, message: `At least ${rule.min.toLocaleString()}${rule.min === 1 ? '' : unit}` }
  if (value > rule.max) return { ok: false, message: `At most ${rule.max.toLocaleString()}${unit}` }
  return { ok: true, value }
}
