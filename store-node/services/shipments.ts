import type { TransferEvent } from '../../shared/core/events.ts'
import { readProduct } from '../../shared/core/schema.ts'
import { ApiError } from '../../shared/api/errors.ts'
import type * as V from '../../shared/api/views.ts'
import type { Handlers } from '../api/dispatch.ts'
import type { NodeContext } from '../api/context.ts'
import { storeNameOf, userName } from '../api/views.ts'

/** What the receiving till recorded for an incoming shipment (kv `shipment:<transferId>`). */
interface ShipmentReceipt {
  receivedQty: number
  damagedQty: number
  lostQty: number
  at: string
  by: string
  note?: string
}
const receiptKey = (transferId: string) => `shipment:${transferId}`
export const SHIPMENT_DAMAGED = 'damaged in transit'
export const SHIPMENT_LOST = 'lost in transit'
function shipmentsOf(ctx: NodeContext, limit: number): V.ShipmentView[] {
  const me = ctx.identity().replicaId
  const transfers = ctx.store.queries
    .manualTransfersFor(me, limit * 4)
    .map((r) => ({ from: r.replicaId, event: JSON.parse(r.body) as TransferEvent }))
    .filter((t) => readProduct(ctx.doc, t.event.productId)?.policy === 'local')
    .slice(0, limit)
  const adjustments = ctx.store.queries.shipmentAdjustments(transfers.map((t) => t.event.id))
  return transfers.map(({ from, event }) => {
    const incoming = event.to === me
    const view: V.ShipmentView = {
      transferId: event.id,
      productId: event.productId,
      productName: readProduct(ctx.doc, event.productId)?.name ?? event.productId,
      qty: event.qty,
      from,
      fromStoreName: storeNameOf(ctx, from),
      to: event.to,
      toStoreName: storeNameOf(ctx, event.to),
      sentAt: event.at,
      sentByName: userName(ctx, event.by),
      direction: incoming ? 'incoming' : 'outgoing',
      status: 'sent',
      receivedQty: 0,
      damagedQty: 0,
      lostQty: 0,
    }
    const receipt = incoming ? ctx.kv.get<ShipmentReceipt>(receiptKey(event.id)) : undefined
    if (receipt) {
      Object.assign(view, {
        receivedQty: receipt.receivedQty,
        damagedQty: receipt.damagedQty,
        lostQty: receipt.lostQty,
        receivedAt: receipt.at,
      })
      if (receipt.note) view.note = receipt.note
    } else {
      // The sender learns of damaged or lost units from the receiver's write-offs in the ledger.
      for (const a of adjustments.filter((x) => x.transferId === event.id)) {
        if (a.reason === SHIPMENT_DAMAGED) view.damagedQty += -a.delta
        if (a.reason === SHIPMENT_LOST) view.lostQty += -a.delta
        view.receivedAt ??= a.at
      }
      if (view.damagedQty + view.lostQty > 0) view.receivedQty = view.qty - view.damagedQty - view.lostQty
    }
    if (view.receivedAt)
      view.status = view.lostQty > 0 ? 'lost' : view.damagedQty > 0 ? 'damaged' : 'received'
    return view
  })
}

export function shipmentsHandlers(ctx: NodeContext): Pick<Handlers, 'shipments.list' | 'shipments.receive'> {
  const me = () => ctx.identity().replicaId
  return {
    'shipments.list': (input) => ({ items: shipmentsOf(ctx, input.limit) }),
    'shipments.receive': (input, call) => {
      const found = ctx.store.ledger.event(input.transferId, 'transfer')
      if (!found || found.event.to !== me())
        throw new ApiError('NOT_FOUND', `No incoming shipment ${input.transferId} for this store`)
      const transfer = found.event
      if (transfer.requestId || readProduct(ctx.doc, transfer.productId)?.policy !== 'local') {
        throw new ApiError('CONFLICT', 'Only manual transfers of local-stock products are shipments')
      }
      if (ctx.kv.get(receiptKey(transfer.id)))
        throw new ApiError('CONFLICT', 'This shipment was already received')
      const writeOff = input.damagedQty + input.lostQty
      if (writeOff > transfer.qty)
        throw new ApiError(
          'VALIDATION',
          `Damaged and lost units (${writeOff}) exceed the shipment (${transfer.qty})`,
          { issues: [{ path: 'damagedQty', message: 'more than shipped' }] },
        )
      if (writeOff > 0) {
        ctx.gate.assertMayWrite()
        const rights = ctx.fold.rights(transfer.productId, me())
        if (rights < writeOff)
          throw new ApiError(
            'OUT_OF_STOCK',
            `Only ${rights} units of this product are held here; count the stock and adjust instead`,
            { rights },
          )
      }
      const receipt: ShipmentReceipt = {
        receivedQty: transfer.qty - writeOff,
        damagedQty: input.damagedQty,
        lostQty: input.lostQty,
        at: ctx.nowIso(),
        by: call.user.id,
        ...(input.note ? { note: input.note } : {}),
      }
      const note = `shipment:${transfer.id}`
      ctx.store.durable(() => {
        const by = call.user.id
        if (input.damagedQty > 0)
          ctx.ops().adjust({
            by,
            productId: transfer.productId,
            delta: -input.damagedQty,
            reason: SHIPMENT_DAMAGED,
            note,
          })
        if (input.lostQty > 0)
          ctx
            .ops()
            .adjust({ by, productId: transfer.productId, delta: -input.lostQty, reason: SHIPMENT_LOST, note })
        ctx.kv.set(receiptKey(transfer.id), receipt)
      })
      const view = shipmentsOf(ctx, 1000).find((s) => s.transferId === transfer.id)
      if (!view) throw new ApiError('INTERNAL', 'shipment vanished')
      return view
    },
  }
}
