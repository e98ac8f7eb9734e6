/** "20" or "7.5" (percent) → basis points (2000, 750), string-based so no float rounding. */
export function parsePercentToBp(text: string): number | undefined {
  const match = /^(\d{1,3})(?:[.,](\d{0,2}))?$/.exec(text.trim())
  if (!match) return undefined
  const bp = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0') || '0')
  return bp <= 10_000 ? bp : undefined
}

export function bpToPercentText(bp: number): string {
  const whole = Math.trunc(bp / 100)
  const rest = bp % 100
  return rest === 0 ? String(whole) : `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}`
}
