// Field schemas shared by the StoreApi's method inputs (methods/<namespace>.ts). Inputs are strict
// objects: an unknown key is a VALIDATION error, so a typo never silently does something else.
import { z } from 'zod'
import { roles } from '../../core/schema.ts'
import { isIsoCurrency } from '../currency.ts'
import { CARD_ID_PATTERN, normaliseCardId } from '../../core/balances.ts'
import { barcodeProblem } from '../../core/barcodes.ts'

export const id = z.string().min(1).max(100)
/** A product barcode: GTINs (EAN-13, UPC-A, EAN-8) must carry the right check digit. */
export const barcode = z
  .string()
  .trim()
  .max(64)
  .superRefine((code, ctx) => {
    const problem = barcodeProblem(code)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })
export const text = (max: number) => z.string().trim().min(1).max(max)
export const qty = z.int().positive().max(1_000_000)
export const minor = z.int().min(0).max(1_000_000_000_000)
export const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date())
export const page = { offset: z.int().min(0).default(0), limit: z.int().min(1).max(1000).default(100) }
export const empty = z.strictObject({})
/** A phone number as people type it ('' for none). */
export const phone = z
  .string()
  .trim()
  .max(30)
  .regex(/^$|^\+?[0-9][0-9 ()./-]{2,}$/, 'a phone number: digits, spaces, + ( ) - /')
  .default('')
/** An e-mail address ('' for none). */
export const email = z
  .union([z.literal(''), z.email('an e-mail address such as ana@example.com')])
  .default('')
/** A product category as typed ('' for none). */
export const category = z.string().trim().max(100)

export const idempotencyKey = z.string().min(8).max(100)
export const adjustReasons = ['count', 'damaged', 'lost', 'found', 'expired', 'correction', 'theft'] as const

export const username = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[a-z0-9._-]+$/i, 'letters, digits, dot, dash and underscore only')
export const password = z.string().min(8).max(200)
export const pin = z.string().regex(/^\d{4,8}$/, 'four to eight digits')
export const role = z.enum(roles)
/** A card number as printed or scanned; spaces and case do not matter. */
export const cardId = z
  .string()
  .transform((s) => normaliseCardId(s))
  .pipe(z.string().regex(CARD_ID_PATTERN, 'a card number: 4 to 40 letters, digits and dashes'))
/** A manager's PIN typed on this till to approve what a cashier may not do alone. */
export const approval = z.strictObject({ username, pin })
/** Coins and notes counted: denomination in minor units → how many. */
export const denominations = z
  .record(z.string().regex(/^[1-9]\d{0,8}$/, 'a coin or note value in cents'), z.int().min(0).max(100_000))
  .refine((d) => Object.keys(d).length <= 40, 'at most 40 coin and note values')

/** A currency the platform knows (ISO 4217, from Intl): a typo such as "EUO" is refused. */
export const currencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR')
  .refine(isIsoCurrency, 'not an ISO 4217 currency code (for example EUR, USD, GBP)')
