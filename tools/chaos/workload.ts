import { ApiError } from '../../shared/api/errors.ts'
import type { StoreApiClient } from '../../shared/api/client.ts'
import { sleep } from '../cluster/relay-harness.ts'
import type { ChaosStore, ResilientClient } from './cluster.ts'
import { expectedRefusals, isLostAnswer, type OpKind, type Recorder } from './recorder.ts'
import type { Rng } from './rng.ts'

// One till's clerk: a stream of random operations against one store through a connection that
// survives the store being killed. Idempotent operations whose answer was lost are retried with
// the same key until they settle (as a real till would); the others are counted as uncertain.

export const opWeights: Readonly<Record<OpKind, number>> = {
  checkout: 45,
  refund: 6,
  restock: 12,
  adjust: 5,
  transfer: 7,
  request: 5,
  reserve: 6,
  release: 4,
}

export interface SharedState {
  seed: number
  products: string[]
  stores: ChaosStore[]
  rec: Recorder
  /** Hands out operation numbers until the budget is spent. */
  takeOp(): number | undefined
  /** Sales acknowledged per store (refund candidates). */
  sales: Map<number, Array<{ id: string; lines: Array<{ productId: string; qty: number }> }>>
  /** Open holds per store. */
  holds: Map<number, string[]>
  /** Gift card numbers, one sold at each store at the start: paid with anywhere. */
  cards: string[]
  thinkMs: readonly [number, number]
}

type Outcome<T> = { ok: true; value: T } | { ok: false; lost: boolean; error: unknown }

async function attempt<T>(
  client: ResilientClient,
  call: (api: StoreApiClient) => Promise<T>,
): Promise<Outcome<T>> {
  try {
    const api = await client.api()
    return { ok: true, value: await call(api) }
  } catch (error) {
    return { ok: false, lost: isLostAnswer(error), error }
  }
}

function refusal(state: SharedState, kind: OpKind, store: ChaosStore, error: unknown): void {
  const code = error instanceof ApiError ? error.code : 'UNKNOWN'
  state.rec.refuse(kind, code)
  if (!expectedRefusals.has(code))
    state.rec.violation(
      `${store.name} ${kind}: unexpected ${code}: ${error instanceof Error ? error.message : String(error)}`,
    )
}

/**
 * Runs an idempotent call until it settles: a lost answer is retried with the same input (same
 * idempotency key) once the store is back. Returns the answer, or undefined if it was refused.
 */
async function settle<T>(
  state: SharedState,
  client: ResilientClient,
  kind: OpKind,
  call: (api: StoreApiClient) => Promise<T>,
): Promise<T | undefined> {
  let retried = false
  for (;;) {
    const out = await attempt(client, call)
    if (out.ok) {
      if (retried) state.rec.settledByRetry++
      return out.value
    }
    if (!out.lost) {
      if (retried) state.rec.settledByRetry++
      refusal(state, kind, client.store, out.error)
      return undefined
    }
    retried = true
    await sleep(50)
  }
}

export async function runClient(
  state: SharedState,
  client: ResilientClient,
  clientIndex: number,
  rng: Rng,
): Promise<void> {
  const store = client.store
  const { rec, products } = state
  const others = () => state.stores.filter((s) => s !== store && s.replicaId).map((s) => s.replicaId)
  for (let n = state.takeOp(); n !== undefined; n = state.takeOp()) {
    rec.attempted++
    const kind = rng.weighted(opWeights)
    const key = `chaos-${state.seed}-${store.index}-${clientIndex}-${n}`
    const productId = rng.pick(products)
    switch (kind) {
      case 'checkout': {
        const picked = new Set<string>()
        const count = rng.int(1, 3)
        for (let i = 0; i < count; i++) picked.add(rng.pick(products))
        const lines = [...picked].map((p) => ({ productId: p, qty: rng.int(1, 3) }))
        // drawn once: a retry resends the same request (the store binds a key to its request)
        const method = rng.chance(0.5) ? 'cash' : 'card'
        // A quarter of the sales pay a part with a gift card, wherever it was sold: a till short of
        // the card's balance is refused before payment and asks the holder for it, like stock.
        const giftCard = state.cards.length > 0 && rng.chance(0.25) ? rng.pick(state.cards) : undefined
        const cards = giftCard ? [{ cardId: giftCard, amountMinor: rng.int(1, 100) }] : undefined
        const sale = await settle(state, client, kind, (api) =>
          api['sales.checkout']({
            idempotencyKey: key,
            lines,
            payment: { method, ...(cards ? { cards } : {}) },
          }),
        )
        if (!sale && giftCard) {
          const asked = await attempt(client, (api) =>
            api['cards.request']({ cardId: giftCard, amountMinor: 500 }),
          )
          if (asked.ok) rec.cardRequests++
        }
        if (sale?.payment.cards) rec.cardPayments++
        if (sale) {
          rec.ack({ kind, eventId: sale.id, replicaId: sale.replicaId, store: store.index, key })
          state.sales
            .get(store.index)!
            .push({ id: sale.id, lines: sale.lines.map((l) => ({ productId: l.productId, qty: l.qty })) })
        }
        break
      }
      case 'refund': {
        const candidates = state.sales.get(store.index)!
        if (candidates.length === 0) break
        const sale = rng.pick(candidates)
        const line = rng.pick(sale.lines)
        const toStock = rng.chance(0.7)
        const refund = await settle(state, client, kind, (api) =>
          api['sales.refund']({
            idempotencyKey: key,
            saleId: sale.id,
            lines: [{ productId: line.productId, qty: 1 }],
            toStock,
            reason: 'chaos return',
          }),
        )
        if (refund) rec.ack({ kind, eventId: refund.id, replicaId: store.replicaId, store: store.index, key })
        break
      }
      case 'reserve': {
        const qty = rng.int(1, 2)
        const hold = await settle(state, client, kind, (api) =>
          api['reservations.create']({
            idempotencyKey: key,
            productId,
            qty,
            customer: 'chaos customer',
            ttlMinutes: 600,
          }),
        )
        if (hold) {
          rec.ack({ kind, eventId: hold.id, replicaId: hold.replicaId, store: store.index, key })
          state.holds.get(store.index)!.push(hold.id)
        }
        break
      }
      case 'release': {
        const holds = state.holds.get(store.index)!
        if (holds.length === 0) break
        const holdId = holds.splice(rng.int(0, holds.length - 1), 1)[0]!
        const out = await attempt(client, (api) => api['reservations.release']({ holdId }))
        if (out.ok)
          rec.ack({ kind, eventId: `release:${holdId}`, replicaId: store.replicaId, store: store.index })
        else if (out.lost) rec.lost(kind)
        else refusal(state, kind, store, out.error)
        break
      }
      default: {
        const targets = others()
        const out = await attempt(client, (api) => {
          switch (kind) {
            case 'restock':
              return api['stock.restock']({ productId, qty: rng.int(5, 30) })
            case 'adjust':
              return api['stock.adjust']({
                productId,
                delta: rng.chance(0.5) ? rng.int(1, 3) : -rng.int(1, 3),
                reason: 'count',
              })
            case 'transfer':
              return api['stock.transfer']({ productId, toReplicaId: rng.pick(targets), qty: rng.int(1, 3) })
            case 'request':
              return api['stock.request']({
                productId,
                qty: rng.int(2, 6),
                donorReplicaId: rng.pick(targets),
              })
          }
        })
        if (out.ok)
          rec.ack({ kind, eventId: out.value.id, replicaId: out.value.replicaId, store: store.index })
        else if (out.lost) rec.lost(kind)
        else refusal(state, kind, store, out.error)
      }
    }
    const [lo, hi] = state.thinkMs
    if (hi > 0) await sleep(rng.int(lo, hi))
  }
}
