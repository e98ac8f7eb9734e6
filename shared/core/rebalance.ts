/**
 * Automatic rebalancing of rights (DESIGN.md §4 "Getting rights"), as pure planners: they read a
 * fold and return what to append; the store node decides when to run them and appends through
 * ops.grantRequests / ops.askForStock, which re-check everything. Only `pool` products move
 * automatically; `local` products move by explicit manager transfers only.
 */
import type { FoldState } from './fold-state.ts'
import type { ReplicaInfo, StockPolicy } from './schema.ts'

export interface GrantIntent {
  requestId: string
  productId: string
  /** The requester. */
  to: string
  qty: number
}

export interface GrantPolicy {
  /** Units this replica keeps for itself; it gives at most half of what it holds above this. */
  floor: (productId: string) => number
  /** The product's stock policy; undefined (unknown product) is treated as not automatic. */
  policyOf: (productId: string) => StockPolicy | undefined
  /** Replicas that may not receive (retired or retiring); transfers to them would be refused. */
  isClosed?: (replicaId: string) => boolean
}

/**
 * Donor side: answers outstanding requests addressed to `replicaId`, oldest first, each with at
 * most half of what it still holds above its floor (never more than asked, never more than its
 * rights). Over-granting is harmless (rights only move); under-granting leaves the request open.
 */
export function planGrants(fold: FoldState, replicaId: string, policy: GrantPolicy): GrantIntent[] {
  const requests = fold
    .outstandingRequests({ donor: replicaId })
    .filter(
      (r) =>
        r.replicaId !== replicaId &&
        policy.policyOf(r.productId) === 'pool' &&
        !policy.isClosed?.(r.replicaId),
    )
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.requestId < b.requestId ? -1 : 1))
  const given = new Map<string, number>()
  const out: GrantIntent[] = []
  for (const r of requests) {
    const rights = fold.rights(r.productId, replicaId) - (given.get(r.productId) ?? 0)
    const spare = rights - Math.max(0, policy.floor(r.productId))
    const qty = Math.min(r.qty, Math.floor(spare / 2), rights)
    if (qty < 1) continue
    given.set(r.productId, (given.get(r.productId) ?? 0) + qty)
    out.push({ requestId: r.requestId, productId: r.productId, to: r.replicaId, qty })
  }
  return out
}

/**
 * The low-water mark: enough stock to cover the expected sales during `leadTimeMs` at the recent
 * speed (`recentSales` units over `windowMs`), and never less than the configured minimum.
 */
export function lowWaterMark(
  recentSales: number,
  windowMs: number,
  leadTimeMs: number,
  minimum: number,
): number {
  const speed = windowMs > 0 ? Math.max(0, recentSales) / windowMs : 0
  return Math.max(Math.max(0, Math.ceil(minimum)), Math.ceil(speed * Math.max(0, leadTimeMs)))
}

export type AskIntent =
  | { kind: 'request'; productId: string; donor: string; qty: number }
  | { kind: 'cancel'; requestId: string; productId: string }

export interface AskPolicy {
  /** Current time, ISO. */
  now: string
  /** Products to consider (usually the catalog). */
  productIds: readonly string[]
  policyOf: (productId: string) => StockPolicy | undefined
  /** Units of the product sold here during the last `windowMs`. */
  recentSales: (productId: string) => number
  windowMs: number
  /** How long the stock should last while a request travels and is answered. */
  leadTimeMs: number
  /** The configured minimum low-water mark. */
  minimum: (productId: string) => number
  /** At most one new request per product per interval. */
  minIntervalMs: number
  /** After this long without an answer, a second donor may be asked. */
  answerTimeoutMs: number
  /** The `replicas` map: store ids (same store first) and statuses. */
  replicas: ReadonlyMap<string, ReplicaInfo>
  /** Last time this replica asked for the product, if the caller remembers more than the fold. */
  lastRequestAt?: (productId: string) => string | undefined
  /** Open requests per product at most (the first donor plus later ones after timeouts). */
  maxOpenPerProduct?: number
}

const ms = (iso: string | undefined): number => {
  const t = iso === undefined ? Number.NaN : Date.parse(iso)
  return Number.isFinite(t) ? t : Number.NEGATIVE_INFINITY
}

/**
 * Requester side, for each `pool` product: below the low-water mark, ask the active replica that
 * holds the most (a till of the same store first) for enough to reach twice the mark; wait
 * `answerTimeoutMs` before asking another donor; never ask more often than `minIntervalMs`.
 * At or above twice the mark, withdraw requests still open.
 */
export function planRequests(fold: FoldState, replicaId: string, policy: AskPolicy): AskIntent[] {
  const out: AskIntent[] = []
  const now = ms(policy.now)
  const me = policy.replicas.get(replicaId)
  const maxOpen = policy.maxOpenPerProduct ?? 2
  const active = (id: string): boolean =>
    policy.replicas.get(id)?.status === 'active' && fold.logInfo(id).retiredTo === undefined
  for (const productId of policy.productIds) {
    if (policy.policyOf(productId) !== 'pool') continue
    const rights = fold.rights(productId, replicaId)
    const low = lowWaterMark(
      policy.recentSales(productId),
      policy.windowMs,
      policy.leadTimeMs,
      policy.minimum(productId),
    )
    const target = 2 * low
    const mine = fold.outstandingRequests({ replicaId, productId })
    if (rights >= target) {
      for (const r of mine) out.push({ kind: 'cancel', requestId: r.requestId, productId })
      continue
    }
    if (rights >= low || mine.length >= maxOpen) continue
    const newestOpen = Math.max(Number.NEGATIVE_INFINITY, ...mine.map((r) => ms(r.at)))
    if (mine.length > 0 && now - newestOpen < policy.answerTimeoutMs) continue
    let lastAsk = Math.max(newestOpen, ms(policy.lastRequestAt?.(productId)))
    for (const r of fold.contribution(replicaId)?.requests.values() ?? [])
      if (r.productId === productId) lastAsk = Math.max(lastAsk, ms(r.at))
    if (now - lastAsk < policy.minIntervalMs) continue
    // Requests past the timeout are presumed lost: the new donor is asked for the whole shortfall.
    const fresh = mine.filter((r) => now - ms(r.at) < policy.answerTimeoutMs)
    const qty = target - rights - fresh.reduce((n, r) => n + r.qty, 0)
    if (qty < 1) continue
    const asked = new Set(mine.map((r) => r.donor))
    const candidates = fold
      .holders(productId, replicaId)
      .filter((h) => active(h.replicaId) && !asked.has(h.replicaId))
    const sameStore = me
      ? candidates.filter((h) => policy.replicas.get(h.replicaId)?.storeId === me.storeId)
      : []
    const donor = sameStore[0] ?? candidates[0]
    if (donor) out.push({ kind: 'request', productId, donor: donor.replicaId, qty })
  }
  return out
}
