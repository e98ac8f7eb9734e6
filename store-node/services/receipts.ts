import type { Handlers } from '../api/dispatch.ts'
import type { NodeContext } from '../api/context.ts'
import { ApiError } from '../../shared/api/errors.ts'
import { readStoreSettings } from '../settings/store-settings.ts'
import { escPosReceipt } from '../receipts/escpos.ts'
import { sendToPrinter } from '../receipts/network-printer.ts'
import { buildReceipt } from './sales.ts'
import { paperWidths } from '../../shared/api/receipt/receipt-text.ts'

export function receiptsHandlers(ctx: NodeContext): Pick<Handlers, 'receipts.printer' | 'receipts.print'> {
  return {
    'receipts.printer': () => {
      const { printer, paperWidth } = readStoreSettings(ctx.kv)
      return {
        printer: printer ? `${printer.host}:${printer.port}` : null,
        paperWidth,
        columns: paperWidths[paperWidth],
      }
    },
    'receipts.print': async (input, call) => {
      const { printer, paperWidth } = readStoreSettings(ctx.kv)
      if (!printer)
        throw new ApiError('CONFLICT', 'This till has no network receipt printer; use the print dialog', {
          reason: 'no-printer',
        })
      // the receipt is read before any byte goes out: an unknown sale prints nothing
      const receipt = buildReceipt(ctx, { ...input, paperWidth })
      const bytes = escPosReceipt(receipt.lines, receipt.columns)
      await sendToPrinter(printer, bytes)
      ctx.logger.info(
        { user: call.user.username, receiptNo: receipt.receiptNo, copy: input.copy ?? false },
        'receipt printed',
      )
      return {
        receiptNo: receipt.receiptNo,
        printer: `${printer.host}:${printer.port}`,
        paperWidth,
        bytes: bytes.length,
      }
    },
  }
}
