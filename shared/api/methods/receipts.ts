import { z } from 'zod'
import type * as V from '../views.ts'
import { method, returns } from '../method.ts'
import { empty, id } from './fields.ts'

// Receipts sent to this till's network printer (ESC/POS over TCP). The OS print dialog in the
// UI stays the default; this is for tills a manager gave a printer in the settings.

export const receiptsMethods = {
  /** What the till prints on: whether to offer "print on the receipt printer", and the paper. */
  'receipts.printer': method('cashier', empty, returns<V.ReceiptPrinterView>()),
  'receipts.print': method(
    'cashier',
    z.strictObject({
      /** The sale; absent with `refundId` for a return without a receipt. */
      saleId: id.optional(),
      /** Print this refund's receipt instead of the sale's. */
      refundId: id.optional(),
      /** A reprint: marked COPY (a sale's reprint lists its refunds). */
      copy: z.boolean().optional(),
    }),
    returns<V.PrintedReceiptView>(),
  ),
} as const
