/**
 * Barcodes as shops print them. GTIN codes (EAN-8, UPC-A, EAN-13, GTIN-14) end in a mod-10 check
 * digit: a code of 8, 12, 13 or 14 digits whose check digit is wrong was mistyped and would never
 * scan. Other codes (letters, store-internal numbers of other lengths) are accepted as they are.
 */
const GTIN_LENGTHS = new Set([8, 12, 13, 14])

/** The GTIN check digit of the digits before it. */
export function gtinCheckDigit(body: string): number {
  let sum = 0
  // From the right: weights 3, 1, 3, 1… on the body (the check digit itself is not in `body`).
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48
    sum += digit * (i % 2 === 0 ? 3 : 1)
  }
  return (10 - (sum % 10)) % 10
}

/** Why a barcode cannot be right, in words for staff; undefined when it can. */
export function barcodeProblem(code: string): string | undefined {
  if (code === '' || !/^\d+$/.test(code) || !GTIN_LENGTHS.has(code.length)) return undefined
  const expected = gtinCheckDigit(code.slice(0, -1))
  return Number(code.at(-1)) === expected
    ? undefined
    : `the last digit should be ${expected} (check digit): a digit was probably mistyped`
}

/**
 * A label printed by a shop's scale: an EAN-13 in the restricted range 2x carrying the product's
 * item code and a weight or a price (the common GS1 layout, as Odoo's default nomenclature reads it):
 *
 *     2 P IIIII VVVVV C    P = 1 or 2: VVVVV is a weight in grams
 *                          P = 3, 4 or 5: VVVVV is a price in minor units
 *
 * The product carries the label with the value zeroed (`itemBarcode`): "2112345000003" for item
 * 12345 weighed.
 */
export interface ScaleLabel {
  kind: 'weight' | 'price'
  /** The barcode the product is found by: the label with its value digits zero. */
  itemBarcode: string
  /** Grams (weight) or minor units (price). */
  value: number
}

const SCALE_LABEL = /^2([1-5])(\d{5})(\d{5})(\d)$/

/** The scale label `code` is, or undefined for any other code (or a label with a wrong check digit). */
export function parseScaleLabel(code: string): ScaleLabel | undefined {
  const m = SCALE_LABEL.exec(code)
  if (!m || barcodeProblem(code) !== undefined) return undefined
  const body = `2${m[1]}${m[2]}00000`
  return {
    kind: Number(m[1]) <= 2 ? 'weight' : 'price',
    itemBarcode: `${body}${gtinCheckDigit(body)}`,
    value: Number(m[3]),
  }
}

/** The label a scale prints for `itemBarcode` (value zeroed) with `value` in it. */
export function scaleLabelFor(itemBarcode: string, value: number): string {
  const body = `${itemBarcode.slice(0, 7)}${String(value).padStart(5, '0')}`
  return `${body}${gtinCheckDigit(body)}`
}
