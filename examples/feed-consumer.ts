// Example consumer of the Allot relay's business event feed (docs/event-feed.md).
//
//   ALLOT_FEED_KEY=aik_... node examples/feed-consumer.ts \
//     --relay https://relay.example.com --org chain --state ./allot-feed.cursor [--types sale,refund] [--once]
//
// Long-polls `GET /v1/orgs/<org>/events`, hands every event to `handle()` (here: one JSON line
// on stdout), and saves the page's cursor to the state file only after the page was handled, so a
// crash or restart resumes exactly where it stopped (at-least-once: `handle()` must be idempotent
// per `event.key`, which is what a real integration does with its own "already imported" table).
// Network errors and relay restarts are retried with backoff; `--once` stops when caught up.
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'

interface FeedEvent {
  version: number
  cursor: string
  key: string
  type: string
  replicaId: string
  storeName: string | null
  seq: number
  at: string | null
  receivedAt: string
  data: Record<string, unknown> | null
  invalid?: { error: string; raw: unknown }
}

interface FeedPage {
  version: number
  events: FeedEvent[]
  cursor: string
  hasMore: boolean
}

interface FeedErrorBody {
  code: string
  message: string
  details?: Record<string, unknown>
}

const SUPPORTED_VERSION = 1

const { values: args } = parseArgs({
  options: {
    relay: { type: 'string' },
    org: { type: 'string' },
    state: { type: 'string', default: './allot-feed.cursor' },
    types: { type: 'string' },
    wait: { type: 'string', default: '30' },
    once: { type: 'boolean', default: false },
  },
})
const key = process.env.ALLOT_FEED_KEY
if (!args.relay || !args.org || !key) {
  process.stderr.write(
    'usage: ALLOT_FEED_KEY=aik_... node examples/feed-consumer.ts --relay URL --org ORG [--state FILE] [--types a,b] [--once]\n',
  )
  process.exit(2)
}
const relayUrl = args.relay.replace(/\/+$/, '')
const orgId = args.org
const stateFile = args.state

function loadCursor(): string | undefined {
  try {
    const text = readFileSync(stateFile, 'utf8').trim()
    return text.length > 0 ? text : undefined
  } catch {
    return undefined // first run: from the beginning of the feed
  }
}

function saveCursor(cursor: string): void {
  // write-then-rename: the state file is never half-written
  writeFileSync(`${stateFile}.tmp`, `${cursor}\n`)
  renameSync(`${stateFile}.tmp`, stateFile)
}

/** Your integration goes here. Must be idempotent per event.key (delivery is at-least-once). */
async function handle(event: FeedEvent): Promise<void> {
  if (event.version !== SUPPORTED_VERSION) throw new Error(`unsupported feed version ${event.version}`)
  process.stdout.write(
    `${JSON.stringify({ key: event.key, type: event.type, store: event.storeName, at: event.at, data: event.data, invalid: event.invalid?.error })}\n`,
  )
}

let stopping = false
process.on('SIGINT', () => (stopping = true))
process.on('SIGTERM', () => (stopping = true))

async function fetchPage(cursor: string | undefined, waitSeconds: number): Promise<FeedPage> {
  const url = new URL(`${relayUrl}/v1/orgs/${encodeURIComponent(orgId)}/events`)
  if (cursor) url.searchParams.set('after', cursor)
  if (args.types) url.searchParams.set('types', args.types)
  url.searchParams.set('limit', '500')
  url.searchParams.set('wait', String(waitSeconds))
  const res = await fetch(url, {
    headers: { authorization: `Bearer ${key}` },
    signal: AbortSignal.timeout((waitSeconds + 30) * 1000),
  })
  if (res.ok) return (await res.json()) as FeedPage
  const body = (await res.json().catch(() => ({ code: 'http', message: res.statusText }))) as FeedErrorBody
  const error = new Error(`${res.status} ${body.code}: ${body.message}`) as Error & { fatal?: boolean }
  // 4xx other than 429 will not get better by retrying: wrong key, revoked key, bad cursor
  error.fatal = res.status >= 400 && res.status < 500 && res.status !== 429
  throw error
}

async function main(): Promise<void> {
  let cursor = loadCursor()
  let backoffMs = 500
  const waitSeconds = args.once ? 0 : Number(args.wait)
  while (!stopping) {
    let page: FeedPage
    try {
      page = await fetchPage(cursor, waitSeconds)
      backoffMs = 500
    } catch (err) {
      if ((err as { fatal?: boolean }).fatal) throw err
      // relay restarting (503, connection refused) or network down: retry with jittered backoff
      process.stderr.write(`feed: ${(err as Error).message}; retrying in ${backoffMs} ms\n`)
      await new Promise((r) => setTimeout(r, backoffMs / 2 + Math.random() * (backoffMs / 2)))
      backoffMs = Math.min(backoffMs * 2, 30_000)
      continue
    }
    for (const event of page.events) await handle(event)
    if (page.cursor !== cursor) {
      saveCursor(page.cursor)
      cursor = page.cursor
    }
    if (args.once && !page.hasMore) break
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`feed consumer stopped: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})
