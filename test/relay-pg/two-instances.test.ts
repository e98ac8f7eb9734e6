// Two relay processes on one PostgreSQL database (started as operators start them): one
// organization served by both, updates fanned out across instances, forged writes refused
// through either instance and stored nowhere, kill -9 of an instance mid-stream.
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  TestPeer,
  createOrg,
  enrollDevice,
  http,
  stopRelay,
  waitUntil,
  withTimeout,
  type EnrolledDevice,
  type RelayProcess,
  postgresUnavailable,
  startPostgres,
  type PostgresServer,
  spawnPgRelay,
} from '../support/index.ts'

const ORG = 'chain'
let server: PostgresServer
let url: string
let dir: string
let keyFile: string
let a: RelayProcess
let b: RelayProcess
let devA: EnrolledDevice
let devB: EnrolledDevice
let devC: EnrolledDevice

const event = (seq: number, by: string) => ({
  seq,
  id: `${by}-${seq}`,
  type: 'sale',
  at: new Date().toISOString(),
  by,
})
/** The event ids an update carries (its items need not integrate into an empty doc). */
function eventIdsIn(update: Uint8Array): string[] {
  const ids: string[] = []
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue
    for (const value of struct.content.arr) {
      const id = (value as { id?: unknown } | null)?.id
      if (typeof id === 'string') ids.push(id)
    }
  }
  return ids
}
const sync = (relay: RelayProcess) => `${relay.wsUrl}/sync/${ORG}`

async function sql<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client(url)
  await client.connect()
  try {
    return (await client.query<T>(text, params)).rows
  } finally {
    await client.end()
  }
}

describe.skipIf(postgresUnavailable !== null)('two relay instances on one PostgreSQL database', () => {
  beforeAll(async () => {
    server = await startPostgres()
    url = await server.createDatabase('two_instances')
    dir = mkdtempSync(join(tmpdir(), 'allot-pg-relays-'))
    keyFile = join(dir, 'admin-key')
    // both start at the same moment on an empty database: one migrates, the other waits
    ;[a, b] = await Promise.all([spawnPgRelay(url, keyFile), spawnPgRelay(url, keyFile)])
    await createOrg(a, ORG)
  })

  afterAll(async () => {
    await Promise.allSettled([a && stopRelay(a), b && stopRelay(b)])
    await server?.remove()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('shares one admin key file (0600) and one schema migrated once', async () => {
    expect(a.adminKey).toBe(b.adminKey)
    expect(a.adminKey.length).toBeGreaterThanOrEqual(16)
    expect(statSync(keyFile).mode & 0o777).toBe(0o600)
    const versions = await sql<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')
    expect(versions.map((v) => v.version)).toEqual([1])
    for (const relay of [a, b]) expect((await fetch(`${relay.url}/readyz`)).status).toBe(200)
  })

  it('redeems on one instance a code issued on the other, and lists devices on both', async () => {
    devA = await enrollDevice(b, ORG, 'rA') // code from B, redeemed on B
    const code = await http(a, 'POST', `/admin/orgs/${ORG}/enrollment-codes`, { storeName: 'Store B' })
    expect(code.status).toBe(201)
    const enrolled = await http(b, 'POST', '/enroll', { code: code.json.code, replicaId: 'rB' }, 'none')
    expect(enrolled.status).toBe(201)
    devB = { deviceId: enrolled.json.deviceId, replicaId: 'rB', token: enrolled.json.token }
    // single use across instances
    const again = await http(a, 'POST', '/enroll', { code: code.json.code, replicaId: 'rX' }, 'none')
    expect(again.status).toBe(401)
    expect(again.json.error.code).toBe('code-used')
    devC = await enrollDevice(a, ORG, 'rC')
    for (const relay of [a, b]) {
      const list = await http(relay, 'GET', `/admin/orgs/${ORG}/devices`)
      expect(list.status).toBe(200)
      expect(list.json.devices.map((d: { replicaId: string }) => d.replicaId).sort()).toEqual([
        'rA',
        'rB',
        'rC',
      ])
    }
  })

  it('forwards what a device writes through one instance to devices on the other', async () => {
    const pa = new TestPeer(sync(a), { token: devA.token })
    const pc = new TestPeer(sync(b), { token: devC.token })
    try {
      await Promise.all([pa.waitSynced(), pc.waitSynced()])
      pa.doc.transact(() => {
        pa.doc.getArray('log:rA').push([event(1, 'rA'), event(2, 'rA')])
        pa.doc.getMap('replicas').set('rA', { storeId: 's1', status: 'active' })
      })
      await pc.waitFor(() => pc.doc.getArray('log:rA').length === 2, 10_000, 'C on B sees A on A')
      // and back: C writes through B, A on A sees it
      pc.doc.getArray('log:rC').push([event(1, 'rC')])
      await pa.waitFor(() => pa.doc.getArray('log:rC').length === 1, 10_000, 'A sees C')
    } finally {
      pa.close()
      pc.close()
    }
  })

  it('refuses a forged write sent through the other instance: 4422, stored nowhere, never forwarded', async () => {
    const rowsBefore = await sql<{ n: number }>('SELECT COUNT(*)::int AS n FROM doc_updates')
    const headBefore = await sql<{ head: number }>('SELECT head::int FROM doc_heads WHERE org_id = $1', [ORG])
    const victim = new TestPeer(sync(a), { token: devA.token })
    const forger = new TestPeer(sync(b), { token: devB.token })
    try {
      await Promise.all([victim.waitSynced(), forger.waitSynced()])
      forger.doc.getArray('log:rA').push([event(99, 'rB')])
      const close = await withTimeout(forger.closed, 5000, 'forger closed')
      expect(close.code).toBe(4422)
      expect(close.reason).toContain('log:rA')
      // a later legitimate write from the victim: once its echo is back, anything forwarded before it would be too
      victim.doc.getArray('log:rA').push([event(3, 'rA')])
      await victim.waitFor(
        () => victim.received.some((u) => eventIdsIn(u).includes('rA-3')),
        10_000,
        'echo of seq 3',
      )
      const seqs = victim.doc
        .getArray<{ seq: number }>('log:rA')
        .toArray()
        .map((e) => e.seq)
      expect(seqs).toEqual([1, 2, 3])
      const archived = await sql('SELECT 1 FROM archive WHERE event_id = $1', ['rB-99'])
      expect(archived).toHaveLength(0)
      const rowsAfter = await sql<{ n: number }>('SELECT COUNT(*)::int AS n FROM doc_updates')
      const headAfter = await sql<{ head: number }>('SELECT head::int FROM doc_heads WHERE org_id = $1', [
        ORG,
      ])
      // exactly the victim's one update was appended (compaction only ever lowers the row count)
      expect(headAfter[0]!.head).toBe(headBefore[0]!.head + 1)
      expect(rowsAfter[0]!.n).toBeLessThanOrEqual(rowsBefore[0]!.n + 1)
    } finally {
      victim.close()
      forger.close()
    }
  })

  it('keeps every acknowledged update exactly once when an instance is killed mid-stream', async () => {
    const writer = new TestPeer(sync(a), { token: devA.token })
    const observer = new TestPeer(sync(b), { token: devC.token })
    await Promise.all([writer.waitSynced(), observer.waitSynced()])
    const base = writer.doc.getArray('log:rA').length
    // an update is acknowledged when its echo comes back; record which events each echo carried
    const acked = new Set<string>()
    const echoes = writer.received
    let sent = 0
    const stream = (async () => {
      for (let i = 0; i < 400 && writer.ws.readyState === writer.ws.OPEN; i++) {
        writer.doc.getArray('log:rA').push([event(base + 1 + i, 'rA')])
        sent++
        if (i % 5 === 4) await new Promise((r) => setTimeout(r, 1))
      }
    })()
    await waitUntil(() => echoes.length >= 20, 10_000, 'some updates acknowledged')
    a.child.kill('SIGKILL')
    await a.exited
    await stream
    for (const echo of echoes) for (const id of eventIdsIn(echo)) if (id.startsWith('rA-')) acked.add(id)
    writer.close()
    expect(acked.size).toBeGreaterThanOrEqual(20)
    expect(sent).toBeGreaterThan(acked.size - 1)
    // the observer on B, and a fresh device on B, see every acknowledged event exactly once
    await observer.waitFor(
      () => {
        const ids = new Set(observer.doc.getArray<{ id: string }>('log:rA').map((e) => e.id))
        return [...acked].every((id) => ids.has(id))
      },
      10_000,
      'observer has every acknowledged event',
    )
    observer.close()
    const fresh = new TestPeer(sync(b), { token: devC.token })
    await fresh.waitSynced()
    const ids = fresh.doc.getArray<{ id: string }>('log:rA').map((e) => e.id)
    fresh.close()
    for (const id of acked) expect(ids.filter((x) => x === id)).toHaveLength(1)
    expect(new Set(ids).size).toBe(ids.length)
    // the archive holds each acknowledged event once
    const archived = await sql<{ event_id: string; n: number }>(
      "SELECT event_id, COUNT(*)::int AS n FROM archive WHERE org_id = $1 AND replica_id = 'rA' GROUP BY event_id",
      [ORG],
    )
    const counts = new Map(archived.map((r) => [r.event_id, r.n]))
    for (const id of acked) expect(counts.get(id)).toBe(1)
    // the killed instance restarts on its port and serves the same state
    a = await spawnPgRelay(url, keyFile, { port: a.port })
    const back = new TestPeer(sync(a), { token: devC.token })
    await back.waitSynced()
    expect(back.doc.getArray('log:rA').length).toBe(ids.length)
    back.close()
  })

  it('closes a device revoked through the other instance, and refuses its writes from the commit on', async () => {
    const victim = await enrollDevice(a, ORG, 'rV')
    const peer = new TestPeer(sync(b), { token: victim.token })
    await peer.waitSynced()
    const revoked = await http(a, 'POST', `/admin/orgs/${ORG}/devices/${victim.deviceId}/revoke`)
    expect(revoked.status).toBe(200)
    // a write racing the notification is refused under the organization lock
    peer.doc.getArray('log:rV').push([event(1, 'rV')])
    const close = await withTimeout(peer.closed, 5000, 'revoked device closed')
    expect(close.code).toBe(4403)
    const archived = await sql('SELECT 1 FROM archive WHERE replica_id = $1', ['rV'])
    expect(archived).toHaveLength(0)
    const list = await http(b, 'GET', `/admin/orgs/${ORG}/devices`)
    const row = list.json.devices.find(
      (d: { deviceId?: string; id?: string }) => (d.deviceId ?? d.id) === victim.deviceId,
    )
    expect(row.sync.state).toBe('revoked')
  })

  it('resumes a feed cursor from one instance on the other', async () => {
    const issued = await http(a, 'POST', `/admin/orgs/${ORG}/integration-keys`, { name: 'erp' })
    expect(issued.status).toBe(201)
    const key = { bearer: issued.json.key as string }
    const first = await http(a, 'GET', `/v1/orgs/${ORG}/events?limit=2`, undefined, key)
    expect(first.status).toBe(200)
    expect(first.json.events).toHaveLength(2)
    const rest = await http(
      b,
      'GET',
      `/v1/orgs/${ORG}/events?limit=1000&after=${first.json.cursor}`,
      undefined,
      key,
    )
    expect(rest.status).toBe(200)
    const all = await http(b, 'GET', `/v1/orgs/${ORG}/events?limit=1000`, undefined, key)
    const ids = (page: { events: Array<{ eventId: string }> }) => page.events.map((e) => e.eventId)
    expect([...ids(first.json), ...ids(rest.json)]).toEqual(ids(all.json))
  })

  it('wakes a long-poll waiting on one instance when the event is committed through the other', async () => {
    const issued = await http(a, 'POST', `/admin/orgs/${ORG}/integration-keys`, { name: 'shop' })
    const key = { bearer: issued.json.key as string }
    const head = await http(b, 'GET', `/v1/orgs/${ORG}/events?limit=1000`, undefined, key)
    const waiting = http(b, 'GET', `/v1/orgs/${ORG}/events?after=${head.json.cursor}&wait=10`, undefined, key)
    const writer = new TestPeer(sync(a), { token: devA.token })
    try {
      await writer.waitSynced()
      const seq = writer.doc.getArray('log:rA').length + 1
      writer.doc.getArray('log:rA').push([event(seq, 'rA')])
      const woken = await withTimeout(waiting, 8000, 'long-poll answered')
      expect(woken.status).toBe(200)
      expect(woken.json.events.map((e: { eventId: string }) => e.eventId)).toEqual([`rA-${seq}`])
    } finally {
      writer.close()
    }
  })
})
