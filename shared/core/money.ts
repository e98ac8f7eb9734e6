/** Money arithmetic in integer minor units (never floats). Prices are tax-exclusive. */

/** Tax of a line: net × rate (basis points), rounded half up. BigInt so large lines stay exact. */
export function lineTaxMinor(qty: number, unitPriceMinor: number, taxRate: number): number {
  const n = BigInt(qty) * BigInt(unitPriceMinor) * BigInt(taxRate)
  return Number((n + 5000n) / 10000n)
}

/** Net (tax-exclusive) amount of a line. */
export function lineNetMinor(qty: number, unitPriceMinor: number): number {
  return qty * unitPriceMinor
}

/** Net + tax of a line: what the customer pays for it. */
export function lineGrossMinor(qty: number, unitPriceMinor: number, taxRate: number): number {
  return lineNetMinor(qty, unitPriceMinor) + lineTaxMinor(qty, unitPriceMinor, taxRate)
}

export interface SaleTotals {
  subtotalMinor: number
  taxMinor: number
  totalMinor: number
}

/** Totals of a sale: tax is rounded per line, so receipts add up line by line. */
export function saleTotals(
  lines: ReadonlyArray<{ qty: number; unitPriceMinor: number; taxRate: number }>,
): SaleTotals {
  let subtotalMinor = 0
  let taxMinor = 0
  for (const l of lines) {
    subtotalMinor += lineNetMinor(l.qty, l.unitPriceMinor)
    taxMinor += lineTaxMinor(l.qty, l.unitPriceMinor, l.taxRate)
  }
  return { subtotalMinor, taxMinor, totalMinor: subtotalMinor + taxMinor }
}
