import { minorDigits } from '../format/money.ts'

/** Amounts a customer is likely to hand over: exact, then round notes above the total. */
export function quickTenders(totalMinor: number, currency: string): number[] {
  const unit = 10 ** minorDigits(currency)
  const steps = [1, 5, 10, 20, 50, 100].map((n) => n * unit)
  const out = new Set<number>([totalMinor])
  for (const step of steps) {
    const rounded = Math.ceil(totalMinor / step) * step
    if (rounded > totalMinor) out.add(rounded)
    if (out.size >= 5) break
  }
  return [...out]
}
