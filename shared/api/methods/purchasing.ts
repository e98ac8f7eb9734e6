import { z } from 'zod'
import type * as V from '../views.ts'
import { method, returns } from '../method.ts'
import { id, idempotencyKey, minor, qty, text } from './fields.ts'

// Purchase orders per store: drafted, sent, received by scanning (partly, over, damaged), and the
// suggestions they can start from.

const orderLines = z
  .array(
    z.strictObject({
      productId: id,
      qty,
      /** Default: the product's catalog cost. */
      unitCostMinor: minor.optional(),
    }),
  )
  .min(1)
  .max(1000)

const days = z.int().min(1).max(365).default(28)

export const purchasingMethods = {
  'purchasing.create': method(
    'manager',
    z.strictObject({
      idempotencyKey,
      supplierId: id,
      lines: orderLines,
      note: z.string().trim().max(500).optional(),
    }),
    returns<V.PurchaseOrderView>(),
  ),
  'purchasing.updateLines': method(
    'manager',
    z.strictObject({ idempotencyKey, poId: id, lines: orderLines }),
    returns<V.PurchaseOrderView>(),
  ),
  'purchasing.send': method(
    'manager',
    z.strictObject({ idempotencyKey, poId: id }),
    returns<V.PurchaseOrderView>(),
  ),
  'purchasing.cancel': method(
    'manager',
    z.strictObject({ idempotencyKey, poId: id, reason: text(200).optional() }),
    returns<V.PurchaseOrderView>(),
  ),
  /** A delivery, as scanned at the back door: good units go on the shelf with their cost. */
  'purchasing.receive': method(
    'cashier',
    z.strictObject({
      idempotencyKey,
      poId: id,
      lines: z
        .array(
          z.strictObject({
            productId: id,
            qty: z.int().min(0).max(1_000_000),
            damaged: z.int().min(0).max(1_000_000).default(0),
            /** Default: the order line's cost (or the catalog's). */
            unitCostMinor: minor.optional(),
          }),
        )
        .min(1)
        .max(1000),
      note: z.string().trim().max(500).optional(),
    }),
    returns<V.PurchaseOrderView>(),
  ),
  'purchasing.list': method(
    'cashier',
    z.strictObject({
      state: z.enum(['draft', 'sent', 'partially-received', 'received', 'cancelled', 'open']).optional(),
      supplierId: id.optional(),
    }),
    returns<{ items: V.PurchaseOrderView[] }>(),
  ),
  'purchasing.get': method('cashier', z.strictObject({ poId: id }), returns<V.PurchaseOrderView>()),
  'purchasing.exportCsv': method('manager', z.strictObject({ poId: id }), returns<{ csv: string }>()),
  /** The order as an A4 PDF for the supplier (base64). */
  'purchasing.exportPdf': method(
    'manager',
    z.strictObject({ poId: id }),
    returns<{ fileName: string; pdfBase64: string }>(),
  ),
  'purchasing.suggest': method(
    'manager',
    z.strictObject({ days, supplierId: id.optional() }),
    returns<{ items: V.ReorderSuggestion[] }>(),
  ),
  'purchasing.draftFromSuggestions': method(
    'manager',
    z.strictObject({ idempotencyKey, supplierId: id, days }),
    returns<V.PurchaseOrderView>(),
  ),
} as const
