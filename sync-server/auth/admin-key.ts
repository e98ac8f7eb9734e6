// Keys that guard the relay's HTTP endpoints: the admin key (admin API, and /metrics) and the
// metrics key (/metrics only, for Prometheus). Each is generated on first start and written with
// mode 0600, so only the account running the relay (the IT person) can read it.
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { newAdminKey } from './tokens.ts'

export interface AdminKey {
  key: string
  file: string
}

const MIN_KEY_LENGTH = 16

/**
 * Reads the key in `file`, or writes a new one there. A key file in the data directory is forced
 * to 0600 and regenerated if it is too short; one the operator keeps elsewhere (`external`) keeps
 * its mode, so it can be shared with the scraper's account, and a short one is an error.
 */
export function loadOrCreateKeyFile(file: string, external = false): AdminKey {
  if (existsSync(file)) {
    const key = readFileSync(file, 'utf8').trim()
    if (key.length >= MIN_KEY_LENGTH) {
      if (!external) chmodSync(file, 0o600)
      return { key, file }
    }
    if (external) throw new Error(`key file ${file} holds fewer than ${MIN_KEY_LENGTH} characters`)
  }
  const key = newAdminKey()
  writeFileSync(file, `${key}\n`, { mode: 0o600 })
  chmodSync(file, 0o600)
  return { key, file }
}

export function loadOrCreateAdminKey(dataDir: string): AdminKey {
  return loadOrCreateKeyFile(join(dataDir, 'admin-key'))
}

/**
 * `--admin-key-file`: a key file several instances may start on at the same moment. Created once
 * with a random key (written to a private temp file, then linked into place, so no instance
 * ever reads a half-written key), mode 0600; a file that exists is never rewritten. The trimmed
 * content is the key.
 */
export function loadOrCreateSharedKeyFile(file: string): AdminKey {
  if (!existsSync(file)) {
    const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
    writeFileSync(temp, `${newAdminKey()}\n`, { mode: 0o600, flag: 'wx' })
    try {
      linkSync(temp, file)
    } catch (err) {
      // another instance created it first: its key is the key
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    } finally {
      unlinkSync(temp)
    }
  }
  const key = readFileSync(file, 'utf8').trim()
  if (key.length < MIN_KEY_LENGTH)
    throw new Error(`key file ${file} holds fewer than ${MIN_KEY_LENGTH} characters`)
  return { key, file }
}
