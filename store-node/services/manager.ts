import type { TransferEvent, RequestEvent } from '../../shared/core/events.ts'
import {
  listReplicas,
  getStores,
  readProduct,
  readStore,
  getMeta,
  writeProduct,
} from '../../shared/core/schema.ts'
import { ApiError } from '../../shared/api/errors.ts'
import type * as V from '../../shared/api/views.ts'
import type { Handlers } from '../api/dispatch.ts'
import type { NodeContext } from '../context.ts'
import { readStoreSettings, writeStoreSettings } from '../store-settings.ts'
import { assertMayChange, writeShared } from '../trust/authority-gate.ts'
import { productView, requireProduct, storeNameOf, userName } from '../views.ts'
import { assertMaySell } from './stock.ts'

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

export function settingsView(ctx: NodeContext): V.StoreSettingsView {
  const meta = ctx.directory.meta()
  const s = readStoreSettings(ctx.kv)
  const storeId = ctx.identity().storeId
  return {
    orgName: meta.orgName ?? '',
    currency: meta.currency ?? '',
    storeName: storeId ? (readStore(ctx.doc, storeId)?.name ?? '') : '',
    receiptHeader: s.receiptHeader,
    floor: s.floor,
    lowWaterMinimum: s.lowWaterMinimum,
  }
}

function storeList(ctx: NodeContext): V.StoreListView {
  const me = ctx.identity().replicaId
  const replicas = listReplicas(ctx.doc)
  const stores = new Map<string, V.StoreListView['stores'][number]>()
  getStores(ctx.doc).forEach((_v, storeId) => {
    const info = readStore(ctx.doc, storeId)
    if (info)
      stores.set(storeId, {
        storeId,
        name: info.name,
        code: info.code,
        ...(info.address ? { address: info.address } : {}),
        tills: [],
      })
  })
  for (const [replicaId, info] of replicas) {
    let store = stores.get(info.storeId)
    if (!store) {
      store = { storeId: info.storeId, name: info.storeName, code: '', tills: [] }
      stores.set(info.storeId, store)
    }
    const log = ctx.fold.logInfo(replicaId)
    const till: V.TillView = {
      replicaId,
      storeId: info.storeId,
      storeName: storeNameOf(ctx, replicaId),
      status: info.status,
      lastSeq: log.lastSeq,
      missingEvents: log.gaps.reduce((n, g) => n + g.to - g.from + 1, 0),
      thisTill: replicaId === me,
    }
    if (info.successor) till.successor = info.successor
    store.tills.push(till)
  }
  const list = [...stores.values()].sort((a, b) => a.name.localeCompare(b.name))
  for (const s of list)
    s.tills.sort((a, b) => Number(b.thisTill) - Number(a.thisTill) || a.replicaId.localeCompare(b.replicaId))
  return { thisReplicaId: me, thisStoreId: ctx.identity().storeId ?? '', stores: list }
}

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

export function managerHandlers(
  ctx: NodeContext,
): Pick<
  Handlers,
  | 'stores.list'
  | 'requests.list'
  | 'shipments.list'
  | 'shipments.receive'
  | 'stock.setPolicy'
  | 'settings.get'
  | 'settings.update'
  | 'devices.retire'
> {
  const me = () => ctx.identity().replicaId
  return {
    'stores.list': () => storeList(ctx),

    'requests.list': (input) => {
      const rows = ctx.store.queries
        .requestsFor(me(), input.limit)
        .map((r) => ({ replicaId: r.replicaId, event: JSON.parse(r.body) as RequestEvent }))
      const outcomes = ctx.store.queries.requestOutcomes(rows.map((r) => r.event.id))
      const items: V.RequestRowView[] = rows.map(({ replicaId, event }) => {
        const folded = ctx.fold.request(event.id)?.state
        const granted = outcomes.granted.get(event.id) ?? 0
        const state =
          folded ??
          (outcomes.cancelled.has(event.id) ? 'cancelled' : granted > 0 ? 'answered' : 'outstanding')
        return {
          id: event.id,
          productId: event.productId,
          productName: readProduct(ctx.doc, event.productId)?.name ?? event.productId,
          from: replicaId,
          fromStoreName: storeNameOf(ctx, replicaId),
          donor: event.donor,
          donorStoreName: storeNameOf(ctx, event.donor),
          qty: event.qty,
          at: event.at,
          direction: event.donor === me() ? 'incoming' : replicaId === me() ? 'outgoing' : 'other',
          state,
          grantedQty: granted,
          byName: event.by === 'system' ? 'automatic' : userName(ctx, event.by),
        }
      })
      return { items: input.state === 'outstanding' ? items.filter((i) => i.state === 'outstanding') : items }
    },

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
        assertMaySell(ctx)
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
        by: call.user!.id,
        ...(input.note ? { note: input.note } : {}),
      }
      const note = `shipment:${transfer.id}`
      ctx.store.durable(() => {
        const by = call.user!.id
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

    'stock.setPolicy': (input) => {
      requireProduct(ctx, input.productId)
      ctx.store.durable(() => writeProduct(ctx.doc, input.productId, { policy: input.policy }))
      return productView(input.productId, requireProduct(ctx, input.productId))
    },

    'settings.get': () => settingsView(ctx),

    'settings.update': (input, call) => {
      const metaChange = input.orgName !== undefined || input.currency !== undefined
      if (metaChange && call.user?.role !== 'owner')
        throw new ApiError('FORBIDDEN', 'Only an owner changes the organisation name or currency', {
          required: 'owner',
        })
      if (metaChange && ctx.readOnly()) throw new ApiError('READ_ONLY', ctx.readOnly()!)
      const metaChanges = (['orgName', 'currency'] as const)
        .filter((key) => input[key] !== undefined)
        .map((key) => ({ root: 'meta' as const, key, field: null, value: input[key] }))
      assertMayChange(ctx, metaChanges)
      ctx.store.durable(() => {
        if (metaChange) {
          writeShared(ctx, () => {
            if (input.orgName !== undefined) getMeta(ctx.doc).set('orgName', input.orgName)
            if (input.currency !== undefined) getMeta(ctx.doc).set('currency', input.currency)
          })
        }
        writeStoreSettings(ctx.kv, {
          receiptHeader: input.receiptHeader,
          floor: input.floor,
          lowWaterMinimum: input.lowWaterMinimum,
        })
      })
      ctx.logger.info({ user: call.user?.username, fields: Object.keys(input) }, 'settings changed')
      return settingsView(ctx)
    },

    'devices.retire': (input, call) => {
      if (input.successorReplicaId === me())
        throw new ApiError('VALIDATION', 'A till cannot be its own successor', {
          issues: [{ path: 'successorReplicaId', message: 'this till' }],
        })
      const successor = listReplicas(ctx.doc).get(input.successorReplicaId)
      if (!successor) throw new ApiError('NOT_FOUND', `No till ${input.successorReplicaId}`)
      if (successor.status !== 'active')
        throw new ApiError(
          'CONFLICT',
          `Till ${storeNameOf(ctx, input.successorReplicaId)} is ${successor.status}`,
        )
      assertMaySell(ctx)
      const result = ctx.store.durable(() =>
        ctx.ops().retire({ by: call.user!.id, successor: input.successorReplicaId }),
      )
      ctx.logger.warn(
        { successor: input.successorReplicaId, transfers: result.transfers.length },
        'till retired',
      )
      return {
        replicaId: me(),
        successor: input.successorReplicaId,
        successorStoreName: storeNameOf(ctx, input.successorReplicaId),
        transfers: result.transfers.length,
        units: result.transfers.reduce((n, t) => n + t.qty, 0),
        cancelledRequests: result.cancels.length,
        at: result.retire.at,
      }
    },
  }
}
