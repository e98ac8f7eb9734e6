// Attack: open event-feed streams (Server-Sent Events, long-polls) without end with one
// integration key, or from one address. Each holds a socket, a timer and a poll of the database
// for as long as the client likes. Now a key holds at most --feed-streams-per-key open requests
// and an address at most --feed-streams-per-address; beyond that, 429 `too-many-streams`.
import { request, type ClientRequest, type IncomingMessage } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { issueKey } from '../feed/feed-helpers.ts'
import {
  createOrg,
  removeDir,
  scrapeMetrics,
  spawnRelay,
  stopRelay,
  type LooseJson,
  type RelayProcess,
  tempDir,
} from '../support/index.ts'

const ORG = 'feedy'
let relay: RelayProcess
let dataDir: string
const open: ClientRequest[] = []

beforeAll(async () => {
  dataDir = tempDir('allot-sec-feed-').path
  relay = await spawnRelay(dataDir, ['--feed-streams-per-key', '2', '--feed-streams-per-address', '3'])
  await createOrg(relay, ORG)
})

afterAll(async () => {
  for (const req of open) req.destroy()
  if (relay) await stopRelay(relay)
  removeDir(dataDir)
})

interface Answer {
  status: number
  res: IncomingMessage
  json: () => Promise<LooseJson>
}

/** GET the feed; resolves once the answer's head arrived (an SSE body stays open). */
function openFeed(key: string, mode: 'sse' | 'long-poll', localAddress = '127.0.0.1'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: relay.port,
        path: `/v1/orgs/${ORG}/events${mode === 'long-poll' ? '?wait=30' : ''}`,
        localAddress,
        headers: {
          authorization: `Bearer ${key}`,
          ...(mode === 'sse' ? { accept: 'text/event-stream' } : {}),
        },
      },
      (res) => {
        const json = () =>
          new Promise<LooseJson>((ok) => {
            let text = ''
            res.setEncoding('utf8')
            res.on('data', (c: string) => (text += c))
            res.on('end', () => ok(JSON.parse(text) as LooseJson))
          })
        resolve({ status: res.statusCode ?? 0, res, json })
      },
    )
    open.push(req)
    req.on('error', reject)
    req.end()
  })
}

/** A long-poll on an empty feed answers only after `wait`: true if it is still open after 300 ms. */
async function longPollStaysOpen(key: string): Promise<boolean> {
  const answered = openFeed(key, 'long-poll').then(() => false)
  return Promise.race([answered, new Promise<boolean>((r) => setTimeout(() => r(true), 300))])
}

describe('event-feed streams', () => {
  it('caps open streams and long-polls per integration key (429 too-many-streams)', async () => {
    const { key } = await issueKey(relay, ORG, 'erp')
    expect((await openFeed(key, 'sse')).status).toBe(200)
    expect(await longPollStaysOpen(key)).toBe(true) // waiting: it holds a slot too
    const third = await openFeed(key, 'sse')
    expect(third.status).toBe(429)
    expect(third.res.headers['retry-after']).toBe('5')
    const body = await third.json()
    expect(body.error).toMatchObject({ code: 'too-many-streams', details: { scope: 'key', limit: 2 } })
    expect(body.code).toBe('too-many-streams') // feed v1 shape

    // closing one frees its slot
    open[0]!.destroy()
    let status = 0
    for (let tries = 0; tries < 30 && status !== 200; tries++) {
      await new Promise((r) => setTimeout(r, 100))
      status = (await openFeed(key, 'sse')).status
    }
    expect(status).toBe(200)
    expect(await scrapeMetrics(relay)).toMatch(
      /allot_relay_limit_refusals_total\{limit="feed-streams-key"\} [1-9]/,
    )
  })

  it('caps them per client address too, whatever the keys', async () => {
    const keys = await Promise.all(['a', 'b', 'c'].map(async (n) => (await issueKey(relay, ORG, n)).key))
    const from = '127.0.0.7'
    expect((await openFeed(keys[0]!, 'sse', from)).status).toBe(200)
    expect((await openFeed(keys[1]!, 'sse', from)).status).toBe(200)
    expect((await openFeed(keys[2]!, 'sse', from)).status).toBe(200)
    const fourth = await openFeed(keys[2]!, 'sse', from)
    expect(fourth.status).toBe(429)
    expect((await fourth.json()).error.details).toEqual({ scope: 'address', limit: 3 })
    // another address with the same key is fine
    expect((await openFeed(keys[2]!, 'sse', '127.0.0.8')).status).toBe(200)
  })
})
