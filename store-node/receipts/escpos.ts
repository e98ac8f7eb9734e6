import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder'

/**
 * A receipt's lines as ESC/POS bytes: initialise the printer, the text in a code page that holds
 * its characters (the library picks one per character run: ü, €, …), feed, and cut.
 */
export function escPosReceipt(lines: string[], columns: number): Uint8Array {
  const encoder = new ReceiptPrinterEncoder({ language: 'esc-pos', columns, feedBeforeCut: 4 })
  encoder.initialize().codepage('auto')
  for (const line of lines) encoder.line(line)
  return encoder.cut('partial').encode()
}
