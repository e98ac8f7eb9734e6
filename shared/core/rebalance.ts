/**
 * Automatic rebalancing of rights (DESIGN.md §4 "Getting rights"), as pure planners: they read a
 * fold and return what to append; the store node decides when to run them and appends through
 * ops.grantRequests / ops.askForStock, which re-check everything. Only `pool` products move
 * automatically; `local` products move by explicit manager transfers only.
 */
import { isBalanceKey } from './balances.ts'
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
  /**
   * This replica's own low-water mark (see lowWaterMark). Omitted: 0, i.e. only the half rule.
   * It does not give so much that it would fall below it (it would have to ask in turn: two
   * stores short of a product would hand units back and forth), except one unit to a requester
   * that has none at all.
   */
  lowWater?: (productId: string) => number
  /** The product's stock policy; undefined (unknown product) is treated as not automatic. */
  policyOf: (productId: string) => StockPolicy | undefined
  /** Replicas that may not receive (retired or retiring); transfers to them would be refused. */
  isClosed?: (replicaId: string) => boolean
}

/**
 * Donor side: answers outstanding requests addressed to `replicaId`, oldest first, each with at
 * most half of what it still holds above its floor, never more than asked, and no more than it
 * holds above its own low-water mark — except that a requester with no rights at all gets one unit
 * even from a donor at or below its mark: a store with none cannot sell, and the donor (two or
 * more above its floor, by the half rule) keeps at least one. Over-granting is harmless (rights
 * only move); under-granting leaves the request open.
 *
 * No loop: above-the-mark grants never make the donor ask, and a one-unit grant to an empty store
 * lowers the number of empty stores, so without sales the asking stops.
 */
export function planGrants(fold: FoldState, replicaId: string, policy: GrantPolicy): GrantIntent[] {
  const requests = fold
    .outstandingRequests({ donor: replicaId })
    .filter(
      (r) =>
        r.replicaId !== replicaId &&
        (isBalanceKey(r.productId) || policy.policyOf(r.productId) === 'pool') &&
        !policy.isClosed?.(r.replicaId),
    )
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.requestId < b.requestId ? -1 : 1))
  const given = new Map<string, number>()
  const received = new Map<string, number>()
  const out: GrantIntent[] = []
  for (const r of requests) {
    const rights = fold.rights(r.productId, replicaId) - (given.get(r.productId) ?? 0)
    if (isBalanceKey(r.productId)) {
      // A card's balance is the customer's money, not shelf stock: hand over what was asked for
      // (the customer is at the other till), keeping no floor and no half.
      const qty = Math.min(r.qty, rights)
      if (qty < 1) continue
      given.set(r.productId, (given.get(r.productId) ?? 0) + qty)
      out.push({ requestId: r.requestId, productId: r.productId, to: r.replicaId, qty })
      continue
    }
    const floor = Math.max(0, policy.floor(r.productId))
    const half = Math.floor((rights - floor) / 2)
    const aboveMark = rights - Math.max(floor, policy.lowWater?.(r.productId) ?? 0)
    const key = `${r.replicaId}\u0000${r.productId}`
    const empty = fold.rights(r.productId, r.replicaId) + (received.get(key) ?? 0) <= 0
    const qty = Math.min(r.qty, half, Math.max(aboveMark, empty ? 1 : 0))
    if (qty < 1) continue
    given.set(r.productId, (given.get(r.productId) ?? 0) + qty)
    received.set(key, (received.get(key) ?? 0) + qty)
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
  /** At most one new request per product per interval (requests already answered do not count). */
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
 * Requester side, for each `pool` product: below the low-water mark, ask an active replica for
 * enough to reach twice the mark; wait `answerTimeoutMs` before asking another donor — unless the
 * donor can visibly no longer give (it has sold or given what it had, or asks for the product
 * itself) and another one can; at or above twice the mark, withdraw requests still open.
 *
 * The donor: among the replicas that can give (they hold at least 2 — donors give half — and do
 * not ask for the product themselves), a till of the same store, else the one holding the most; if
 * none can give, the same among all holders (the request then waits there for a restock). A
 * request to a replica that cannot give would only sit unanswered until `answerTimeoutMs`.
 *
 * At most one request per product per `minIntervalMs`, but a request already answered does not
 * hold the next one back: a donor that gave part of what was asked has answered, and when the
 * store has sold what it got, asking on at once is what it needs. This cannot loop: every such
 * request follows units that actually moved here, and a donor goes below its own low-water mark
 * (and so asks in turn) only for one unit to a store that had none (see planGrants).
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
    const canGive = (id: string): boolean =>
      fold.rights(productId, id) >= 2 && fold.outstandingRequests({ replicaId: id, productId }).length === 0
    // Waiting for an answer: a request younger than the timeout, to a donor that can still give.
    // One whose donor has meanwhile sold or given what it had (or asks for the product itself)
    // will not be answered soon, so it no longer holds back asking another donor.
    const hopeless = mine.filter((r) => now - ms(r.at) < policy.answerTimeoutMs && !canGive(r.donor))
    if (mine.some((r) => now - ms(r.at) < policy.answerTimeoutMs && !hopeless.includes(r))) continue
    let lastAsk = ms(policy.lastRequestAt?.(productId))
    for (const r of fold.contribution(replicaId)?.requests.values() ?? [])
      if (
        r.productId === productId &&
        ms(r.at) > lastAsk &&
        !hopeless.includes(r) &&
        fold.request(r.requestId)?.state !== 'answered'
      )
        lastAsk = ms(r.at)
    if (now - lastAsk < policy.minIntervalMs) continue
    // Open requests are presumed lost or hopeless here: the new donor is asked for the whole shortfall.
    const qty = target - rights
    if (qty < 1) continue
    const asked = new Set(mine.map((r) => r.donor))
    const candidates = fold
      .holders(productId, replicaId)
      .filter((h) => active(h.replicaId) && !asked.has(h.replicaId))
    const sameStore = (h: { replicaId: string }) =>
      me !== undefined && policy.replicas.get(h.replicaId)?.storeId === me.storeId
    const able = candidates.filter((h) => canGive(h.replicaId))
    const donor = able.find(sameStore) ?? able[0] ?? candidates.find(sameStore) ?? candidates[0]
    // Past a hopeless request, only a donor that can give is worth another request.
    if (!donor || (hopeless.length > 0 && !able.includes(donor))) continue
    out.push({ kind: 'request', productId, donor: donor.replicaId, qty })
  }
  return out
}
