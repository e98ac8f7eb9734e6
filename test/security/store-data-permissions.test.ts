import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { connectApi, setUpStandaloneStore, startStoreNode, tempDir } from '../support/index.ts'

// A local user of the till's PC reads what the store node leaves readable: the WAL holds the relay
// device token, password hashes and the assistant key in plain text, `api-token` opens the API.
// A data directory made earlier (the demo, an installer) is 0755 and its files 0644.

const mode = (path: string) => statSync(path).mode & 0o777

/** Every file and folder under the data dir with its mode, e.g. {'store.db': 0o600, 'backups/': 0o700}. */
function modes(dataDir: string): Record<string, string> {
  const out: Record<string, string> = { './': mode(dataDir).toString(8) }
  for (const name of readdirSync(dataDir)) {
    const path = join(dataDir, name)
    if (statSync(path).isDirectory()) {
      out[`${name}/`] = mode(path).toString(8)
      for (const inner of readdirSync(path)) out[`${name}/${inner}`] = mode(join(path, inner)).toString(8)
    } else out[name] = mode(path).toString(8)
  }
  return out
}

function expectPrivate(dataDir: string): void {
  const found = modes(dataDir)
  const expected = Object.fromEntries(Object.keys(found).map((k) => [k, k.endsWith('/') ? '700' : '600']))
  expect(found).toEqual(expected)
}

describe('the store data directory is private (0700/0600) at every start', () => {
  const base = tempDir('data-permissions')
  const dataDir = join(base.path, 'store')
  afterAll(() => base.remove())

  it('creates its files 0600 in a directory an installer made 0755', async () => {
    mkdirSync(dataDir)
    chmodSync(dataDir, 0o755)
    const node = await startStoreNode(dataDir)
    try {
      const { api, transport } = await connectApi(node.ready.api, node.token)
      const tea = await setUpStandaloneStore(api, { sku: 'TEA', name: 'Tea', priceMinor: 300 }, 10)
      await api['sales.checkout']({
        idempotencyKey: 'perm-sale-1',
        lines: [{ productId: tea.id, qty: 1 }],
        payment: { method: 'card' },
      })
      await api['system.backup']({})
      await new Promise((resolve) => setTimeout(resolve, 400)) // the high-water mark is written lazily
      transport.close()
      expect(readdirSync(dataDir)).toEqual(
        expect.arrayContaining(['store.db', 'store.db-wal', 'store.db-shm', 'api-token', 'replica-hwm.json']),
      )
      expect(readdirSync(join(dataDir, 'backups'))).toHaveLength(1)
      expectPrivate(dataDir)
    } finally {
      // Killed, so the WAL and its index stay behind as after a power cut.
      await node.kill('SIGKILL')
    }
  })

  it('takes back 0755 and 0644 left by an older version or an installer', async () => {
    chmodSync(dataDir, 0o755)
    chmodSync(join(dataDir, 'backups'), 0o755)
    for (const name of readdirSync(dataDir)) if (name !== 'backups') chmodSync(join(dataDir, name), 0o644)
    for (const name of readdirSync(join(dataDir, 'backups'))) chmodSync(join(dataDir, 'backups', name), 0o644)
    expect(mode(join(dataDir, 'store.db-wal'))).toBe(0o644)

    const node = await startStoreNode(dataDir)
    try {
      expectPrivate(dataDir)
    } finally {
      await node.stop()
    }
  })
})
