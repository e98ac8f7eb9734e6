// The business event feed's public, versioned format (docs/event-feed.md): envelopes, the
// opaque cursor and the decoding of raw log events into per-type payloads.
import { createHash } from 'node:crypto'
import { parseEvent } from '../../shared/core/events.ts'
import type { FeedPosition, FeedRow } from './feed-db.ts'

/** Version of the envelope format. Bumped only for incompatible changes; fields may be added. */
export const FEED_VERSION = 1

/** Event types the feed serves. `checkpoint`, `request` and `request-cancel` are sync mechanics. */
export const FEED_TYPES = [
  'sale',
  'refund',
  'restock',
  'adjust',
  'transfer',
  'order',
  'reserve',
  'release',
  'fulfil',
  'retire',
] as const
export type FeedType = (typeof FEED_TYPES)[number]

export interface FeedEnvelope {
  version: typeof FEED_VERSION
  /** Resume after this event with `?after=<cursor>` or `Last-Event-ID`. */
  cursor: string
  orgId: string
  type: string
  /** Idempotency key for consumers: `<replicaId>:<seq>` is unique per organization. */
  key: string
  replicaId: string
  storeName: string | null
  seq: number
  eventId: string
  /** Writer's wall clock (display only; stores' clocks may be off). */
  at: string | null
  /** When the relay accepted the event (relay clock). */
  receivedAt: string
  by: string | null
  /** The decoded payload (type-specific fields, without the envelope fields); null if invalid. */
  data: Record<string, unknown> | null
  /** Present when the stored event does not match the event schema; `raw` holds it as received. */
  invalid?: { error: string; raw: unknown }
}

const ENVELOPE_FIELDS = new Set(['seq', 'id', 'at', 'by', 'type', 'deps', 'prev'])

export function toEnvelope(orgId: string, row: FeedRow, storeName: string | null): FeedEnvelope {
  let raw: unknown
  try {
    raw = JSON.parse(row.body) as unknown
  } catch {
    raw = row.body
  }
  const parsed = parseEvent(raw)
  const base = {
    version: FEED_VERSION,
    cursor: encodeCursor({
      pos: row.pos,
      orgId,
      replicaId: row.replicaId,
      seq: row.seq,
      eventId: row.eventId,
    }),
    orgId,
    type: row.type,
    key: `${row.replicaId}:${row.seq}`,
    replicaId: row.replicaId,
    storeName,
    seq: row.seq,
    eventId: row.eventId,
    at: row.at,
    receivedAt: new Date(row.receivedAt).toISOString(),
  } as const
  if (!parsed.ok) {
    const by = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)['by'] : undefined
    return {
      ...base,
      by: typeof by === 'string' ? by : null,
      data: null,
      invalid: { error: parsed.error, raw },
    }
  }
  const data: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(parsed.event)) if (!ENVELOPE_FIELDS.has(k)) data[k] = v
  return { ...base, by: parsed.event.by, data }
}

// ---- cursor ----------------------------------------------------------------------------------
// base64url of `1.<pos>.<check>`: the feed position plus a short digest of the event there, so a
// cursor from another organization, or from a relay restored from an older backup (whose
// positions were since given to other events), is detected instead of silently skipping events.

const CURSOR_PREFIX = '1'

function check(p: Pick<FeedPosition, 'orgId' | 'replicaId' | 'seq' | 'eventId'>): string {
  return createHash('sha256')
    .update(`${p.orgId}\u0000${p.replicaId}\u0000${p.seq}\u0000${p.eventId}`)
    .digest('base64url')
    .slice(0, 10)
}

/** The cursor before the first event. */
export const START_CURSOR = Buffer.from(`${CURSOR_PREFIX}.0.`).toString('base64url')

export function encodeCursor(p: FeedPosition): string {
  return Buffer.from(`${CURSOR_PREFIX}.${p.pos}.${check(p)}`).toString('base64url')
}

export type DecodedCursor = { pos: number; check: string }

/** Null if the text is not a cursor of this relay's format. */
export function decodeCursor(cursor: string): DecodedCursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null
  const text = Buffer.from(cursor, 'base64url').toString('utf8')
  const m = /^1\.(\d{1,15})\.([A-Za-z0-9_-]{0,10})$/.exec(text)
  if (!m) return null
  const pos = Number(m[1])
  if (!Number.isSafeInteger(pos)) return null
  if ((pos === 0) !== (m[2] === '')) return null
  return { pos, check: m[2]! }
}

export function cursorMatches(cursor: DecodedCursor, at: FeedPosition): boolean {
  return check(at) === cursor.check
}
