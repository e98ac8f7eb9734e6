/** Grams as staff read them: "0.523 kg" (three decimals, as scales print). */
export function formatKg(grams: number): string {
  const sign = grams < 0 ? '-' : ''
  const g = Math.abs(grams)
  return `${sign}${Math.floor(g / 1000)}.${String(g % 1000).padStart(3, '0')} kg`
}

/** A quantity of a product as staff read it: kilograms for one sold by weight, else units. */
export function formatQty(qty: number, byWeight: boolean): string {
  return byWeight ? formatKg(qty) : String(qty)
}

export { labelledQty, pricePerOf, GRAMS_PER_PRICE } from '../core/scale-line.ts'
export { parseScaleLabel } from '../core/barcodes.ts'
