// The feed across relay restarts (graceful and kill -9, same data directory): a consumer that
// reads a page, loses the relay, and resumes with its saved cursor ends up with exactly the union
// of every event the stores wrote — each once, in one consistent order. Also SSE consumed by a
// real streaming client that reconnects with Last-Event-ID after each restart.
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import {
  createOrg,
  enrollDevice,
  removeDir,
  scrapeMetrics,
  spawnRelay,
  stopRelay,
  waitUntil,
  type RelayProcess,
  tempDir,
} from '../support/index.ts'
import { SseClient, Writer, drain, feed, issueKey, parsed } from './feed-helpers.ts'

const ORG = 'restarts'
const ARGS = ['--upgrade-rate', '1000', '--upgrade-burst', '1000']
const dirs: string[] = []
let relay: RelayProcess | undefined
const writers: Writer[] = []

afterAll(async () => {
  for (const w of writers) w.close()
  if (relay) await stopRelay(relay, 'SIGKILL')
  for (const d of dirs) removeDir(d)
})

function keysOf(writers: Writer[], types = ['sale', 'restock', 'adjust']): Set<string> {
  const keys = new Set<string>()
  for (const w of writers)
    for (const e of w.written)
      if (types.includes(e.type as string)) keys.add(`${(e.by as string).slice(5)}:${e.seq as number}`)
  return keys
}

describe('feed across relay restarts', () => {
  it('delivers exactly the union of events when the relay is killed and restarted between pages', async () => {
    const dataDir = tempDir('allot-feed-restart-').path
    dirs.push(dataDir)
    relay = await spawnRelay(dataDir, ARGS)
    await createOrg(relay, ORG)
    const a = await enrollDevice(relay, ORG, 'ra')
    const b = await enrollDevice(relay, ORG, 'rb')
    const { key } = await issueKey(relay, ORG)
    const wa = new Writer('ra', a.token)
    const wb = new Writer('rb', b.token)
    writers.push(wa, wb)

    const delivered: string[] = []
    let cursor: string | undefined
    const mix = ['sale', 'restock', 'sale', 'checkpoint', 'adjust', 'sale', 'request']
    for (let round = 0; round < 6; round++) {
      await wa.connect(relay, ORG)
      await wb.connect(relay, ORG)
      wa.append(mix.slice(0, 3 + (round % 4)))
      wb.append(mix.slice(round % 3))
      // read two small pages (not everything), then lose the relay
      for (let p = 0; p < 2; p++) {
        const res = await feed(
          relay,
          ORG,
          key,
          cursor ? { after: cursor, limit: 3, wait: 2 } : { limit: 3, wait: 2 },
        )
        expect(res.status).toBe(200)
        delivered.push(...res.json.events.map((e: { key: string }) => e.key))
        cursor = res.json.cursor
      }
      wa.close()
      wb.close()
      await stopRelay(relay, round % 2 === 0 ? 'SIGKILL' : 'SIGTERM')
      relay = await spawnRelay(dataDir, ARGS)
    }
    // the writers re-sync whatever the killed relay had not committed; then read to the end
    await wa.connect(relay, ORG)
    await wb.connect(relay, ORG)
    const expected = keysOf([wa, wb])
    await waitUntil(
      async () => {
        const rest = await drain(relay!, ORG, key, cursor, 7)
        const seen = new Set([...delivered, ...rest.events.map((e) => e.key as string)])
        return seen.size === expected.size
      },
      15_000,
      'all events in the feed',
    )
    const rest = await drain(relay, ORG, key, cursor, 7)
    delivered.push(...rest.events.map((e) => e.key as string))
    expect(delivered.length).toBe(new Set(delivered).size) // no duplicates
    expect(new Set(delivered)).toEqual(expected) // exactly the union
    // one consistent order: reading everything from the start gives the same sequence
    const fromStart = await drain(relay, ORG, key, undefined, 1000)
    expect(fromStart.events.map((e) => e.key)).toEqual(delivered)
    // per replica, arrival order respects seq order
    for (const r of ['ra', 'rb']) {
      const seqs = delivered.filter((k) => k.startsWith(`${r}:`)).map((k) => Number(k.split(':')[1]))
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y))
    }
  })

  it('streams over SSE to a real client that resumes with Last-Event-ID after restarts', async () => {
    const dataDir = tempDir('allot-feed-sse-').path
    dirs.push(dataDir)
    if (relay) await stopRelay(relay, 'SIGKILL')
    relay = await spawnRelay(dataDir, ARGS)
    await createOrg(relay, ORG)
    const d = await enrollDevice(relay, ORG, 'rs')
    const { key } = await issueKey(relay, ORG)
    const w = new Writer('rs', d.token)
    writers.push(w)
    await w.connect(relay, ORG)
    w.append(['sale', 'restock'])

    const client = new SseClient()
    // only sales: restocks and checkpoints are skipped, id-only blocks keep Last-Event-ID moving
    const url = () => `${relay!.url}/v1/orgs/${ORG}/events?types=sale`
    await client.open(url(), key)
    await client.waitFor(() => client.messages.length >= 1, 10_000, 'first sale')
    await client.waitFor(() => client.lastEventId !== client.messages[0]!.id, 10_000, 'id past the restock')
    expect(client.messages).toHaveLength(1)

    for (let round = 0; round < 3; round++) {
      w.append(['sale', 'checkpoint', 'sale', 'restock'])
      const want = keysOf([w], ['sale']).size
      await client.waitFor(() => client.messages.length >= want, 10_000, `round ${round} sales`)
      // lose the relay; the stream ends; restart and resume from lastEventId
      w.close()
      await stopRelay(relay, round === 1 ? 'SIGTERM' : 'SIGKILL')
      await client.ended
      relay = await spawnRelay(dataDir, ARGS)
      await w.connect(relay, ORG)
      w.append(['sale'])
      await client.open(url(), key)
    }
    const want = keysOf([w], ['sale'])
    await client.waitFor(() => client.messages.length >= want.size, 10_000, 'all sales')
    await new Promise((r) => setTimeout(r, 300))
    const got = parsed(client.messages)
    expect(got.map((e) => e.key)).toEqual([...want])
    expect(got.every((e) => e.version === 1 && e.type === 'sale' && e.data.totals.totalMinor === 600)).toBe(
      true,
    )
    expect(client.messages.map((m) => m.id)).toEqual(got.map((e) => e.cursor))
    client.close()
  })

  it('keeps an idle stream open and counts open streams', async () => {
    const client = new SseClient()
    const { key } = await issueKey(relay!, ORG, 'idle')
    await client.open(`${relay!.url}/v1/orgs/${ORG}/events?after=latest`, key)
    // the relay's heartbeat is 15 s; here we only check that the stream stays open and silent
    await new Promise((r) => setTimeout(r, 500))
    expect(client.messages).toEqual([])
    const m = await scrapeMetrics(relay!)
    expect(m).toMatch(/^allot_relay_feed_streams 1$/m)
    client.close()
    await client.ended
    await waitUntil(
      async () => /^allot_relay_feed_streams 0$/m.test(await scrapeMetrics(relay!)),
      5_000,
      'stream gauge back to 0',
    )
  })
})

describe('upgrading a relay whose database predates the feed', () => {
  it('gives archived events positions in archive order on first start', async () => {
    const { join } = await import('node:path')
    const dataDir = tempDir('allot-feed-upgrade-').path
    dirs.push(dataDir)
    if (relay) await stopRelay(relay, 'SIGKILL')
    relay = await spawnRelay(dataDir, ARGS)
    await createOrg(relay, 'old')
    const d = await enrollDevice(relay, 'old', 'ro')
    const w = new Writer('ro', d.token)
    writers.push(w)
    await w.connect(relay, 'old')
    w.append(['restock', 'sale', 'checkpoint', 'sale'])
    const { key } = await issueKey(relay, 'old')
    await waitUntil(
      async () => (await drain(relay!, 'old', key, undefined)).events.length === 3,
      10_000,
      'archived',
    )
    w.close()
    await stopRelay(relay)
    // make it an old database: no feed tables, no trigger (the archive and the key table stay)
    const db = new Database(join(dataDir, 'relay.db'))
    db.exec(
      'DROP TRIGGER archive_to_feed; DROP TABLE feed_log; DROP TABLE feed_replica_state; DELETE FROM schema_migrations WHERE version = 3;',
    )
    db.close()
    relay = await spawnRelay(dataDir, ARGS)
    const after = await drain(relay, 'old', key, undefined)
    expect(after.events.map((e) => `${e.key}:${e.type}`)).toEqual(['ro:1:restock', 'ro:2:sale', 'ro:4:sale'])
    // new events continue after the backfilled ones
    await w.connect(relay, 'old')
    w.append(['sale'])
    await waitUntil(
      async () => (await drain(relay!, 'old', key, after.cursor)).events.length === 1,
      10_000,
      'new event',
    )
    const m = await scrapeMetrics(relay)
    expect(m).toMatch(
      /^allot_relay_replica_last_event_age_seconds\{org="old",replica="ro",store="Store ro"\} [\d.]+$/m,
    )
    w.close()
  })
})
