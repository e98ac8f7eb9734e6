/**
 * A sale line from a scale's label, and the pricing of products sold by weight. Pure: the till's
 * cart, the store's checks and the core's sale event compute it alike.
 */
import { parseScaleLabel } from './barcodes.ts'
import { lineBaseMinor, mulDivRound } from './money.ts'

/** A product sold by weight counts grams and is priced per kilogram. */
export const GRAMS_PER_PRICE = 1000

export interface ScaleProduct {
  name: string
  barcode: string
  priceMinor: number
  byWeight: boolean
}

/** How many units a product's price is for: a kilogram's grams when it is sold by weight. */
export function pricePerOf(product: Pick<ScaleProduct, 'byWeight'>): number {
  return product.byWeight ? GRAMS_PER_PRICE : 1
}

export interface LabelledQty {
  qty: number
  unitPriceMinor: number
  pricePer: number
}

/**
 * What a label sells of `product`: a weight label its grams at the price per kilogram; a price
 * label its printed price exactly, as the grams that price buys (or one piece of a product not
 * sold by weight). A string saying why not for a label that is not this product's or is empty.
 */
export function labelledQty(product: ScaleProduct, label: string): LabelledQty | string {
  const parsed = parseScaleLabel(label)
  if (!parsed) return `${label} is not a scale label, or a digit of it was misread`
  if (parsed.itemBarcode !== product.barcode) return `The label ${label} is not for ${product.name}`
  if (parsed.value === 0) return `The label ${label} shows nothing weighed`
  if (parsed.kind === 'weight') {
    if (!product.byWeight) return `${product.name} is not sold by weight`
    return { qty: parsed.value, unitPriceMinor: product.priceMinor, pricePer: GRAMS_PER_PRICE }
  }
  if (!product.byWeight) return { qty: 1, unitPriceMinor: parsed.value, pricePer: 1 }
  if (product.priceMinor === 0) return `${product.name} has no price per kilogram`
  // the grams the printed price buys; the line charges the printed price for them
  const grams = Math.max(1, mulDivRound(parsed.value, GRAMS_PER_PRICE, product.priceMinor))
  return { qty: grams, unitPriceMinor: parsed.value, pricePer: grams }
}

/** What a labelled quantity costs (the label's price for a price label). */
export const labelledMinor = (q: LabelledQty): number => lineBaseMinor(q)
