// Several organizations written through two instances at once: one instance commits the updates
// of every organization it received in a tick in one transaction, taking their locks in one
// global order; each organization keeps its own total order, and nothing crosses organizations.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type * as Y from 'yjs'
import { afterAll, describe, expect, it } from 'vitest'
import {
  TestPeer,
  createOrg,
  enrollDevice,
  stopRelay,
  type RelayProcess,
  postgresUnavailable,
  startPostgres,
  type PostgresServer,
  spawnPgRelay,
} from '../support/index.ts'

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
const ORGS = ['north', 'south', 'east']
const N = 40

describe.skipIf(postgresUnavailable !== null)('several organizations on two instances', () => {
  it('keeps each organization whole and separate when their writes share transactions', async () => {
    server = await startPostgres()
    const url = await server.createDatabase('organizations')
    dir = mkdtempSync(join(tmpdir(), 'allot-pg-orgs-'))
    const keyFile = join(dir, 'admin-key')
    const [a, b] = await Promise.all([spawnPgRelay(url, keyFile), spawnPgRelay(url, keyFile)])
    relays.push(a, b)
    const writers: Array<{ peer: TestPeer; org: string; replica: string }> = []
    for (const org of ORGS) {
      await createOrg(a, org)
      for (const [i, relay] of [a, b].entries()) {
        const replica = `${org}-${i}`
        const dev = await enrollDevice(relay, org, replica)
        const peer = new TestPeer(`${relay.wsUrl}/sync/${org}`, { token: dev.token })
        peers.push(peer)
        writers.push({ peer, org, replica })
      }
    }
    await Promise.all(writers.map((w) => w.peer.waitSynced()))
    // every writer pushes at once: each instance receives several organizations in one tick
    for (let i = 1; i <= N; i++) {
      for (const w of writers) w.peer.doc.getArray(`log:${w.replica}`).push([event(i, w.replica)])
      if (i % 4 === 0) await new Promise((r) => setTimeout(r, 1))
    }
    const complete = (doc: Y.Doc, org: string) =>
      [0, 1].every((i) => doc.getArray(`log:${org}-${i}`).length === N)
    for (const w of writers)
      await w.peer.waitFor(() => complete(w.peer.doc, w.org), 15_000, `${w.replica} sees its organization`)
    // nothing of another organization reached a device
    for (const w of writers)
      for (const other of ORGS.filter((o) => o !== w.org))
        expect(w.peer.doc.share.has(`log:${other}-0`), `${w.replica} holds ${other}`).toBe(false)
    // each organization's log: one gap-free order with every update in it
    const client = new pg.Client(url)
    await client.connect()
    try {
      for (const org of ORGS) {
        const rows = await client.query<{ n: number; head: number; min: number }>(
          'SELECT COUNT(*)::int AS n, MAX(seq)::int AS head, MIN(seq)::int AS min FROM doc_updates WHERE org_id = $1',
          [org],
        )
        const head = await client.query<{ head: number }>(
          'SELECT head::int FROM doc_heads WHERE org_id = $1',
          [org],
        )
        expect(rows.rows[0]!.head).toBe(head.rows[0]!.head)
        // no compaction at this size: every row is there, numbered 1..head without a gap
        expect(rows.rows[0]).toMatchObject({ min: 1, n: head.rows[0]!.head })
      }
    } finally {
      await client.end()
    }
  })
})
