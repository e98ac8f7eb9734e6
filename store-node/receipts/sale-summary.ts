import type { SaleEvent } from '../../shared/core/events.ts'
import type * as V from '../../shared/api/views.ts'
import { formatLocalDateTime } from '../../shared/api/receipt/time-zone.ts'
import type { NodeContext } from '../api/context.ts'
import { storeNameOf, userName } from '../api/views.ts'
import type { SaleRow } from '../queries/ledger-queries.ts'
import { refundedBySale } from '../services/sales.ts'
import { receiptNoOf } from './receipt-number.ts'
import { storeLookOf } from './receipt-input.ts'

/** Every tender a sale used: gift cards, fixed parts, then the method that paid the rest. */
function tendersOf(e: SaleEvent): V.SaleSummary['tenders'] {
  const used: V.SaleSummary['tenders'] = []
  const add = (t: V.SaleSummary['tenders'][number]) => {
    if (!used.includes(t)) used.push(t)
  }
  if (e.payment.cards) add('gift-card')
  for (const p of e.payment.parts ?? []) add(p.method)
  // a method that paid nothing (cards and parts covered the total) is not a tender of the sale
  if (e.payment.tenderedMinor > 0 || used.length === 0) add(e.payment.method)
  return used
}

/** A line of the sales list (and of a customer's purchases). */
export function saleSummary(ctx: NodeContext, row: SaleRow): V.SaleSummary {
  const e = JSON.parse(row.body) as SaleEvent
  const refunded = Object.values(refundedBySale(ctx, row.id)).reduce((sum, n) => sum + n, 0)
  return {
    id: row.id,
    replicaId: row.replicaId,
    storeName: storeNameOf(ctx, row.replicaId),
    at: row.at,
    totalMinor: row.totalMinor,
    items: row.items,
    receiptNo: receiptNoOf(ctx, row.replicaId, row.seq),
    localTime: formatLocalDateTime(row.at, storeLookOf(ctx, row.replicaId).timeZone),
    cashierName: userName(ctx, e.by),
    tenders: tendersOf(e),
    ...(e.customer?.name ? { customerName: e.customer.name } : {}),
    refunded: refunded === 0 ? 'none' : refunded >= row.items ? 'all' : 'part',
  }
}
