// Compaction with several instances: both compact often while devices write through both; the
// organization lock makes one compactor at a time and a snapshot replaces only rows its doc
// holds, so nothing committed between the merge and the delete is lost.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import * as Y from 'yjs'
import { afterAll, describe, expect, it } from 'vitest'
import {
  TestPeer,
  createOrg,
  enrollDevice,
  stopRelay,
  waitUntil,
  type RelayProcess,
  postgresUnavailable,
  startPostgres,
  type PostgresServer,
  spawnPgRelay,
} from '../support/index.ts'

const ORG = 'chain'
let server: PostgresServer | undefined
let dir: string | undefined
const relays: RelayProcess[] = []
const peers: TestPeer[] = []

afterAll(async () => {
  for (const p of peers) p.close()
  await Promise.allSettled(relays.map((r) => stopRelay(r)))
  await server?.remove()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const event = (seq: number, by: string) => ({
  seq,
  id: `${by}-${seq}`,
  type: 'sale',
  at: new Date().toISOString(),
})

describe.skipIf(postgresUnavailable !== null)('compaction with two instances', () => {
  it('loses no row while both instances compact under concurrent writes', async () => {
    server = await startPostgres()
    const url = await server.createDatabase('compaction')
    dir = mkdtempSync(join(tmpdir(), 'allot-pg-compact-'))
    const keyFile = join(dir, 'admin-key')
    const extra = ['--compact-rows', '5', '--head-check-ms', '200']
    const [a, b] = await Promise.all([
      spawnPgRelay(url, keyFile, { extra }),
      spawnPgRelay(url, keyFile, { extra }),
    ])
    relays.push(a, b)
    await createOrg(a, ORG)
    const devA = await enrollDevice(a, ORG, 'rA')
    const devB = await enrollDevice(b, ORG, 'rB')
    const devC = await enrollDevice(a, ORG, 'rC')
    const wa = new TestPeer(`${a.wsUrl}/sync/${ORG}`, { token: devA.token })
    const wb = new TestPeer(`${b.wsUrl}/sync/${ORG}`, { token: devB.token })
    peers.push(wa, wb)
    await Promise.all([wa.waitSynced(), wb.waitSynced()])
    const n = 120
    const write = async (peer: TestPeer, replica: string) => {
      for (let i = 1; i <= n; i++) {
        peer.doc.getArray(`log:${replica}`).push([event(i, replica)])
        if (i % 3 === 0) await new Promise((r) => setTimeout(r, 2))
      }
    }
    await Promise.all([write(wa, 'rA'), write(wb, 'rB')])
    const complete = (doc: Y.Doc) =>
      doc.getArray('log:rA').length === n && doc.getArray('log:rB').length === n
    await wa.waitFor(() => complete(wa.doc), 15_000, 'A has both logs')
    await wb.waitFor(() => complete(wb.doc), 15_000, 'B has both logs')

    const client = new pg.Client(url)
    await client.connect()
    try {
      const rows = await client.query<{ n: number; snapshots: number }>(
        'SELECT COUNT(*)::int AS n, COUNT(*) FILTER (WHERE snapshot)::int AS snapshots FROM doc_updates WHERE org_id = $1',
        [ORG],
      )
      // compaction ran (a snapshot row) and the log no longer holds every one of the 240 appends
      expect(rows.rows[0]!.snapshots).toBeGreaterThanOrEqual(1)
      expect(rows.rows[0]!.n).toBeLessThan(2 * n)
      // what the log holds, replayed into a fresh doc, is everything
      const all = await client.query<{ update: Buffer }>(
        'SELECT update FROM doc_updates WHERE org_id = $1 ORDER BY seq',
        [ORG],
      )
      const replayed = new Y.Doc()
      for (const r of all.rows) Y.applyUpdate(replayed, r.update)
      expect(complete(replayed)).toBe(true)
    } finally {
      await client.end()
    }
    // a device loading cold through either instance sees every event once
    for (const relay of [a, b]) {
      const fresh = new TestPeer(`${relay.wsUrl}/sync/${ORG}`, { token: devC.token })
      peers.push(fresh)
      await fresh.waitSynced()
      await waitUntil(() => complete(fresh.doc), 10_000, 'fresh device complete')
      const ids = fresh.doc.getArray<{ id: string }>('log:rA').map((e) => e.id)
      expect(new Set(ids).size).toBe(n)
    }
  })
})
