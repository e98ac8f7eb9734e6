import { ApiError } from '../../shared/api/errors.ts'

// What the clients saw: every acknowledged operation (by the event id the store answered with),
// every refusal by reason, every operation whose answer was lost, and every violation observed
// while the run was going on.

export type OpKind =
  'checkout' | 'refund' | 'restock' | 'adjust' | 'transfer' | 'request' | 'reserve' | 'release'

/** Event type written by each operation. */
export const eventTypeOf: Record<OpKind, string> = {
  checkout: 'sale',
  refund: 'refund',
  restock: 'restock',
  adjust: 'adjust',
  transfer: 'transfer',
  request: 'request',
  reserve: 'reserve',
  release: 'release',
}

export interface AckedOp {
  kind: OpKind
  eventId: string
  replicaId: string
  store: number
  key?: string
}

export class Recorder {
  readonly acked = new Map<string, AckedOp>()
  /** Idempotency key → sale id, for checkouts. */
  readonly saleByKey = new Map<string, string>()
  readonly refusals: Record<string, number> = {}
  readonly refusalsByOp: Record<string, number> = {}
  /** Non-idempotent operations whose answer was lost (they may or may not have happened). */
  readonly uncertain: Record<string, number> = {}
  /** Idempotent operations whose answer was lost and that were settled by a retry. */
  settledByRetry = 0
  /** Sales paid partly with a gift card, and requests for a card's balance after a refusal. */
  cardPayments = 0
  cardRequests = 0
  attempted = 0
  violations: string[] = []
  samples = 0
  maxPending = 0
  maxPendingAt = ''

  ack(op: AckedOp): void {
    const before = this.acked.get(op.eventId)
    if (before && before.kind !== op.kind)
      this.violation(`event ${op.eventId} acknowledged as ${before.kind} and as ${op.kind}`)
    if (before && op.kind !== 'checkout' && op.kind !== 'refund' && op.kind !== 'reserve')
      this.violation(`event ${op.eventId} (${op.kind}) acknowledged twice`)
    this.acked.set(op.eventId, op)
    if (op.kind === 'checkout' && op.key) {
      const known = this.saleByKey.get(op.key)
      if (known && known !== op.eventId)
        this.violation(`idempotency key ${op.key} answered with two sales: ${known} and ${op.eventId}`)
      this.saleByKey.set(op.key, op.eventId)
    }
  }

  refuse(kind: OpKind, code: string): void {
    this.refusals[code] = (this.refusals[code] ?? 0) + 1
    this.refusalsByOp[`${kind}:${code}`] = (this.refusalsByOp[`${kind}:${code}`] ?? 0) + 1
  }

  lost(kind: OpKind): void {
    this.uncertain[kind] = (this.uncertain[kind] ?? 0) + 1
  }

  violation(message: string): void {
    if (this.violations.length < 200) this.violations.push(message)
  }

  ackedOf(kind: OpKind): AckedOp[] {
    return [...this.acked.values()].filter((a) => a.kind === kind)
  }
}

/** A lost answer: the store process died or the connection dropped while the call was in flight. */
export function isLostAnswer(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true
  return (
    error.code === 'INTERNAL' &&
    /Connection to the store closed|Not connected to the store|Cannot connect/.test(error.message)
  )
}

/** Refusals the workload expects (the store wrote nothing). Anything else is a violation. */
export const expectedRefusals = new Set(['OUT_OF_STOCK', 'CONFLICT', 'NOT_FOUND', 'SALES_LOCKED'])
