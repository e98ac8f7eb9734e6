import PDFDocument from 'pdfkit'
import type { PurchaseOrderView } from '../../shared/api/views.ts'

/** What a purchase order's PDF shows besides the order itself. */
export interface PurchaseOrderPaper {
  po: PurchaseOrderView
  organization: string
  supplier: { name: string; contact: string; email: string; phone: string }
  /** Each product's number at the supplier, by product id ('' for none). */
  supplierSkuOf: (productId: string) => string
  /** Money as printed ("12.50"), and the currency's code. */
  money: (minor: number) => string
  currency: string
  /** Dates as the store reads them. */
  date: (iso: string) => string
}

const columns = [
  { title: 'SKU', width: 70 },
  { title: 'Supplier no.', width: 70 },
  { title: 'Product', width: 175 },
  { title: 'Qty', width: 45, right: true },
  { title: 'Unit cost', width: 70, right: true },
  { title: 'Line total', width: 75, right: true },
] as const

/**
 * A purchase order as an A4 PDF for the supplier (PDFKit's standard Helvetica, so no font files to
 * ship; it writes the Latin-1 range and the euro sign, other scripts print as blanks).
 */
export function purchaseOrderPdf(paper: PurchaseOrderPaper): Promise<Buffer> {
  const { po } = paper
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `Purchase order ${po.id}`, Author: paper.organization, Subject: po.supplierName },
  })
  const chunks: Buffer[] = []
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })

  doc.font('Helvetica-Bold').fontSize(18).text('Purchase order')
  doc.font('Helvetica').fontSize(10).moveDown(0.3)
  doc.text(`Number: ${po.id}`)
  doc.text(`From: ${paper.organization}, ${po.storeName}`)
  doc.text(`Raised: ${paper.date(po.createdAt)} by ${po.createdByName}`)
  if (po.sentAt) doc.text(`Sent: ${paper.date(po.sentAt)}`)
  doc.text(`State: ${po.state.replace('-', ' ')}`)
  doc.moveDown()
  doc.font('Helvetica-Bold').text('Supplier')
  doc.font('Helvetica').text(paper.supplier.name)
  for (const line of [paper.supplier.contact, paper.supplier.email, paper.supplier.phone])
    if (line) doc.text(line)
  doc.moveDown()

  const row = (cells: readonly string[], bold = false) => {
    const y = doc.y
    let x = doc.page.margins.left
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica')
    let bottom = y
    cells.forEach((cell, i) => {
      const col = columns[i]!
      doc.text(cell, x, y, { width: col.width - 6, align: 'right' in col ? 'right' : 'left' })
      bottom = Math.max(bottom, doc.y)
      x += col.width
    })
    doc.x = doc.page.margins.left
    doc.y = bottom + 4
    if (doc.y > doc.page.height - doc.page.margins.bottom - 40) doc.addPage()
  }
  row(
    columns.map((c) => c.title),
    true,
  )
  for (const l of po.lines)
    row([
      l.sku,
      paper.supplierSkuOf(l.productId),
      l.name,
      String(l.qty),
      paper.money(l.unitCostMinor),
      paper.money(l.qty * l.unitCostMinor),
    ])
  doc.moveDown(0.5)
  doc
    .font('Helvetica-Bold')
    .text(`Total (${paper.currency}, before tax): ${paper.money(po.totalCostMinor)}`, { align: 'right' })
  if (po.note) {
    doc.moveDown()
    doc.font('Helvetica').text(`Note: ${po.note}`)
  }
  doc.end()
  return done
}
