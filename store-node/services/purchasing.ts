import { stringify } from 'csv-stringify/sync'
import { averageCostMinor, purchaseOrders, type PurchaseOrder } from '../../shared/core/purchase-orders.ts'
import {
  listProductIds,
  listReplicas,
  readProduct,
  readProductNumber,
  readSupplier,
} from '../../shared/core/schema.ts'
import { localIso } from '../infra/clock.ts'
import type { ReceivedCost } from '../queries/report-queries.ts'
import { neutraliseCsvCell } from '../../shared/api/csv-cell.ts'
import { ApiError } from '../../shared/api/errors.ts'
import { formatDecimal, minorDigits } from '../../shared/api/money.ts'
import type * as V from '../../shared/api/views.ts'
import type { Handlers } from '../api/dispatch.ts'
import type { NodeContext } from '../api/context.ts'
import { storeNameOf, userName } from '../api/views.ts'
import { writeOnce } from '../api/write-once.ts'
import { purchaseOrderPdf } from '../receipts/purchase-order-pdf.ts'
import { storeLookOf } from '../receipts/receipt-input.ts'
import { formatLocalDateTime } from '../../shared/api/receipt/time-zone.ts'
import { requireSupplier } from './suppliers.ts'

const DAY_MS = 86_400_000
const OPEN: ReadonlySet<PurchaseOrder['state']> = new Set(['draft', 'sent', 'partially-received'])

/** The tills of a store (this till's by default): a store's orders are received at any of them. */
export function storeTills(ctx: NodeContext, storeId = ctx.identity().storeId): string[] {
  return [...listReplicas(ctx.doc)].filter(([, r]) => r.storeId === storeId).map(([id]) => id)
}

/**
 * A unit's cost at the store of `replicaId` now: the average of what that store received with a
 * cost, else the chain's, else the catalog's cost. Each store's averages are made on first use.
 */
export function unitCosts(ctx: NodeContext): (replicaId: string, productId: string) => number {
  const received = ctx.store.reports.receivedCosts()
  const chain = averageCosts(received)
  // a report asks for many lines of few tills: each till's store average is looked up once
  const byTill = new Map<string, Map<string, number>>()
  const byStore = new Map<string, Map<string, number>>()
  return (replicaId, productId) => {
    let store = byTill.get(replicaId)
    if (!store) {
      const storeId = ctx.store.reports.storeOf(replicaId)
      store = byStore.get(storeId)
      if (!store) byStore.set(storeId, (store = averageCosts(received, storeId)))
      byTill.set(replicaId, store)
    }
    return store.get(productId) ?? chain.get(productId) ?? readProductNumber(ctx.doc, productId, 'costMinor')
  }
}

/** Average cost per product from what one store (every store when absent) received. */
export function averageCosts(received: readonly ReceivedCost[], storeId?: string): Map<string, number> {
  const sums = new Map<string, { qty: number; totalCostMinor: number }>()
  for (const r of received) {
    if (storeId !== undefined && r.storeId !== storeId) continue
    const s = sums.get(r.productId) ?? { qty: 0, totalCostMinor: 0 }
    s.qty += r.qty
    s.totalCostMinor += r.totalCostMinor
    sums.set(r.productId, s)
  }
  return new Map([...sums].map(([productId, s]) => [productId, averageCostMinor(s, 0)]))
}

/** This store's orders, as their events (from any of its tills) describe them. */
export function ordersOfThisStore(ctx: NodeContext): PurchaseOrder[] {
  const tills = new Set(storeTills(ctx))
  return [...purchaseOrders(ctx.store.purchases.poEvents()).values()].filter((po) => tills.has(po.replicaId))
}

/** What to order for this store: products that would fall below their reorder point before a delivery. */
export function reorderSuggestions(
  ctx: NodeContext,
  days: number,
  supplierId?: string,
): V.ReorderSuggestion[] {
  const tills = storeTills(ctx)
  // the ledger's times are local ISO strings: compare like with like
  const since = localIso(new Date(ctx.nowMs() - days * DAY_MS))
  const sold = new Map<string, number>()
  for (const till of tills)
    for (const [productId, qty] of ctx.store.queries.soldSince(till, since))
      sold.set(productId, (sold.get(productId) ?? 0) + qty)
  const onOrder = new Map<string, number>()
  for (const po of ordersOfThisStore(ctx))
    if (po.state === 'sent' || po.state === 'partially-received')
      for (const l of po.lines)
        onOrder.set(l.productId, (onOrder.get(l.productId) ?? 0) + Math.max(0, l.qty - l.received))
  const out: V.ReorderSuggestion[] = []
  for (const productId of listProductIds(ctx.doc)) {
    const p = readProduct(ctx.doc, productId)
    if (!p || p.archived || (supplierId !== undefined && p.supplierId !== supplierId)) continue
    const dailySales = (sold.get(productId) ?? 0) / days
    if (p.reorderPoint <= 0 && dailySales === 0) continue
    const leadTimeDays = (p.supplierId && readSupplier(ctx.doc, p.supplierId)?.leadTimeDays) || 7
    const here = tills.reduce((n, r) => n + ctx.fold.rights(productId, r), 0)
    const coming = onOrder.get(productId) ?? 0
    const untilDelivery = Math.ceil(dailySales * leadTimeDays)
    // would it fall to its reorder point before a delivery ordered now arrives?
    if (here + coming - untilDelivery > p.reorderPoint) continue
    const target = Math.max(2 * p.reorderPoint, p.reorderPoint + untilDelivery) + untilDelivery
    const qty = target - (here + coming)
    if (qty <= 0) continue
    out.push({
      productId,
      sku: p.sku,
      name: p.name,
      supplierId: p.supplierId,
      here,
      onOrder: coming,
      reorderPoint: p.reorderPoint,
      dailySales: Math.round(dailySales * 100) / 100,
      leadTimeDays,
      qty,
      unitCostMinor: p.costMinor,
    })
  }
  return out.sort((a, b) => a.name.localeCompare(b.name))
}

export function purchasingHandlers(
  ctx: NodeContext,
): Pick<
  Handlers,
  | 'purchasing.create'
  | 'purchasing.updateLines'
  | 'purchasing.send'
  | 'purchasing.cancel'
  | 'purchasing.receive'
  | 'purchasing.list'
  | 'purchasing.get'
  | 'purchasing.exportCsv'
  | 'purchasing.exportPdf'
  | 'purchasing.suggest'
  | 'purchasing.draftFromSuggestions'
> {
  const storeOrders = () => ordersOfThisStore(ctx)
  const requireOrder = (poId: string): PurchaseOrder => {
    const po = storeOrders().find((o) => o.poId === poId)
    if (!po) throw new ApiError('NOT_FOUND', 'No such purchase order at this store', { poId })
    return po
  }
  const requireState = (po: PurchaseOrder, allowed: ReadonlyArray<PurchaseOrder['state']>, what: string) => {
    if (!allowed.includes(po.state))
      throw new ApiError('CONFLICT', `This order is ${po.state}: it cannot be ${what}`, {
        poId: po.poId,
        state: po.state,
      })
  }
  const view = (po: PurchaseOrder): V.PurchaseOrderView => ({
    id: po.poId,
    storeName: storeNameOf(ctx, po.replicaId),
    supplierId: po.supplierId,
    supplierName: readSupplier(ctx.doc, po.supplierId)?.name ?? po.supplierId,
    state: po.state,
    createdAt: po.createdAt,
    createdByName: userName(ctx, po.createdBy),
    ...(po.sentAt !== undefined && { sentAt: po.sentAt }),
    ...(po.note !== undefined && { note: po.note }),
    lines: po.lines.map((l) => {
      const p = readProduct(ctx.doc, l.productId)
      return { ...l, sku: p?.sku ?? '', name: p?.name ?? l.productId }
    }),
    totalCostMinor: po.lines.reduce((n, l) => n + l.qty * l.unitCostMinor, 0),
    receipts: po.receipts,
    overDelivered: po.overDelivered,
  })
  const viewOf = (poId: string) => view(requireOrder(poId))
  const costed = (
    lines: ReadonlyArray<{ productId: string; qty: number; unitCostMinor?: number | undefined }>,
  ) =>
    lines.map((l) => {
      const p = readProduct(ctx.doc, l.productId)
      if (!p) throw new ApiError('NOT_FOUND', `No product ${l.productId}`, { productId: l.productId })
      return { productId: l.productId, qty: l.qty, unitCostMinor: l.unitCostMinor ?? p.costMinor }
    })

  const suggest = (days: number, supplierId?: string) => reorderSuggestions(ctx, days, supplierId)

  const create = (
    input: { idempotencyKey: string; supplierId: string; note?: string | undefined },
    lines: ReturnType<typeof costed>,
    userId: string,
    method: 'purchasing.create' | 'purchasing.draftFromSuggestions',
  ) => {
    const supplier = requireSupplier(ctx, input.supplierId)
    if (supplier.archived)
      throw new ApiError('CONFLICT', 'This supplier is archived', { supplierId: input.supplierId })
    return writeOnce(ctx, method, input, () => {
      const e = ctx.ops().createPo({
        by: userId,
        supplierId: input.supplierId,
        lines,
        ...(input.note !== undefined && { note: input.note }),
      })
      return viewOf(e.id)
    })
  }

  return {
    'purchasing.create': (input, call) =>
      create(input, costed(input.lines), call.user.id, 'purchasing.create'),

    'purchasing.updateLines': (input, call) =>
      writeOnce(ctx, 'purchasing.updateLines', input, () => {
        requireState(requireOrder(input.poId), ['draft'], 'changed (only a draft is)')
        ctx.ops().updatePoLines({ by: call.user.id, poId: input.poId, lines: costed(input.lines) })
        return viewOf(input.poId)
      }),

    'purchasing.send': (input, call) =>
      writeOnce(ctx, 'purchasing.send', input, () => {
        requireState(requireOrder(input.poId), ['draft'], 'sent')
        ctx.ops().setPoState({ by: call.user.id, poId: input.poId, state: 'sent' })
        return viewOf(input.poId)
      }),

    'purchasing.cancel': (input, call) =>
      writeOnce(ctx, 'purchasing.cancel', input, () => {
        requireState(requireOrder(input.poId), ['draft', 'sent', 'partially-received'], 'cancelled')
        ctx.ops().setPoState({
          by: call.user.id,
          poId: input.poId,
          state: 'cancelled',
          ...(input.reason !== undefined && { reason: input.reason }),
        })
        return viewOf(input.poId)
      }),

    'purchasing.receive': (input, call) => {
      ctx.gate.assertMayWrite()
      return writeOnce(ctx, 'purchasing.receive', input, () => {
        const po = requireOrder(input.poId)
        // a late delivery of a received order is still taken (over-delivery), never of a draft
        requireState(po, ['sent', 'partially-received', 'received'], 'received (send it first)')
        const lines = input.lines.map((l) => {
          if (!readProduct(ctx.doc, l.productId))
            throw new ApiError('NOT_FOUND', `No product ${l.productId}`, { productId: l.productId })
          const ordered = po.lines.find((o) => o.productId === l.productId)
          return {
            productId: l.productId,
            qty: l.qty,
            damaged: l.damaged,
            unitCostMinor:
              l.unitCostMinor ?? ordered?.unitCostMinor ?? readProduct(ctx.doc, l.productId)!.costMinor,
          }
        })
        ctx.ops().receivePo({
          by: call.user.id,
          poId: input.poId,
          lines,
          ...(input.note !== undefined && { note: input.note }),
        })
        return viewOf(input.poId)
      })
    },

    'purchasing.list': (input) => ({
      items: storeOrders()
        .filter(
          (po) =>
            input.state === undefined ||
            (input.state === 'open' ? OPEN.has(po.state) : po.state === input.state),
        )
        .filter((po) => input.supplierId === undefined || po.supplierId === input.supplierId)
        .reverse()
        .map(view),
    }),

    'purchasing.get': (input) => viewOf(input.poId),

    'purchasing.exportCsv': (input) => {
      const po = viewOf(input.poId)
      const digits = minorDigits(ctx.directory.meta().currency ?? 'EUR')
      const money = (minor: number) => formatDecimal(minor, digits)
      const rows: unknown[][] = [
        ['Purchase order', po.id],
        ['Supplier', po.supplierName],
        ['Store', po.storeName],
        ['State', po.state],
        [],
        ['SKU', 'Product', 'Ordered', 'Unit cost', 'Line total', 'Received', 'Damaged'],
        ...po.lines.map((l) => [
          l.sku,
          l.name,
          l.qty,
          money(l.unitCostMinor),
          money(l.qty * l.unitCostMinor),
          l.received,
          l.damaged,
        ]),
        ['', 'Total', '', '', money(po.totalCostMinor)],
      ]
      return { csv: stringify(rows.map((row) => row.map(neutraliseCsvCell))) }
    },

    'purchasing.exportPdf': async (input) => {
      const po = viewOf(input.poId)
      const meta = ctx.directory.meta()
      const currency = meta.currency ?? 'EUR'
      const digits = minorDigits(currency)
      const supplier = readSupplier(ctx.doc, po.supplierId)
      const timeZone = storeLookOf(ctx, ctx.identity().replicaId).timeZone
      const pdf = await purchaseOrderPdf({
        po,
        organization: meta.orgName ?? '',
        supplier: {
          name: po.supplierName,
          contact: supplier?.contact ?? '',
          email: supplier?.email ?? '',
          phone: supplier?.phone ?? '',
        },
        supplierSkuOf: (productId) => readProduct(ctx.doc, productId)?.supplierSku ?? '',
        money: (minor) => formatDecimal(minor, digits),
        currency,
        date: (iso) => formatLocalDateTime(iso, timeZone),
      })
      return { fileName: `allot-po-${po.id.slice(0, 8)}.pdf`, pdfBase64: pdf.toString('base64') }
    },

    'purchasing.suggest': (input) => ({ items: suggest(input.days, input.supplierId) }),

    'purchasing.draftFromSuggestions': (input, call) => {
      const lines = suggest(input.days, input.supplierId).map((s) => ({
        productId: s.productId,
        qty: s.qty,
        unitCostMinor: s.unitCostMinor,
      }))
      if (lines.length === 0)
        throw new ApiError('CONFLICT', 'Nothing of this supplier needs ordering now', {
          supplierId: input.supplierId,
        })
      return create(input, lines, call.user.id, 'purchasing.draftFromSuggestions')
    },
  }
}
