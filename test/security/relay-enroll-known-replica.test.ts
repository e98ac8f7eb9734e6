// Attack: take over a store's replica with an enrollment code. After a store moved to a new device
// (its old device revoked), anyone holding a general code — one meant for a new till — redeemed
// it with that store's replicaId, wrote into the store's log and locked the real store out.
// A general code now binds only a replicaId the organization has never seen; a known one needs a
// code issued for exactly that replicaId.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { openDatabase, type Database } from '../../shared/node/sqlite.ts'
import { YUpdateLog } from '../../shared/node/update-log.ts'
import { RelayDatabase } from '../../sync-server/storage/relay-db.ts'
import { ReplicaHistory } from '../../sync-server/sync/replica-history.ts'
import {
  TestPeer,
  createOrg,
  enrollDevice,
  http,
  removeDir,
  spawnRelay,
  stopRelay,
  withTimeout,
  type RelayProcess,
  tempDir,
} from '../support/index.ts'

const ORG = 'chain'
let relay: RelayProcess
let dataDir: string

beforeAll(async () => {
  dataDir = tempDir('allot-sec-enroll-').path
  relay = await spawnRelay(dataDir)
  await createOrg(relay, ORG)
})

afterAll(async () => {
  if (relay) await stopRelay(relay)
  removeDir(dataDir)
})

async function generalCode(): Promise<string> {
  const res = await http(relay, 'POST', `/admin/orgs/${ORG}/enrollment-codes`, { storeName: 'New till' })
  expect(res.status).toBe(201)
  return res.json.code as string
}

/** A store that sold once through the relay: its replica has a log, archived events and a device. */
async function storeWithHistory(replicaId: string): Promise<{ deviceId: string }> {
  const device = await enrollDevice(relay, ORG, replicaId)
  const peer = new TestPeer(`${relay.wsUrl}/sync/${ORG}`, { token: device.token })
  await peer.waitSynced()
  peer.doc
    .getArray(`log:${replicaId}`)
    .push([{ seq: 1, id: `${replicaId}-1`, type: 'sale', at: 'now', by: 'c' }])
  await peer.waitFor(() => peer.received.length >= 2, 10_000, 'echo of the sale')
  peer.close()
  return { deviceId: device.deviceId }
}

describe('enrollment binds only new replicaIds, or the one a code was issued for', () => {
  it("refuses a general code for a relinked store's replicaId (409 replica-known), accepts a code issued for it", async () => {
    const { deviceId } = await storeWithHistory('r-downtown')
    // the store moved to a new device: the admin revoked the old one
    expect((await http(relay, 'POST', `/admin/orgs/${ORG}/devices/${deviceId}/revoke`)).status).toBe(200)

    // the attacker redeems a leaked general code with the store's replicaId
    const takeover = await http(
      relay,
      'POST',
      '/enroll',
      { code: await generalCode(), replicaId: 'r-downtown' },
      'none',
    )
    expect(takeover.status).toBe(409)
    expect(takeover.json.error.code).toBe('replica-known')
    // the message tells the admin what to do
    expect(takeover.json.error.message).toMatch(/r-downtown/)
    expect(takeover.json.error.message).toMatch(/enrollment-codes \{"replicaId": "r-downtown"\}/)
    expect(takeover.json.error.details).toMatchObject({ orgId: ORG, replicaId: 'r-downtown' })

    // the refused attempt did not use up the code: it still binds a new replicaId
    const code = await generalCode()
    expect((await http(relay, 'POST', '/enroll', { code, replicaId: 'r-downtown' }, 'none')).status).toBe(409)
    expect((await http(relay, 'POST', '/enroll', { code, replicaId: 'r-brand-new' }, 'none')).status).toBe(
      201,
    )

    // the legitimate relink: a code issued for exactly that replica
    const issued = await http(relay, 'POST', `/admin/orgs/${ORG}/enrollment-codes`, {
      replicaId: 'r-downtown',
    })
    const relink = await http(
      relay,
      'POST',
      '/enroll',
      { code: issued.json.code, replicaId: 'r-downtown' },
      'none',
    )
    expect(relink.status).toBe(201)
    const store = new TestPeer(`${relay.wsUrl}/sync/${ORG}`, { token: relink.json.token as string })
    await store.waitSynced()
    expect(store.doc.getArray('log:r-downtown').length).toBe(1)
    store.close()
  })

  it('still refuses a live replica (409 replica-bound), even with a code issued for it', async () => {
    await storeWithHistory('r-harbour')
    const general = await http(
      relay,
      'POST',
      '/enroll',
      { code: await generalCode(), replicaId: 'r-harbour' },
      'none',
    )
    expect(general.status).toBe(409)
    expect(general.json.error.code).toBe('replica-bound')
    const issued = await http(relay, 'POST', `/admin/orgs/${ORG}/enrollment-codes`, {
      replicaId: 'r-harbour',
    })
    const again = await http(
      relay,
      'POST',
      '/enroll',
      { code: issued.json.code, replicaId: 'r-harbour' },
      'none',
    )
    expect(again.status).toBe(409)
    expect(again.json.error.code).toBe('replica-bound')
  })

  it('a revoked device that never wrote still marks its replicaId as known', async () => {
    const device = await enrollDevice(relay, ORG, 'r-quiet')
    await http(relay, 'POST', `/admin/orgs/${ORG}/devices/${device.deviceId}/revoke`)
    const res = await http(
      relay,
      'POST',
      '/enroll',
      { code: await generalCode(), replicaId: 'r-quiet' },
      'none',
    )
    expect(res.status).toBe(409)
    expect(res.json.error.details.trace).toBe('device')
    // and the live peer of the revoked device stays out
    const peer = new TestPeer(`${relay.wsUrl}/sync/${ORG}`, { token: device.token })
    expect((await withTimeout(peer.closed, 5000, 'revoked close')).code).toBe(4403)
  })
})

describe('a replicaId known only from the document or the archive', () => {
  it('is refused to a general code although no device row names it', async () => {
    // A relay whose devices table does not name the replica (restored or rebuilt tables, or a
    // write that slipped past validation) but whose document and archive hold its history.
    const dir = tempDir('allot-sec-enroll-doc-').path
    let second: RelayProcess | undefined
    try {
      await stopRelay(await spawnRelay(dir)) // creates the schema
      const db = openDatabase(join(dir, 'relay.db'))
      const relayDb = new RelayDatabase(db)
      relayDb.createOrg(ORG, 'Chain', 1)
      const doc = new Y.Doc()
      doc.getArray('log:r-in-doc').push([{ seq: 1, id: 'e1', type: 'sale', at: 'now', by: 'c' }])
      new YUpdateLog(db).append(ORG, Y.encodeStateAsUpdate(doc))
      relayDb.archiveEvent(
        { orgId: ORG, replicaId: 'r-archived', seq: 1, eventId: 'e2', type: 'sale', at: null, body: '{}' },
        1,
      )
      db.close()
      second = await spawnRelay(dir)
      const relay2 = second
      for (const [replicaId, trace] of [
        ['r-in-doc', 'document'],
        ['r-archived', 'archive'],
      ] as const) {
        const code = await http(relay2, 'POST', `/admin/orgs/${ORG}/enrollment-codes`, {})
        const res = await http(relay2, 'POST', '/enroll', { code: code.json.code, replicaId }, 'none')
        expect(res.status, replicaId).toBe(409)
        expect(res.json.error).toMatchObject({ code: 'replica-known', details: { trace } })
      }
    } finally {
      if (second) await stopRelay(second)
      removeDir(dir)
    }
  })
})

describe('what counts as a known replicaId (real SQLite, real documents)', () => {
  let dir: string
  let db: Database
  let relayDb: RelayDatabase
  let updateLog: YUpdateLog
  let loaded: Y.Doc | undefined

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'allot-sec-history-'))
    db = openDatabase(join(dir, 'relay.db'))
    relayDb = new RelayDatabase(db)
    updateLog = new YUpdateLog(db)
    relayDb.createOrg('o', 'Org', 1)
  })
  afterAll(() => {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const history = () =>
    new ReplicaHistory({
      relayDb,
      loadedDoc: () => loaded,
      loadFromDisk: (orgId) => {
        const doc = new Y.Doc()
        updateLog.load(orgId, doc)
        return doc
      },
    })

  it('finds a device (live or revoked), an archived event, a log root or a replicas entry', () => {
    relayDb.insertDevice({
      id: 'd1',
      orgId: 'o',
      replicaId: 'r-dev',
      tokenHash: 'h1',
      storeName: null,
      now: 1,
    })
    relayDb.revokeDevice('o', 'd1', 2)
    relayDb.archiveEvent(
      { orgId: 'o', replicaId: 'r-arch', seq: 1, eventId: 'e1', type: 'sale', at: null, body: '{}' },
      3,
    )
    const doc = new Y.Doc()
    doc.getArray('log:r-log').push([{ seq: 1 }])
    doc.getArray('log:r-log').delete(0, 1) // emptied by a checkpoint: the root still exists
    doc.getMap('replicas').set('r-map', { storeId: 's', storeName: 'S', status: 'retired' })
    updateLog.append('o', Y.encodeStateAsUpdate(doc))

    const h = history()
    expect(h.traceOf('o', 'r-dev')).toBe('device')
    expect(h.traceOf('o', 'r-arch')).toBe('archive')
    expect(h.traceOf('o', 'r-log')).toBe('document')
    expect(h.traceOf('o', 'r-map')).toBe('document')
    expect(h.traceOf('o', 'r-new')).toBeNull()
    // traces are per organization
    expect(h.traceOf('other-org', 'r-dev')).toBeNull()

    // a loaded document (with state not yet on disk) is read instead of the disk
    loaded = new Y.Doc()
    loaded.getArray('log:r-mem').push([{ seq: 1 }])
    expect(history().traceOf('o', 'r-mem')).toBe('document')
    loaded = undefined
    expect(history().traceOf('o', 'r-mem')).toBeNull()
  })
})
