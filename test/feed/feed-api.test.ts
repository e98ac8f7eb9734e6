// The business event feed against the REAL relay process: integration keys (issue, hash-only
// storage, revoke), errors as {code, message, details}, decoded envelopes in arrival order,
// paging with cursors, type filters, long-poll, and the cursor safety checks.
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createOrg,
  enrollDevice,
  http,
  removeDir,
  scrapeMetrics,
  spawnRelay,
  stopRelay,
  waitUntil,
  type RelayProcess,
  tempDir,
} from '../support/index.ts'
import { SseClient, Writer, drain, feed, issueKey } from './feed-helpers.ts'

let relay: RelayProcess
let dataDir: string
let key: { id: string; key: string }
let w1: Writer
let w2: Writer
const ORG = 'feedorg'

beforeAll(async () => {
  dataDir = tempDir('allot-feed-api-').path
  relay = await spawnRelay(dataDir)
  await createOrg(relay, ORG)
  await createOrg(relay, 'otherorg')
  const d1 = await enrollDevice(relay, ORG, 'r1')
  const d2 = await enrollDevice(relay, ORG, 'r2')
  key = await issueKey(relay, ORG)
  w1 = new Writer('r1', d1.token)
  w2 = new Writer('r2', d2.token)
  await w1.connect(relay, ORG)
  await w2.connect(relay, ORG)
})

afterAll(async () => {
  w1?.close()
  w2?.close()
  await stopRelay(relay)
  removeDir(dataDir)
})

async function archived(n: number): Promise<void> {
  await waitUntil(
    async () => (await http(relay, 'GET', `/admin/orgs/${ORG}/archive?limit=10000`)).json.events.length >= n,
    10_000,
    `${n} archived events`,
  )
}

describe('integration keys and errors', () => {
  it('stores only a hash of the key and lists keys without secrets', async () => {
    const list = await http(relay, 'GET', `/admin/orgs/${ORG}/integration-keys`)
    expect(list.status).toBe(200)
    expect(list.json.keys).toEqual([expect.objectContaining({ id: key.id, name: 'erp', revokedAt: null })])
    expect(JSON.stringify(list.json)).not.toContain(key.key)
    expect(key.key).toMatch(/^aik_/)
    const db = new Database(join(dataDir, 'relay.db'), { readonly: true })
    const dump = (db.prepare('SELECT key_hash FROM integration_keys').all() as Array<{ key_hash: string }>)
      .map((r) => r.key_hash)
      .join('\n')
    db.close()
    expect(dump).not.toContain(key.key)
    expect(dump.trim()).toMatch(/^[0-9a-f]{64}$/m)
  })

  it('needs the admin key to issue keys and validates the body', async () => {
    expect(
      (await http(relay, 'POST', `/admin/orgs/${ORG}/integration-keys`, { name: 'x' }, 'none')).status,
    ).toBe(401)
    const bad = await http(relay, 'POST', `/admin/orgs/${ORG}/integration-keys`, { name: '' })
    expect(bad.status).toBe(400)
    expect((await http(relay, 'POST', `/admin/orgs/nope/integration-keys`, { name: 'x' })).status).toBe(404)
  })

  it('answers missing, unknown, foreign and revoked keys with 401/403 {code, message, details}', async () => {
    const none = await feed(relay, ORG, null)
    expect(none.status).toBe(401)
    const unauthorized = { code: 'unauthorized', message: expect.any(String), details: { orgId: ORG } }
    // the relay's error envelope, with the same fields at the top level (feed v1)
    expect(none.json).toEqual({ error: unauthorized, ...unauthorized })
    expect(none.headers.get('www-authenticate')).toContain('Bearer')

    const unknown = await feed(relay, ORG, 'aik_not-a-real-key')
    expect(unknown.status).toBe(401)
    expect(unknown.json.code).toBe('invalid-key')
    // a device token or the admin key is not an integration key
    expect((await feed(relay, ORG, relay.adminKey)).status).toBe(401)

    const other = await issueKey(relay, 'otherorg', 'shop')
    const foreign = await feed(relay, ORG, other.key)
    expect(foreign.status).toBe(403)
    expect(foreign.json).toMatchObject({ code: 'wrong-org', details: { orgId: ORG } })

    const revokedKey = await issueKey(relay, ORG, 'temp')
    expect((await feed(relay, ORG, revokedKey.key)).status).toBe(200)
    // an open stream of the key is ended at once by the revocation
    const sse = new SseClient()
    await sse.open(`${relay.url}/v1/orgs/${ORG}/events`, revokedKey.key)
    const revoke = await http(relay, 'POST', `/admin/orgs/${ORG}/integration-keys/${revokedKey.id}/revoke`)
    expect(revoke.status).toBe(200)
    expect(revoke.json).toMatchObject({ revoked: true, closedStreams: 1 })
    await sse.ended
    const revoked = await feed(relay, ORG, revokedKey.key)
    expect(revoked.status).toBe(403)
    const keyRevoked = { code: 'key-revoked', message: expect.any(String), details: { orgId: ORG } }
    expect(revoked.json).toEqual({ error: keyRevoked, ...keyRevoked })
    const again = await http(relay, 'POST', `/admin/orgs/${ORG}/integration-keys/${revokedKey.id}/revoke`)
    expect(again.json.alreadyRevoked).toBe(true)

    const metrics = await scrapeMetrics(relay)
    expect(metrics).toMatch(/allot_relay_auth_failures_total\{reason="feed-key-revoked"\} [1-9]/)
  })

  it('validates the query', async () => {
    const queries: Array<Record<string, string | number>> = [
      { limit: 0 },
      { limit: 5000 },
      { wait: 61 },
      { types: 'sale,checkpoint' },
      { wait: 'soon' },
    ]
    for (const q of queries) {
      const res = await feed(relay, ORG, key.key, q)
      expect(res.status, JSON.stringify(q)).toBe(400)
      expect(res.json).toMatchObject({ code: 'invalid-input', details: { issues: expect.any(Array) } })
    }
    const cursor = await feed(relay, ORG, key.key, { after: 'garbage!' })
    expect(cursor.status).toBe(400)
    expect(cursor.json.code).toBe('invalid-cursor')
    expect((await fetch(`${relay.url}/v1/orgs/${ORG}/events`, { method: 'POST' })).status).toBe(405)
  })
})

describe('events', () => {
  it('delivers decoded business events in arrival order, resumable from any cursor', async () => {
    w1.append(['restock', 'sale', 'checkpoint'])
    await archived(3)
    w2.append(['restock', 'request', 'sale'])
    await archived(6)
    w1.append(['adjust', 'sale'])
    await archived(8)

    const all = await drain(relay, ORG, key.key, undefined, 2)
    // checkpoint and request are sync mechanics, not business events
    expect(all.events.map((e) => `${e.replicaId}:${e.type}`)).toEqual([
      'r1:restock',
      'r1:sale',
      'r2:restock',
      'r2:sale',
      'r1:adjust',
      'r1:sale',
    ])
    const sale = all.events[1]
    expect(sale).toMatchObject({
      version: 1,
      orgId: ORG,
      type: 'sale',
      key: 'r1:2',
      replicaId: 'r1',
      storeName: 'Store r1',
      seq: 2,
      eventId: w1.written[1]!.id,
      at: '2030-01-02T03:04:05.000Z',
      by: 'user-r1',
      data: {
        lines: [{ productId: 'p1', qty: 2, unitPriceMinor: 250, taxRate: 2000 }],
        totals: { subtotalMinor: 500, taxMinor: 100, totalMinor: 600 },
        payment: { method: 'card', tenderedMinor: 600, changeMinor: 0 },
      },
    })
    expect(sale.data.seq).toBeUndefined()
    expect(sale.invalid).toBeUndefined()
    expect(Date.parse(sale.receivedAt)).toBeGreaterThan(Date.now() - 60_000)

    // resume from every event's cursor: exactly the rest, in order
    for (let i = 0; i < all.events.length; i++) {
      const rest = await drain(relay, ORG, key.key, all.events[i].cursor, 3)
      expect(rest.events.map((e) => e.key)).toEqual(all.events.slice(i + 1).map((e) => e.key))
    }
    // the final cursor is past the end: an empty page that keeps the cursor
    const tail = await feed(relay, ORG, key.key, { after: all.cursor! })
    expect(tail.json).toMatchObject({ version: 1, events: [], cursor: all.cursor, hasMore: false })

    // type filter; the cursor still moves past the filtered-out events
    const sales = await drain(relay, ORG, key.key, undefined, 1, 'sale')
    expect(sales.events.map((e) => e.key)).toEqual(['r1:2', 'r2:3', 'r1:5'])
    expect(sales.cursor).toBe(all.cursor)

    // only new events
    const latest = await feed(relay, ORG, key.key, { after: 'latest' })
    expect(latest.json.events).toEqual([])
    expect(latest.json.cursor).toBe(all.cursor)
  })

  it('long-polls: a waiting request returns as soon as an event arrives', async () => {
    const start = await drain(relay, ORG, key.key, undefined)
    const started = Date.now()
    const pending = feed(relay, ORG, key.key, { after: start.cursor!, wait: 20 })
    await new Promise((r) => setTimeout(r, 300))
    w2.append(['sale'])
    const res = await pending
    expect(res.status).toBe(200)
    expect(res.json.events.map((e: { key: string }) => e.key)).toEqual(['r2:4'])
    expect(Date.now() - started).toBeLessThan(5_000)
    // nothing new: returns empty after the wait
    const t0 = Date.now()
    const empty = await feed(relay, ORG, key.key, { after: res.json.cursor, wait: 1 })
    expect(empty.json.events).toEqual([])
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900)
  })

  it('refuses a cursor of another organization or one this relay never issued (409)', async () => {
    const mine = await drain(relay, ORG, key.key, undefined)
    const other = await issueKey(relay, 'otherorg', 'shop2')
    const res = await feed(relay, 'otherorg', other.key, { after: mine.events[0].cursor })
    expect(res.status).toBe(409)
    expect(res.json).toMatchObject({ code: 'cursor-unknown', details: { start: expect.any(String) } })
    // a position beyond the feed (e.g. a relay restored from an older backup)
    const ahead = Buffer.from('1.999999.abcdefghij').toString('base64url')
    const res2 = await feed(relay, ORG, key.key, { after: ahead })
    expect(res2.status).toBe(409)
    expect(res2.json.details.latest).toBe(mine.cursor)
  })
})

describe('examples/feed-consumer.ts', () => {
  it('runs, saves its cursor, and resumes from it on the next run', async () => {
    const { execFile } = await import('node:child_process')
    const { promisify } = await import('node:util')
    const { readFileSync } = await import('node:fs')
    const stateDir = tempDir('allot-feed-consumer-').path
    const state = join(stateDir, 'cursor')
    const run = async () => {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [
          join(import.meta.dirname, '../../examples/feed-consumer.ts'),
          '--relay',
          relay.url,
          '--org',
          ORG,
          '--state',
          state,
          '--once',
        ],
        { env: { ...process.env, ALLOT_FEED_KEY: key.key }, encoding: 'utf8' },
      )
      return stdout
        .trim()
        .split('\n')
        .filter((l) => l.length > 0)
        .map((l) => JSON.parse(l) as { key: string; type: string })
    }
    try {
      const all = await drain(relay, ORG, key.key, undefined)
      const first = await run()
      expect(first.map((e) => e.key)).toEqual(all.events.map((e) => e.key))
      expect(readFileSync(state, 'utf8').trim()).toBe(all.cursor)
      expect(await run()).toEqual([])
      w1.append(['sale', 'checkpoint', 'restock'])
      await waitUntil(
        async () => (await drain(relay, ORG, key.key, all.cursor)).events.length === 2,
        10_000,
        'new events',
      )
      const third = await run()
      expect(third.map((e) => `${e.key}:${e.type}`)).toEqual(['r1:6:sale', 'r1:8:restock'])
    } finally {
      removeDir(stateDir)
    }
  })
})
