// The migration tool: a SQLite relay with an organization, devices, events, codes and an
// integration key is copied into PostgreSQL; relay instances on PostgreSQL then serve the same
// devices (old tokens), the same document and archive, and resume a feed cursor saved before.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  TestPeer,
  createOrg,
  enrollDevice,
  http,
  removeDir,
  stopRelay,
  type RelayProcess,
  startInProcessRelay,
  postgresUnavailable,
  startPostgres,
  type PostgresServer,
  repoRoot,
  tempDir,
  spawnPgRelay,
} from '../support/index.ts'

const ORG = 'chain'
let server: PostgresServer | undefined
let dataDir: string | undefined
let pgRelay: RelayProcess | undefined

afterAll(async () => {
  if (pgRelay) await stopRelay(pgRelay)
  await server?.remove()
  if (dataDir) removeDir(dataDir)
})

const event = (seq: number, by: string) => ({
  seq,
  id: `${by}-${seq}`,
  type: 'sale',
  at: new Date().toISOString(),
})
const runTool = (url: string) =>
  spawnSync(
    process.execPath,
    [join(repoRoot, 'scripts/relay-to-postgres.ts'), '--data', dataDir!, '--database', url],
    {
      encoding: 'utf8',
    },
  )

describe.skipIf(postgresUnavailable !== null)('moving a SQLite relay into PostgreSQL', () => {
  it('keeps devices, document, archive, codes and feed cursors', async () => {
    dataDir = tempDir('allot-relay-to-pg-').path
    const sqlite = await startInProcessRelay({ dataDir })
    await createOrg(sqlite, ORG)
    const dev = await enrollDevice(sqlite, ORG, 'rA')
    const unused = await http(sqlite, 'POST', `/admin/orgs/${ORG}/enrollment-codes`, { storeName: 'Later' })
    const peer = new TestPeer(`${sqlite.wsUrl}/sync/${ORG}`, { token: dev.token })
    await peer.waitSynced()
    for (let i = 1; i <= 5; i++) peer.doc.getArray('log:rA').push([event(i, 'rA')])
    await peer.waitFor(() => peer.received.length >= 5, 10_000, 'echoes')
    peer.close()
    const key = await http(sqlite, 'POST', `/admin/orgs/${ORG}/integration-keys`, { name: 'erp' })
    const bearer = { bearer: key.json.key as string }
    const firstPage = await http(sqlite, 'GET', `/v1/orgs/${ORG}/events?limit=2`, undefined, bearer)
    expect(firstPage.json.events).toHaveLength(2)
    const archiveBefore = await http(sqlite, 'GET', `/admin/orgs/${ORG}/archive?limit=100`)
    await sqlite.stop()

    server = await startPostgres()
    const url = await server.createDatabase('moved')
    const copied = runTool(url)
    expect(copied.status, copied.stderr).toBe(0)
    const report = JSON.parse(copied.stdout.trim()) as { orgs: number; devices: number; archive: number }
    expect(report).toMatchObject({ orgs: 1, devices: 1, archive: 5 })

    pgRelay = await spawnPgRelay(url, join(dataDir ?? '', 'admin-key'))
    expect(pgRelay.adminKey).toBe(sqlite.adminKey)
    // the old device token works and the document is whole
    const again = new TestPeer(`${pgRelay.wsUrl}/sync/${ORG}`, { token: dev.token })
    await again.waitSynced()
    expect(again.doc.getArray('log:rA').length).toBe(5)
    // the device keeps writing after the move
    again.doc.getArray('log:rA').push([event(6, 'rA')])
    await again.waitFor(() => again.received.length >= 2, 10_000, 'echo after the move')
    again.close()
    const archiveAfter = await http(pgRelay, 'GET', `/admin/orgs/${ORG}/archive?limit=5`)
    expect(archiveAfter.json.events).toEqual(archiveBefore.json.events)
    // the feed cursor saved against the SQLite relay resumes
    const rest = await http(
      pgRelay,
      'GET',
      `/v1/orgs/${ORG}/events?after=${firstPage.json.cursor}`,
      undefined,
      bearer,
    )
    expect(rest.status).toBe(200)
    expect(rest.json.events.map((e: { eventId: string }) => e.eventId)).toEqual([
      'rA-3',
      'rA-4',
      'rA-5',
      'rA-6',
    ])
    // an unused code stays redeemable
    const enrolled = await http(
      pgRelay,
      'POST',
      '/enroll',
      { code: unused.json.code, replicaId: 'rB' },
      'none',
    )
    expect(enrolled.status).toBe(201)
    // a second copy into the now non-empty database is refused and changes nothing
    const twice = runTool(url)
    expect(twice.status).toBe(1)
    expect(twice.stderr).toContain('already holds organizations')
  })
})
