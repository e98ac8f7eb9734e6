import type { Customer, SaleEvent } from '../../shared/core/events.ts'
import type { Hold, Order } from '../../shared/core/contribution.ts'
import { discountsMinor, lineAmounts } from '../../shared/core/money.ts'
import { pricePerOf } from '../../shared/core/scale-line.ts'
import {
  listReplicas,
  readProduct,
  readReplica,
  readStore,
  readUser,
  type Product,
} from '../../shared/core/schema.ts'
import type * as V from '../../shared/api/views.ts'
import { ApiError } from '../../shared/api/errors.ts'
import type { NodeContext } from './context.ts'
import { receiptNoOf } from '../receipts/receipt-number.ts'

// Mapping from the core's records to the StoreApi's views. The core speaks `taxRate` (basis
// points) and customers as objects; the API says `taxRateBp` and a customer's name.

export function productView(id: string, p: Product): V.ProductView {
  return {
    id,
    sku: p.sku,
    name: p.name,
    barcode: p.barcode,
    priceMinor: p.priceMinor,
    taxRateBp: p.taxRate,
    unit: p.unit,
    reorderPoint: p.reorderPoint,
    policy: p.policy,
    category: p.category,
    supplierId: p.supplierId,
    supplierSku: p.supplierSku,
    costMinor: p.costMinor,
    byWeight: p.byWeight,
    archived: p.archived,
  }
}

export function requireProduct(ctx: NodeContext, id: string): Product {
  const p = readProduct(ctx.doc, id)
  if (!p) throw new ApiError('NOT_FOUND', `No product ${id}`, { productId: id })
  return p
}

export function withStock(ctx: NodeContext, id: string, p: Product): V.ProductWithStock {
  const replicaId = ctx.identity().replicaId
  return { ...productView(id, p), here: ctx.fold.rights(id, replicaId), chain: ctx.fold.value(id) }
}

export function storeNameOf(ctx: NodeContext, replicaId: string): string {
  const info = readReplica(ctx.doc, replicaId)
  if (!info) return replicaId.slice(0, 8)
  return info.storeName || readStore(ctx.doc, info.storeId)?.name || replicaId.slice(0, 8)
}

export function holdersOf(ctx: NodeContext, productId: string): V.RightsHolder[] {
  const replicas = listReplicas(ctx.doc)
  const holders: V.RightsHolder[] = []
  for (const [replicaId, rights] of ctx.fold.rightsByReplica(productId)) {
    const info = replicas.get(replicaId)
    holders.push({
      replicaId,
      storeId: info?.storeId ?? '',
      storeName: storeNameOf(ctx, replicaId),
      rights,
      status: info?.status ?? 'unknown',
    })
  }
  return holders.sort((a, b) => b.rights - a.rights || (a.replicaId < b.replicaId ? -1 : 1))
}

/** The name shown for a user (events keep naming users whose record was never verified here). */
export function userName(ctx: NodeContext, userId: string): string {
  const user = ctx.directory.user(userId) ?? readUser(ctx.doc, userId)
  return user?.displayName ?? user?.username ?? 'unknown'
}

export function customerName(c: Customer | undefined): string {
  return c?.name ?? ''
}

export function saleView(
  ctx: NodeContext,
  replicaId: string,
  e: SaleEvent,
  refunded: Record<string, number>,
): V.SaleView {
  return {
    id: e.id,
    replicaId,
    storeName: storeNameOf(ctx, replicaId),
    seq: e.seq,
    at: e.at,
    by: e.by,
    byName: userName(ctx, e.by),
    lines: e.lines.map((l) => {
      const p = readProduct(ctx.doc, l.productId)
      return {
        productId: l.productId,
        sku: p?.sku ?? '',
        name: p?.name ?? l.productId,
        qty: l.qty,
        unitPriceMinor: l.unitPriceMinor,
        taxRateBp: l.taxRate,
        totalMinor: lineAmounts(l, e.pricesIncludeTax).grossMinor,
        ...(l.override && { listPriceMinor: l.override.listPriceMinor, overrideReason: l.override.reason }),
        ...(l.discount && { discount: l.discount }),
        ...(l.basketShareMinor !== undefined && { basketShareMinor: l.basketShareMinor }),
      }
    }),
    subtotalMinor: e.totals.subtotalMinor,
    taxMinor: e.totals.taxMinor,
    totalMinor: e.totals.totalMinor,
    payment: e.payment,
    refundedQty: refunded,
    receiptNo: receiptNoOf(ctx, replicaId, e.seq),
    ...(e.pricesIncludeTax && { pricesIncludeTax: true }),
    ...(e.basketDiscount && { basketDiscount: e.basketDiscount }),
    ...(discountsMinor(e.lines) > 0 && { discountsMinor: discountsMinor(e.lines) }),
    ...(e.discountApprovedBy && { discountApprovedByName: userName(ctx, e.discountApprovedBy) }),
  }
}

export function holdView(ctx: NodeContext, h: Hold, state: V.HoldView['state']): V.HoldView {
  const product = readProduct(ctx.doc, h.productId)
  const view: V.HoldView = {
    id: h.holdId,
    replicaId: h.replicaId,
    productId: h.productId,
    productName: product?.name ?? h.productId,
    qty: h.qty,
    customer: customerName(h.customer),
    expiresAt: h.expiresAt,
    state,
    // at the catalog price, per kilogram for grams of a product sold by weight
    totalMinor: product
      ? lineAmounts({
          qty: h.qty,
          unitPriceMinor: product.priceMinor,
          pricePer: pricePerOf(product),
          taxRate: product.taxRate,
        }).grossMinor
      : 0,
  }
  if (h.orderId) view.orderId = h.orderId
  return view
}

export function orderView(ctx: NodeContext, o: Order): V.OrderView {
  const holds = ctx.fold.openHolds({ replicaId: o.replicaId }).filter((h) => h.orderId === o.orderId)
  return {
    id: o.orderId,
    replicaId: o.replicaId,
    customer: customerName(o.customer),
    status: o.status,
    lines: (o.lines ?? []).map((l) => {
      const hold = holds.find((h) => h.productId === l.productId)
      return hold
        ? { productId: l.productId, qty: l.qty, holdId: hold.holdId }
        : { productId: l.productId, qty: l.qty }
    }),
    createdAt: o.createdAt ?? '',
    updatedAt: o.createdAt ?? '',
  }
}
