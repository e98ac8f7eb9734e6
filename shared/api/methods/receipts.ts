import { z } from 'zod'
import type { Access } from '../roles.ts'
import type * as V from '../views.ts'
import { empty, id } from './fields.ts'

// Receipts sent to this till's network printer (ESC/POS over TCP). The OS print dialog in the
// UI stays the default; this is for tills a manager gave a printer in the settings.

export const receiptsInputs = {
  /** What the till prints on: whether to offer "print on the receipt printer", and the paper. */
  'receipts.printer': empty,
  'receipts.print': z.strictObject({
    saleId: id,
    /** Print this refund's receipt instead of the sale's. */
    refundId: id.optional(),
    /** A reprint: marked COPY (a sale's reprint lists its refunds). */
    copy: z.boolean().optional(),
  }),
} as const

export interface ReceiptsOutputs {
  'receipts.printer': V.ReceiptPrinterView
  'receipts.print': V.PrintedReceiptView
}

export const receiptsAccess = {
  'receipts.printer': 'cashier',
  'receipts.print': 'cashier',
} as const satisfies Record<keyof typeof receiptsInputs, Access>
