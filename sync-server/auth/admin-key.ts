// Keys that guard the relay's HTTP endpoints: the admin key (admin API, and /metrics) and the
// metrics key (/metrics only, for Prometheus). Each is generated on first start and written with
// mode 0600, so only the account running the relay (the IT person) can read it.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
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
