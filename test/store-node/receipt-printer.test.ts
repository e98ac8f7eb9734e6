import { spawn } from 'node:child_process'
import { connect, createServer, type Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import { cleanupAfterEach, loopbackPrinter, openSetUpStore, refusal, waitUntil } from '../support/index.ts'

const later = cleanupAfterEach()

/** The loopback printer, closed after the test. */
async function loopbackPrinterHere() {
  const printer = await loopbackPrinter()
  later(printer.close)
  return printer
}

/** A port on loopback where nothing listens (a printer that is switched off). */
async function deadPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return address.port
}

/**
 * A printer that hangs: a process that listens but never accepts (its event loop is blocked), with
 * its accept queue filled, so a further connection attempt gets no answer at all.
 */
async function hungPrinterPort(): Promise<number> {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const s = require('node:net').createServer()
       s.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
         process.stdout.write(s.address().port + '\\n')
         Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)
       })`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  later(() => {
    child.kill('SIGKILL')
  })
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim())))
    child.once('exit', () => reject(new Error('the hung printer exited')))
  })
  const fillers: Socket[] = []
  later(() => fillers.forEach((f) => f.destroy()))
  for (let i = 0; i < 8; i++) {
    const f = connect({ host: '127.0.0.1', port })
    f.on('error', () => undefined)
    fillers.push(f)
  }
  return port
}

const ESC_INIT = Buffer.from([0x1b, 0x40])
const GS_CUT = Buffer.from([0x1d, 0x56])

describe('network receipt printers (ESC/POS over TCP)', () => {
  it('prints a sale, a refund and a reprint to the loopback printer', async () => {
    const printer = await loopbackPrinterHere()
    const s = await openSetUpStore('receipt-printer', later, () => new Date('2026-07-01T22:15:00Z'))
    const { owner, cashier } = s
    await owner['settings.update']({
      timeZone: 'Europe/Berlin',
      businessName: 'Tea & Co',
      receiptFooter: 'Thank you',
      printer: { host: '127.0.0.1', port: printer.port },
      paperWidth: '58mm',
    })
    const sale = await cashier['sales.checkout']({
      idempotencyKey: 'printed-sale',
      lines: [{ productId: s.productId, qty: 3 }],
      payment: { method: 'cash', tenderedMinor: 2000 },
    })
    const printed = await cashier['receipts.print']({ saleId: sale.id })
    expect(printed).toMatchObject({
      receiptNo: sale.receiptNo,
      printer: `127.0.0.1:${printer.port}`,
      paperWidth: '58mm',
    })
    await waitUntil(() => printer.jobs.length === 1, 10_000, 'the printer got the receipt')
    const job = printer.jobs[0]!
    expect(job.length).toBe(printed.bytes)
    // ESC @ (initialise) first, text, then GS V (cut) after the last line
    expect(job.subarray(0, 2)).toEqual(ESC_INIT)
    const cutAt = job.lastIndexOf(GS_CUT)
    expect(cutAt).toBeGreaterThan(0)
    const text = job.subarray(0, cutAt).toString('latin1')
    expect(text.indexOf('Thank you')).toBeLessThan(cutAt)
    expect(text).toContain(sale.receiptNo!)
    // 22:15 UTC on 1 July is 00:15 on 2 July in Berlin (summer time)
    expect(text).toContain('2026-07-02 00:15')
    expect(text).toMatch(/TOTAL EUR +11\.20/)
    expect(text).toMatch(/Change +8\.80/)
    // 58 mm paper: no printed line is wider than 32 characters
    const printedLines = text
      .split(/\r?\n\r?/)
      .map((l) => [...l].filter((c) => c >= ' ').join(''))
      .filter((l) => l.includes('EUR') || l.includes('x 3.49'))
    expect(printedLines.length).toBeGreaterThan(0)
    for (const line of printedLines) expect(line.length).toBeLessThanOrEqual(32)

    const refund = await cashier['sales.refund']({
      idempotencyKey: 'printed-refund',
      saleId: sale.id,
      lines: [{ productId: s.productId, qty: 1 }],
      toStock: true,
      reason: 'leaking',
    })
    const refundPrint = await cashier['receipts.print']({ saleId: sale.id, refundId: refund.id })
    const reprint = await cashier['receipts.print']({ saleId: sale.id, copy: true })
    await waitUntil(() => printer.jobs.length === 3, 10_000, 'the printer got the refund and the reprint')
    const refundText = printer.jobs[1]!.toString('latin1')
    expect(refundText).toContain(refundPrint.receiptNo)
    expect(refundText).toContain('REFUND')
    expect(refundText).toContain(sale.receiptNo!)
    expect(refundText).toMatch(/REFUND EUR +3\.73/)
    const reprintText = printer.jobs[2]!.toString('latin1')
    expect(reprint.receiptNo).toBe(sale.receiptNo)
    expect(reprintText).toContain('COPY')
    expect(reprintText).toContain('REFUNDS')
    expect(reprintText).toContain(refundPrint.receiptNo)
  })

  it('says clearly when the printer is unreachable or not set up, and prints nothing for an unknown sale', async () => {
    const printer = await loopbackPrinterHere()
    const s = await openSetUpStore('receipt-printer-off', later)
    const { owner, cashier } = s
    const sale = await cashier['sales.checkout']({
      idempotencyKey: 'unprinted-sale',
      lines: [{ productId: s.productId, qty: 1 }],
      payment: { method: 'card' },
    })
    expect(await cashier['receipts.printer']({})).toEqual({ printer: null, paperWidth: '80mm', columns: 48 })
    const none = await refusal(cashier['receipts.print']({ saleId: sale.id }))
    expect(none.code).toBe('CONFLICT')
    expect(none.details).toMatchObject({ reason: 'no-printer' })

    const port = await deadPort()
    await owner['settings.update']({ printer: { host: '127.0.0.1', port } })
    expect((await cashier['receipts.printer']({})).printer).toBe(`127.0.0.1:${port}`)
    const off = await refusal(cashier['receipts.print']({ saleId: sale.id }))
    expect(off.code).toBe('CONFLICT')
    expect(off.message).toContain(`127.0.0.1:${port}`)
    expect(off.details).toMatchObject({ reason: 'printer-unreachable', cause: 'ECONNREFUSED' })

    await owner['settings.update']({ printer: { host: '127.0.0.1', port: printer.port } })
    expect((await refusal(cashier['receipts.print']({ saleId: 'no-such-sale' }))).code).toBe('NOT_FOUND')
    await cashier['receipts.print']({ saleId: sale.id })
    await waitUntil(() => printer.jobs.length === 1, 10_000, 'the printer got one receipt')
  })

  it('never passes printer commands hidden in a product name to the printer', async () => {
    const printer = await loopbackPrinterHere()
    const s = await openSetUpStore('receipt-printer-inject', later)
    const { owner, cashier } = s
    await owner['settings.update']({ printer: { host: '127.0.0.1', port: printer.port } })
    // ESC p 0 … kicks the cash drawer open; GS V cuts the paper
    const sneaky = await owner['catalog.upsert']({
      sku: 'SNEAKY-1',
      name: 'Candy\u001bp\u0000\u0019\u00fa\u001dV\u0001 bar',
      priceMinor: 100,
    })
    await owner['stock.restock']({ productId: sneaky.id, qty: 5 })
    const sale = await cashier['sales.checkout']({
      idempotencyKey: 'sneaky-sale',
      lines: [{ productId: sneaky.id, qty: 1 }],
      payment: { method: 'card' },
    })
    await cashier['receipts.print']({ saleId: sale.id })
    await waitUntil(() => printer.jobs.length === 1, 10_000, 'the printer got the receipt')
    const job = printer.jobs[0]!
    expect(job.includes(Buffer.from([0x1b, 0x70]))).toBe(false)
    // one cut, the encoder's own, at the end
    expect(job.indexOf(GS_CUT)).toBe(job.lastIndexOf(GS_CUT))
    expect(job.toString('latin1')).toContain('Candy')
  })

  it('gives up on a printer that does not answer, with the printer and the reason', async () => {
    const port = await hungPrinterPort()
    const s = await openSetUpStore('receipt-printer-hung', later)
    await s.owner['settings.update']({ printer: { host: '127.0.0.1', port } })
    const sale = await s.cashier['sales.checkout']({
      idempotencyKey: 'hung-printer-sale',
      lines: [{ productId: s.productId, qty: 1 }],
      payment: { method: 'card' },
    })
    const hung = await refusal(s.cashier['receipts.print']({ saleId: sale.id }))
    expect(hung.code).toBe('CONFLICT')
    expect(hung.message).toContain(`127.0.0.1:${port}`)
    expect(hung.details).toMatchObject({ reason: 'printer-unreachable', cause: 'no answer within 5 s' })
  })
})
