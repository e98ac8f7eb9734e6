// Attack (a local user on the relay's machine): read the relay's data directory. A directory that
// already existed (made by an installer, a restore, a container volume) kept mode 0755 and its
// files 0644: relay.db holds device-token hashes and the whole sales archive, the WAL recent
// writes, admin-key the key to the admin API. The relay now forces the directory to 0700 and
// relay.db, -wal, -shm, admin-key and metrics-key to 0600 at every start.
import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  TestPeer,
  createOrg,
  enrollDevice,
  removeDir,
  spawnRelay,
  stopRelay,
  type RelayProcess,
  tempDir,
} from '../support/index.ts'

const dirs: string[] = []
const relays: RelayProcess[] = []

afterAll(async () => {
  for (const r of relays) await stopRelay(r, 'SIGKILL')
  for (const d of dirs) removeDir(d)
})

const FILES = ['relay.db', 'relay.db-wal', 'relay.db-shm', 'admin-key', 'metrics-key']
const mode = (path: string) => statSync(path).mode & 0o777

describe('data directory modes', () => {
  it('forces 0700 on an existing 0755 directory and 0600 on its 0644 files at start', async () => {
    const parent = tempDir('allot-sec-modes-').path
    dirs.push(parent)
    const dataDir = join(parent, 'relay-data')
    // a relay that ran and was killed: the WAL and shared-memory files are still there
    const first = await spawnRelay(dataDir)
    relays.push(first)
    await createOrg(first, 'org')
    const device = await enrollDevice(first, 'org', 'r1')
    const peer = new TestPeer(`${first.wsUrl}/sync/org`, { token: device.token })
    await peer.waitSynced()
    peer.doc.getArray('log:r1').push([{ seq: 1, id: 'e1', type: 'sale', at: 'now', by: 'c' }])
    await peer.waitFor(() => peer.received.length >= 2, 5000, 'echo')
    peer.close()
    await stopRelay(first, 'SIGKILL')
    for (const f of FILES) expect(existsSync(join(dataDir, f)), f).toBe(true)

    // what an installer or a restore with another umask leaves behind
    chmodSync(dataDir, 0o755)
    for (const f of FILES) chmodSync(join(dataDir, f), 0o644)

    const second = await spawnRelay(dataDir)
    relays.push(second)
    expect(mode(dataDir)).toBe(0o700)
    for (const f of FILES) if (existsSync(join(dataDir, f))) expect(mode(join(dataDir, f)), f).toBe(0o600)
    expect(existsSync(join(dataDir, 'relay.db-wal'))).toBe(true)
  })

  it('makes a pre-created empty directory 0700 and creates its files 0600', async () => {
    const parent = tempDir('allot-sec-modes-').path
    dirs.push(parent)
    const dataDir = join(parent, 'fresh')
    mkdirSync(dataDir, { mode: 0o755 })
    chmodSync(dataDir, 0o755)
    // an empty database file created by a packaging script with a permissive umask
    writeFileSync(join(dataDir, 'relay.db'), '', { mode: 0o644 })
    const relay = await spawnRelay(dataDir)
    relays.push(relay)
    expect(mode(dataDir)).toBe(0o700)
    for (const f of FILES) if (existsSync(join(dataDir, f))) expect(mode(join(dataDir, f)), f).toBe(0o600)
    // SQLite created -wal and -shm after the database was made 0600: they follow its mode
    expect(existsSync(join(dataDir, 'relay.db-wal'))).toBe(true)
  })
})
