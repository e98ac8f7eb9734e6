import type { AllotEvent } from '../../shared/core/events.ts'
import { lineAmounts } from '../../shared/core/money.ts'

/** One product movement derived from an event (what reports and the movements ledger read). */
export interface LedgerLine {
  productId: string
  /** Change of the chain's quantity (or of rights, for transfers) in units. */
  delta: number
  amountMinor: number
  reason: string
  /** Distinguishes the two rows of a transfer. */
  type: string
}

/** The product movements an event stands for. Pure, so reports and tests agree on meaning. */
export function ledgerLinesOf(replicaId: string, e: AllotEvent): LedgerLine[] {
  switch (e.type) {
    case 'restock':
      return [
        {
          productId: e.productId,
          delta: e.qty,
          amountMinor: 0,
          reason: e.poId !== undefined ? 'received' : 'restock',
          type: e.type,
        },
      ]
    case 'adjust':
      return [{ productId: e.productId, delta: e.delta, amountMinor: 0, reason: e.reason, type: e.type }]
    case 'sale':
      return e.lines.map((l) => ({
        productId: l.productId,
        delta: -l.qty,
        amountMinor: lineAmounts(l, e.pricesIncludeTax).grossMinor,
        reason: 'sale',
        type: e.type,
      }))
    case 'refund':
      return e.lines.map((l) => ({
        productId: l.productId,
        delta: e.toStock ? l.qty : 0,
        amountMinor: -l.amountMinor,
        reason: e.toStock ? 'refund' : 'refund (written off)',
        type: e.type,
      }))
    case 'transfer':
      return [
        {
          productId: e.productId,
          delta: -e.qty,
          amountMinor: 0,
          reason: `rights to ${e.to}`,
          type: 'transfer-out',
        },
        {
          productId: e.productId,
          delta: e.qty,
          amountMinor: 0,
          reason: `rights from ${replicaId}`,
          type: 'transfer-in',
        },
      ]
    case 'reserve':
      return [{ productId: e.productId, delta: -e.qty, amountMinor: 0, reason: 'hold', type: e.type }]
    case 'release':
      return [
        {
          productId: e.productId,
          delta: e.qty,
          amountMinor: 0,
          reason: `hold released (${e.reason})`,
          type: e.type,
        },
      ]
    case 'fulfil':
      return [{ productId: e.productId, delta: 0, amountMinor: 0, reason: 'hold fulfilled', type: e.type }]
    default:
      return []
  }
}
