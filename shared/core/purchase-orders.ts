// Purchase orders as their events describe them: pure, so every till derives the same order from
// the same events, whichever till of the store wrote each.
import type { PoCreateEvent, PoLinesEvent, PoReceiptEvent, PoStateEvent } from './events.ts'
import { mulDivRound } from './money.ts'

export type PoState = 'draft' | 'sent' | 'partially-received' | 'received' | 'cancelled'

export interface PoLineState {
  productId: string
  qty: number
  unitCostMinor: number
  received: number
  damaged: number
}

export interface PurchaseOrder {
  poId: string
  /** The till that drafted it (its store is the order's store). */
  replicaId: string
  supplierId: string
  createdAt: string
  createdBy: string
  note?: string
  state: PoState
  sentAt?: string
  cancelledAt?: string
  lines: PoLineState[]
  receipts: number
  /** Units received beyond what was ordered, on any line. */
  overDelivered: boolean
}

type PoEvent = PoCreateEvent | PoLinesEvent | PoStateEvent | PoReceiptEvent

/** The orders the events describe, by id; events of unknown orders are left out. */
export function purchaseOrders(
  events: ReadonlyArray<{ replicaId: string; event: PoEvent }>,
): Map<string, PurchaseOrder> {
  const orders = new Map<string, PurchaseOrder>()
  for (const { replicaId, event: e } of events) {
    if (e.type === 'po-create') {
      orders.set(e.id, {
        poId: e.id,
        replicaId,
        supplierId: e.supplierId,
        createdAt: e.at,
        createdBy: e.by,
        ...(e.note !== undefined && { note: e.note }),
        state: 'draft',
        lines: e.lines.map((l) => ({ ...l, received: 0, damaged: 0 })),
        receipts: 0,
        overDelivered: false,
      })
      continue
    }
    const po = orders.get(e.poId)
    if (!po) continue
    if (e.type === 'po-lines') {
      if (po.state === 'draft') po.lines = e.lines.map((l) => ({ ...l, received: 0, damaged: 0 }))
    } else if (e.type === 'po-state') {
      if (e.state === 'cancelled') {
        po.state = 'cancelled'
        po.cancelledAt = e.at
      } else if (po.state === 'draft') {
        po.state = 'sent'
        po.sentAt = e.at
      }
    } else {
      po.receipts += 1
      for (const r of e.lines) {
        let line = po.lines.find((l) => l.productId === r.productId)
        if (!line) {
          // delivered although not ordered: kept as a line of its own
          line = { productId: r.productId, qty: 0, unitCostMinor: r.unitCostMinor, received: 0, damaged: 0 }
          po.lines.push(line)
        }
        line.received += r.qty
        line.damaged += r.damaged
      }
      if (po.state !== 'cancelled')
        po.state = po.lines.every((l) => l.received >= l.qty) ? 'received' : 'partially-received'
    }
    po.overDelivered = po.lines.some((l) => l.received > l.qty)
  }
  return orders
}

/**
 * The average cost of a product from what was received with a cost: units × cost over units, half
 * up (the average of every unit received so far, so it merges like the events it comes from);
 * `fallbackMinor` (the catalog cost) until anything was received.
 */
export function averageCostMinor(
  received: { qty: number; totalCostMinor: number } | undefined,
  fallbackMinor: number,
): number {
  if (!received || received.qty <= 0) return fallbackMinor
  return mulDivRound(received.totalCostMinor, 1, received.qty)
}
