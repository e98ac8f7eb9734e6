/**
 * What one replica's own log contributes to the fold: its escrow counters (inc, dec, transfers out)
 * and the open state it owns (holds, requests, orders, answered requests). Built from its latest
 * checkpoint plus the events after it. Applying events is commutative, so the result does not
 * depend on the order in which events arrive.
 */
import { balanceKey } from './balances.ts'
import type { AllotEvent, CheckpointEvent, Customer, OrderLine, OrderStatus } from './events.ts'

/** Cumulative counters of one replica for one product. */
export interface OwnTotals {
  inc: number
  dec: number
  /** Rights given to other replicas. */
  out: Map<string, number>
}

export interface Hold {
  holdId: string
  replicaId: string
  productId: string
  qty: number
  expiresAt: string
  /** When the hold was made (writer's clock). */
  at: string
  orderId?: string
  customer?: Customer
}

export interface StockRequest {
  requestId: string
  /** The requester (whose log holds the request). */
  replicaId: string
  productId: string
  donor: string
  qty: number
  at: string
}

export interface Order {
  orderId: string
  /** The replica that owns the order and its holds. */
  replicaId: string
  status: OrderStatus
  /** Seq of the event that set the status: the highest seq wins. */
  statusSeq: number
  lines?: OrderLine[]
  customer?: Customer
  createdAt?: string
}

export const TERMINAL_ORDER_STATUSES: ReadonlySet<OrderStatus> = new Set<OrderStatus>([
  'delivered',
  'cancelled',
])

/** Receives counter changes so the fold can keep chain-wide sums up to date. */
export interface CounterSink {
  inc(productId: string, replicaId: string, n: number): void
  dec(productId: string, replicaId: string, n: number): void
  xfer(productId: string, from: string, to: string, n: number): void
}

export class Contribution {
  readonly replicaId: string
  readonly totals = new Map<string, OwnTotals>()
  /** Holds made here; open unless their id is in closedHolds. */
  readonly holds = new Map<string, Hold>()
  readonly closedHolds = new Set<string>()
  /** Requests made here; open unless cancelled here or answered by their donor. */
  readonly requests = new Map<string, StockRequest>()
  readonly cancelledRequests = new Set<string>()
  /** Requests this replica answered with a transfer. */
  readonly answered = new Set<string>()
  readonly orders = new Map<string, Order>()
  retiredTo: string | undefined

  constructor(replicaId: string) {
    this.replicaId = replicaId
  }

  private product(productId: string): OwnTotals {
    let t = this.totals.get(productId)
    if (!t) {
      t = { inc: 0, dec: 0, out: new Map() }
      this.totals.set(productId, t)
    }
    return t
  }

  private addInc(productId: string, n: number, sink: CounterSink): void {
    this.product(productId).inc += n
    sink.inc(productId, this.replicaId, n)
  }

  private addDec(productId: string, n: number, sink: CounterSink): void {
    this.product(productId).dec += n
    sink.dec(productId, this.replicaId, n)
  }

  private addOut(productId: string, to: string, n: number, sink: CounterSink): void {
    const out = this.product(productId).out
    out.set(to, (out.get(to) ?? 0) + n)
    sink.xfer(productId, this.replicaId, to, n)
  }

  /** Starts from a checkpoint's totals and open state. */
  static fromCheckpoint(replicaId: string, cp: CheckpointEvent, sink: CounterSink): Contribution {
    const c = new Contribution(replicaId)
    for (const [productId, t] of Object.entries(cp.totals)) {
      if (t.inc) c.addInc(productId, t.inc, sink)
      if (t.dec) c.addDec(productId, t.dec, sink)
      for (const [to, n] of Object.entries(t.out)) if (n) c.addOut(productId, to, n, sink)
      c.product(productId)
    }
    for (const h of cp.holds) c.holds.set(h.holdId, { ...h, replicaId })
    for (const r of cp.requests) c.requests.set(r.requestId, { ...r, replicaId })
    for (const id of cp.answered) c.answered.add(id)
    for (const o of cp.orders) c.orders.set(o.orderId, { ...o, replicaId })
    return c
  }

  /** Removes this contribution's counters from the chain-wide sums (before it is replaced). */
  withdraw(sink: CounterSink): void {
    for (const [productId, t] of this.totals) {
      if (t.inc) sink.inc(productId, this.replicaId, -t.inc)
      if (t.dec) sink.dec(productId, this.replicaId, -t.dec)
      for (const [to, n] of t.out) if (n) sink.xfer(productId, this.replicaId, to, -n)
    }
  }

  /** Folds one of this replica's own events (never a checkpoint: the fold handles those). */
  apply(e: AllotEvent, sink: CounterSink): void {
    switch (e.type) {
      case 'restock':
        this.addInc(e.productId, e.qty, sink)
        break
      case 'adjust':
        if (e.delta > 0) this.addInc(e.productId, e.delta, sink)
        else this.addDec(e.productId, -e.delta, sink)
        break
      case 'sale':
        for (const line of e.lines) this.addDec(line.productId, line.qty, sink)
        for (const card of e.payment.cards ?? []) this.addDec(balanceKey(card.cardId), card.amountMinor, sink)
        break
      case 'refund':
        if (e.toStock) for (const line of e.lines) this.addInc(line.productId, line.qty, sink)
        if (e.toCard !== undefined && e.amountMinor > 0)
          this.addInc(balanceKey(e.toCard), e.amountMinor, sink)
        break
      case 'card-issue':
        this.addInc(balanceKey(e.cardId), e.amountMinor, sink)
        break
      case 'transfer':
        this.addOut(e.productId, e.to, e.qty, sink)
        if (e.requestId !== undefined) this.answered.add(e.requestId)
        break
      case 'request':
        this.requests.set(e.id, {
          requestId: e.id,
          replicaId: this.replicaId,
          productId: e.productId,
          donor: e.donor,
          qty: e.qty,
          at: e.at,
        })
        break
      case 'request-cancel':
        this.cancelledRequests.add(e.requestId)
        break
      case 'reserve': {
        this.addDec(e.productId, e.qty, sink)
        const hold: Hold = {
          holdId: e.id,
          replicaId: this.replicaId,
          productId: e.productId,
          qty: e.qty,
          expiresAt: e.expiresAt,
          at: e.at,
        }
        if (e.orderId !== undefined) hold.orderId = e.orderId
        if (e.customer !== undefined) hold.customer = e.customer
        this.holds.set(e.id, hold)
        break
      }
      case 'release':
        this.addInc(e.productId, e.qty, sink)
        this.closedHolds.add(e.holdId)
        break
      case 'fulfil':
        this.closedHolds.add(e.holdId)
        break
      case 'order': {
        const prev = this.orders.get(e.orderId)
        const next: Order = prev
          ? { ...prev }
          : { orderId: e.orderId, replicaId: this.replicaId, status: e.status, statusSeq: e.seq }
        if (!prev || e.seq > prev.statusSeq) {
          next.status = e.status
          next.statusSeq = e.seq
        }
        if (e.lines !== undefined) {
          next.lines = e.lines
          next.createdAt = e.at
        }
        if (e.customer !== undefined) next.customer = e.customer
        this.orders.set(e.orderId, next)
        break
      }
      case 'retire':
        this.retiredTo = e.successor
        break
      case 'checkpoint':
        break
    }
  }

  isHoldOpen(holdId: string): boolean {
    return this.holds.has(holdId) && !this.closedHolds.has(holdId)
  }

  *openHolds(): Iterable<Hold> {
    for (const h of this.holds.values()) if (!this.closedHolds.has(h.holdId)) yield h
  }

  /** Requests made here and not cancelled (answered ones included; the fold filters those). */
  *liveRequests(): Iterable<StockRequest> {
    for (const r of this.requests.values()) if (!this.cancelledRequests.has(r.requestId)) yield r
  }

  *openOrders(): Iterable<Order> {
    for (const o of this.orders.values()) if (!TERMINAL_ORDER_STATUSES.has(o.status)) yield o
  }
}
