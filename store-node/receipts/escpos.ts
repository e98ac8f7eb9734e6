import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder'

/**
 * Control characters become spaces: product names are shared data any store edits, and an ESC or
 * GS byte in one would be a printer command (open the drawer, cut, change the code page).
 */
function printable(line: string): string {
  return [...line]
    .map((c) => {
      const code = c.codePointAt(0) ?? 0
      return code < 0x20 || (code >= 0x7f && code < 0xa0) ? ' ' : c
    })
    .join('')
}

/**
 * A receipt's lines as ESC/POS bytes: initialise the printer, the text in a code page that holds
 * its characters (the library picks one per character run: ü, €, …), feed, and cut.
 */
export function escPosReceipt(lines: string[], columns: number): Uint8Array {
  const encoder = new ReceiptPrinterEncoder({ language: 'esc-pos', columns, feedBeforeCut: 4 })
  encoder.initialize().codepage('auto')
  for (const line of lines) encoder.line(printable(line))
  return encoder.cut('partial').encode()
}
