// The admin key guards the admin HTTP API. It is generated on first start and written to the
// data dir with mode 0600, so only the account running the relay (the IT person) can read it.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { newAdminKey } from './tokens.ts'

export interface AdminKey {
  key: string
  file: string
}

export function loadOrCreateAdminKey(dataDir: string): AdminKey {
  const file = join(dataDir, 'admin-key')
  if (existsSync(file)) {
    const key = readFileSync(file, 'utf8').trim()
    if (key.length >= 16) {
      chmodSync(file, 0o600)
      return { key, file }
    }
  }
  const key = newAdminKey()
  writeFileSync(file, `${key}\n`, { mode: 0o600 })
  chmodSync(file, 0o600)
  return { key, file }
}
