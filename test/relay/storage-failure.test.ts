// A failed commit is never swallowed: nothing of it is forwarded, the doc's connections are
// closed with 1011 and the doc is unloaded. The failure is provoked for real, by dropping the
// update-log table from a second SQLite connection while the relay runs.
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../shared/node/sqlite.ts'
import {
  TestPeer,
  createOrg,
  enrollDevice,
  removeDir,
  scrapeMetrics,
  sleep,
  spawnRelay,
  stopRelay,
  withTimeout,
  type RelayProcess,
  tempDir,
} from '../support/index.ts'

const dataDir = tempDir('allot-relay-storage-').path
let relay: RelayProcess | undefined

afterAll(async () => {
  if (relay) await stopRelay(relay, 'SIGKILL')
  removeDir(dataDir)
})

describe('storage failure', () => {
  it('forwards nothing and closes the doc with 1011 when the commit fails', async () => {
    relay = await spawnRelay(dataDir)
    await createOrg(relay, 'sf')
    const writer = await enrollDevice(relay, 'sf', 'rW')
    const watcher = await enrollDevice(relay, 'sf', 'rV')
    const w = new TestPeer(`${relay.wsUrl}/sync/sf`, { token: writer.token })
    const v = new TestPeer(`${relay.wsUrl}/sync/sf`, { token: watcher.token })
    await Promise.all([w.waitSynced(), v.waitSynced()])
    w.doc.getArray('log:rW').push([{ seq: 1, id: 'a', type: 'sale', at: 'now', by: 'rW' }])
    await v.waitFor(() => v.doc.getArray('log:rW').length === 1, 10_000, 'first event')

    const sabotage = openDatabase(join(dataDir, 'relay.db'))
    sabotage.exec('DROP TABLE y_updates')
    sabotage.close()

    const receivedBefore = v.received.length
    const echoesBefore = w.received.length
    w.doc.getArray('log:rW').push([{ seq: 2, id: 'b', type: 'sale', at: 'now', by: 'rW' }])
    const [wClose, vClose] = await Promise.all([
      withTimeout(w.closed, 5000, 'writer closed'),
      withTimeout(v.closed, 5000, 'watcher closed'),
    ])
    expect(wClose.code).toBe(1011)
    expect(vClose.code).toBe(1011)
    expect(v.received.length).toBe(receivedBefore)
    expect(v.doc.getArray('log:rW').length).toBe(1)
    // the writer got no echo either: the event stays pending on its side, as it should
    expect(w.received.length).toBe(echoesBefore)
    await sleep(50)
    const metrics = await scrapeMetrics(relay)
    expect(metrics).toMatch(/allot_relay_storage_failures_total [1-9]/)
    expect(metrics).toContain('allot_relay_docs_loaded 0')
  })
})
