// Secrets handed to devices and admins. Only SHA-256 digests of device tokens and enrollment
// codes are stored, so a copy of the relay database does not let anyone impersonate a store.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

export function newDeviceToken(): string {
  return `alt_${randomBytes(32).toString('base64url')}`
}

export function newAdminKey(): string {
  return randomBytes(32).toString('base64url')
}

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`
}

// Crockford-like alphabet without look-alike characters, because codes are typed by people.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789'

/** 12 characters from a 30-letter alphabet (~59 bits), shown as XXXX-XXXX-XXXX. */
export function newEnrollmentCode(): string {
  const bytes = randomBytes(12)
  let code = ''
  for (let i = 0; i < 12; i++) {
    // 256 % 30 bias is negligible for a single-use, expiring code
    code += CODE_ALPHABET[bytes[i]! % CODE_ALPHABET.length]
    if (i === 3 || i === 7) code += '-'
  }
  return code
}

/** Codes are compared case-insensitively and without separators. */
export function normalizeEnrollmentCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '')
}

export function sha256Hex(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex')
}

export function secretsEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a).digest()
  const db = createHash('sha256').update(b).digest()
  return timingSafeEqual(da, db)
}
