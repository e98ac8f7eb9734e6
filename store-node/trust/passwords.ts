import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

// scrypt with per-secret salt. Stored as `scrypt$N$r$p$salt$hash` (base64url) so parameters can be
// raised later without breaking old hashes. Async: scrypt is deliberately slow, keep the loop free.
const N = 16384
const r = 8
const p = 1
const keyLength = 32

/**
 * What a stored hash may ask for. Hashes arrive through the shared document, which a rogue device
 * can write: a hash with p=64 made one PIN try take 2.7 s. So only what we write (and one step up)
 * is ever run; anything else is "no match" without running scrypt.
 */
export const acceptedScrypt = {
  N: [2 ** 14, 2 ** 15],
  r: { min: 1, max: 8 },
  p: { min: 1, max: 2 },
  saltBytes: { min: 16, max: 64 },
} as const

const storedShape =
  /^scrypt\$(\d{1,10})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9_-]{1,200})\$([A-Za-z0-9_-]{1,200})$/

interface StoredHash {
  n: number
  r: number
  p: number
  salt: Buffer
  hash: Buffer
}

/** The stored hash's parameters if they are within `acceptedScrypt`, else why not. */
export function parseStoredHash(stored: string): StoredHash | { refused: string } {
  const match = storedShape.exec(stored)
  if (!match) return { refused: 'not a scrypt$N$r$p$salt$hash string' }
  const [, n, rr, pp, salt, hash] = match as unknown as [string, string, string, string, string, string]
  const parsed = {
    n: Number(n),
    r: Number(rr),
    p: Number(pp),
    salt: Buffer.from(salt, 'base64url'),
    hash: Buffer.from(hash, 'base64url'),
  }
  if (!(acceptedScrypt.N as readonly number[]).includes(parsed.n)) return { refused: `N=${parsed.n}` }
  if (parsed.r < acceptedScrypt.r.min || parsed.r > acceptedScrypt.r.max) return { refused: `r=${parsed.r}` }
  if (parsed.p < acceptedScrypt.p.min || parsed.p > acceptedScrypt.p.max) return { refused: `p=${parsed.p}` }
  if (parsed.salt.length < acceptedScrypt.saltBytes.min || parsed.salt.length > acceptedScrypt.saltBytes.max)
    return { refused: `salt of ${parsed.salt.length} bytes` }
  if (parsed.hash.length !== keyLength) return { refused: `hash of ${parsed.hash.length} bytes` }
  return parsed
}

function derive(secret: string, salt: Buffer, n: number, rr: number, pp: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      secret.normalize('NFKC'),
      salt,
      keyLength,
      { N: n, r: rr, p: pp, maxmem: 64 * 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  )
}

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(secret, salt, N, r, p)
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

/**
 * True when `secret` matches `stored`. An empty or missing hash is no match; a hash whose
 * parameters are out of bounds is no match too, reported to `onRefused` (never with the hash).
 */
export async function verifySecret(
  secret: string,
  stored: string | undefined,
  onRefused: (why: string) => void = () => {},
): Promise<boolean> {
  if (!stored) return false
  const parsed = parseStoredHash(stored)
  if ('refused' in parsed) {
    onRefused(parsed.refused)
    return false
  }
  const actual = await derive(secret, parsed.salt, parsed.n, parsed.r, parsed.p)
  return actual.length === parsed.hash.length && timingSafeEqual(actual, parsed.hash)
}
