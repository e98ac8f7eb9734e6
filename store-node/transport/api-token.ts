import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { makePrivate, writePrivateFileSync } from '../infra/private-files.ts'

/** The headless API's token: created once (mode 0600) in the data dir, reused afterwards. */
export function ensureApiToken(file: string): string {
  if (existsSync(file)) {
    makePrivate(file)
    const token = readFileSync(file, 'utf8').trim()
    if (token.length >= 32) return token
  }
  const token = randomBytes(32).toString('base64url')
  writePrivateFileSync(file, `${token}\n`)
  return token
}
