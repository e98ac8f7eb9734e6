/**
 * Money arithmetic in integer minor units (never floats). A line's price is tax-exclusive unless
 * the sale says prices include tax (EU shelf prices). Discounts come off the price before tax; tax
 * is rounded half up per line, so receipts add up line by line.
 */

/** round(a × b / d) half up, in BigInt so large lines stay exact. */
export function mulDivRound(a: number, b: number, d: number): number {
  const n = BigInt(a) * BigInt(b)
  const dd = BigInt(d)
  return Number((n * 2n + dd) / (2n * dd))
}

/**
 * What `qty` units cost at `unitPriceMinor` for every `pricePer` of them (1 unless the price is
 * for many units: 1,000 for a price per kilogram of a product counted in grams, or a scale label's
 * whole weight for its printed price), rounded half up.
 */
export function lineBaseMinor(l: {
  qty: number
  unitPriceMinor: number
  pricePer?: number | undefined
}): number {
  return l.pricePer === undefined || l.pricePer === 1
    ? l.qty * l.unitPriceMinor
    : mulDivRound(l.qty, l.unitPriceMinor, l.pricePer)
}

/** A sale line as money sees it: its discounts are in price terms (tax included when prices do). */
export interface MoneyLine {
  qty: number
  unitPriceMinor: number
  /** The price is for this many units (absent: one). */
  pricePer?: number | undefined
  taxRate: number
  /** This line's own discount. */
  discount?: { amountMinor: number } | undefined
  /** Its share of a basket discount. */
  basketShareMinor?: number | undefined
}

export interface LineAmounts {
  netMinor: number
  taxMinor: number
  grossMinor: number
  /** Everything taken off the line's price (its discount and basket share). */
  discountMinor: number
}

/** What a line costs after its discounts, with its tax, in either price mode. */
export function lineAmounts(line: MoneyLine, pricesIncludeTax = false): LineAmounts {
  const discountMinor = (line.discount?.amountMinor ?? 0) + (line.basketShareMinor ?? 0)
  const priced = lineBaseMinor(line) - discountMinor
  if (!pricesIncludeTax) {
    const taxMinor = mulDivRound(priced, line.taxRate, 10_000)
    return { netMinor: priced, taxMinor, grossMinor: priced + taxMinor, discountMinor }
  }
  // the price holds the tax: net = gross / (1 + rate), rounded half up; tax is the rest
  const netMinor = mulDivRound(priced, 10_000, 10_000 + line.taxRate)
  return { netMinor, taxMinor: priced - netMinor, grossMinor: priced, discountMinor }
}

/** An amount with tax in it, split at `rateBp` into net and tax (net rounded half up). */
export function splitTaxIncluded(grossMinor: number, rateBp: number): { netMinor: number; taxMinor: number } {
  const netMinor = mulDivRound(grossMinor, 10_000, 10_000 + rateBp)
  return { netMinor, taxMinor: grossMinor - netMinor }
}

export interface SaleTotals {
  subtotalMinor: number
  taxMinor: number
  totalMinor: number
}

/** Totals of a sale: the sum of its lines' amounts (tax rounded per line). */
export function saleTotals(lines: ReadonlyArray<MoneyLine>, pricesIncludeTax = false): SaleTotals {
  let subtotalMinor = 0
  let taxMinor = 0
  for (const l of lines) {
    const a = lineAmounts(l, pricesIncludeTax)
    subtotalMinor += a.netMinor
    taxMinor += a.taxMinor
  }
  return { subtotalMinor, taxMinor, totalMinor: subtotalMinor + taxMinor }
}

/** Net and tax per tax rate, lowest rate first (what a receipt and a VAT report show). */
export function taxByRate(
  lines: ReadonlyArray<MoneyLine>,
  pricesIncludeTax = false,
): Array<{ rateBp: number; netMinor: number; taxMinor: number }> {
  const byRate = new Map<number, { netMinor: number; taxMinor: number }>()
  for (const l of lines) {
    const a = lineAmounts(l, pricesIncludeTax)
    const t = byRate.get(l.taxRate) ?? { netMinor: 0, taxMinor: 0 }
    t.netMinor += a.netMinor
    t.taxMinor += a.taxMinor
    byRate.set(l.taxRate, t)
  }
  return [...byRate].sort(([a], [b]) => a - b).map(([rateBp, t]) => ({ rateBp, ...t }))
}

/** A discount as typed: a percentage (basis points) of an amount, or a fixed amount. */
export type DiscountSpec = { percentBp: number } | { amountMinor: number }

/** What a discount takes off `baseMinor`: a percentage rounded half up, never more than the base. */
export function discountOf(spec: DiscountSpec, baseMinor: number): number {
  const off = 'percentBp' in spec ? mulDivRound(baseMinor, spec.percentBp, 10_000) : spec.amountMinor
  return Math.max(0, Math.min(baseMinor, off))
}

/**
 * Shares `amountMinor` among parts in proportion to their weights, exactly: each gets the floor of
 * its share, and the units left go to the largest remainders (ties to the earlier part).
 */
export function apportion(amountMinor: number, weights: readonly number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0)
  if (total <= 0 || amountMinor <= 0) return weights.map(() => 0)
  const exact = weights.map((w) => BigInt(amountMinor) * BigInt(w))
  const shares = exact.map((e) => Number(e / BigInt(total)))
  let left = amountMinor - shares.reduce((s, x) => s + x, 0)
  const order = exact
    .map((e, i) => ({ i, rem: e % BigInt(total) }))
    .sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1))
  for (const { i } of order) {
    if (left === 0) break
    shares[i]! += 1
    left -= 1
  }
  return shares
}

/**
 * What refunding `qty` more units of a product pays back, when `before` were already refunded of
 * `soldQty` sold for `paidMinor` in all: the share up to the new total minus the share before it,
 * so the refunds of a product always add up to exactly what was paid for it.
 */
export function refundShareMinor(paidMinor: number, soldQty: number, before: number, qty: number): number {
  return mulDivRound(paidMinor, before + qty, soldQty) - mulDivRound(paidMinor, before, soldQty)
}

/**
 * Everything a sale's lines were given off their catalog prices: discounts, basket shares and
 * price overrides below the catalog price (in price terms).
 */
export function discountsMinor(
  lines: ReadonlyArray<MoneyLine & { override?: { listPriceMinor: number } | undefined }>,
): number {
  let off = 0
  for (const l of lines) {
    off += (l.discount?.amountMinor ?? 0) + (l.basketShareMinor ?? 0)
    if (l.override)
      off += Math.max(
        0,
        lineBaseMinor({ ...l, unitPriceMinor: l.override.listPriceMinor }) - lineBaseMinor(l),
      )
  }
  return off
}

/** A cart line as the cashier set it: its unit price (the catalog's or an override), its discount. */
export interface CartPricingLine {
  qty: number
  unitPriceMinor: number
  pricePer?: number | undefined
  taxRate: number
  discount?: DiscountSpec | undefined
}

/**
 * Prices a cart the way the sale is recorded: each line's own discount on its price, then the
 * basket discount on what is left, shared among the lines by what is left of each.
 */
export function priceCart(
  lines: readonly CartPricingLine[],
  basket: DiscountSpec | undefined,
  pricesIncludeTax = false,
): { lines: MoneyLine[]; totals: SaleTotals; basketMinor: number } {
  const priced: MoneyLine[] = lines.map((l) => {
    const base = lineBaseMinor(l)
    const line: MoneyLine = { qty: l.qty, unitPriceMinor: l.unitPriceMinor, taxRate: l.taxRate }
    if (l.pricePer !== undefined && l.pricePer !== 1) line.pricePer = l.pricePer
    if (l.discount) line.discount = { amountMinor: discountOf(l.discount, base) }
    return line
  })
  const left = priced.map((l) => lineBaseMinor(l) - (l.discount?.amountMinor ?? 0))
  const basketMinor = basket
    ? discountOf(
        basket,
        left.reduce((s, x) => s + x, 0),
      )
    : 0
  apportion(basketMinor, left).forEach((share, i) => {
    if (share > 0) priced[i]!.basketShareMinor = share
  })
  return { lines: priced, totals: saleTotals(priced, pricesIncludeTax), basketMinor }
}
