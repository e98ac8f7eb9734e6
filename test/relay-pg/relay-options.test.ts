// The flags of the relay on PostgreSQL that need no server: --database and --admin-key-file
// parsing, and the admin key file's contract (created 0600 with a random key, never rewritten,
// trimmed content is the key), which holds for the SQLite relay too.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { loadOrCreateSharedKeyFile } from '../../sync-server/auth/admin-key.ts'
import { UsageError, parseArgs } from '../../sync-server/config.ts'
import { http, startInProcessRelay } from '../support/index.ts'

const dirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'allot-relay-options-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('relay flags for PostgreSQL', () => {
  it('takes --database with --admin-key-file and no --data', () => {
    const config = parseArgs([
      '--database',
      'postgres://127.0.0.1:5432/allot?user=relay',
      '--admin-key-file',
      '/etc/allot/admin-key',
      '--port',
      '0',
    ])
    expect(config).toMatchObject({
      dataDir: null,
      database: 'postgres://127.0.0.1:5432/allot?user=relay',
      adminKeyFile: '/etc/allot/admin-key',
      port: 0,
    })
  })

  it('refuses a non-PostgreSQL URL, and --database alone (no key, no data directory)', () => {
    expect(() => parseArgs(['--database', 'mysql://x/y', '--admin-key-file', 'k'])).toThrow(UsageError)
    expect(() => parseArgs(['--database', 'postgres://x/y'])).toThrow(/--admin-key-file/)
    expect(() => parseArgs(['--port', '0'])).toThrow(/--data is required/)
  })

  it('the systemd template unit starts a valid PostgreSQL instance per port', () => {
    const unit = readFileSync(join(import.meta.dirname, '../../deploy/systemd/allot-relay@.service'), 'utf8')
    const exec = /^ExecStart=(.+)$/m.exec(unit)![1]!.replaceAll('%i', '8788').split(' ')
    expect(exec.slice(0, 2)).toEqual(['/usr/bin/node', 'sync-server/cli.ts'])
    const config = parseArgs(exec.slice(2))
    expect(config).toMatchObject({ dataDir: null, adminKeyFile: '/etc/allot-relay/admin-key', port: 8788 })
    expect(config.database).toMatch(/^postgres:\/\//)
    expect(config.database).not.toMatch(/password/)
  })

  it('keeps SQLite the default: --data alone', () => {
    expect(parseArgs(['--data', '/d'])).toMatchObject({ dataDir: '/d', database: null, adminKeyFile: null })
  })
})

describe('admin key file', () => {
  it('is created 0600 with a random key when missing, and read back the same', () => {
    const file = join(tempDir(), 'admin-key')
    const first = loadOrCreateSharedKeyFile(file)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(first.key.length).toBeGreaterThanOrEqual(32)
    expect(loadOrCreateSharedKeyFile(file).key).toBe(first.key)
  })

  it('is never rewritten: the trimmed content is the key', () => {
    const file = join(tempDir(), 'admin-key')
    writeFileSync(file, '  operator-chosen-key-0123456789  \n\n', { mode: 0o640 })
    expect(loadOrCreateSharedKeyFile(file).key).toBe('operator-chosen-key-0123456789')
    expect(readFileSync(file, 'utf8')).toBe('  operator-chosen-key-0123456789  \n\n')
    expect(statSync(file).mode & 0o777).toBe(0o640)
  })

  it('refuses a key too short to be a secret', () => {
    const file = join(tempDir(), 'admin-key')
    writeFileSync(file, 'short\n')
    expect(() => loadOrCreateSharedKeyFile(file)).toThrow(/fewer than 16/)
  })

  it('works for the SQLite relay too', async () => {
    const dir = tempDir()
    const keyFile = join(dir, 'keys', 'admin')
    mkdirSync(join(dir, 'keys'))
    writeFileSync(keyFile, 'a-key-the-operator-keeps-elsewhere\n')
    const relay = await startInProcessRelay({
      dataDir: join(dir, 'data'),
      configure: (c) => (c.adminKeyFile = keyFile),
    })
    try {
      expect(relay.adminKey).toBe('a-key-the-operator-keeps-elsewhere')
      const created = await http(relay, 'POST', '/admin/orgs', { orgId: 'o', name: 'O' })
      expect(created.status).toBe(201)
      // the data directory holds no admin key of its own
      expect(() => statSync(join(dir, 'data', 'admin-key'))).toThrow()
    } finally {
      await relay.stop()
    }
  })
})
