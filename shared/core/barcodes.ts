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
