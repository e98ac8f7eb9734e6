import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { cleanupAfterEach, openSetUpStore, refusal } from '../support/index.ts'

const later = cleanupAfterEach()

describe('receipts at the store', () => {
  it('business details, time zone and printer are validated settings a manager changes', async () => {
    const { owner, cashier } = await openSetUpStore('receipt-settings', later)
    const before = await owner['settings.get']({})
    expect(before).toMatchObject({
      storeCode: 'MAIN',
      tillNo: 1,
      timeZone: 'UTC',
      businessName: '',
      printer: null,
      paperWidth: '80mm',
    })

    const refusedWith = async (input: Parameters<(typeof owner)['settings.update']>[0]) =>
      (await refusal(owner['settings.update'](input))).code
    expect(await refusedWith({ timeZone: 'Mars/Olympus_Mons' })).toBe('VALIDATION')
    expect(await refusedWith({ timeZone: 'CET+1' })).toBe('VALIDATION')
    // an ESC byte in printed text would be a printer command
    expect(await refusedWith({ receiptFooter: 'Thanks\u001bi' })).toBe('VALIDATION')
    expect(await refusedWith({ businessName: 'Two\nlines' })).toBe('VALIDATION')
    expect(await refusedWith({ addressLines: ['1', '2', '3', '4', '5', '6'] })).toBe('VALIDATION')
    expect(await refusedWith({ taxId: 'x'.repeat(41) })).toBe('VALIDATION')
    expect(await refusedWith({ printer: { host: 'not a host!', port: 9100 } })).toBe('VALIDATION')
    expect(await refusedWith({ printer: { host: '192.168.1.50', port: 70_000 } })).toBe('VALIDATION')
    expect(await refusedWith({ paperWidth: '110mm' as '80mm' })).toBe('VALIDATION')
    expect((await refusal(cashier['settings.update']({ timeZone: 'Europe/Berlin' }))).code).toBe('FORBIDDEN')
    // nothing of the refused attempts stuck
    expect(await owner['settings.get']({})).toEqual(before)

    const after = await owner['settings.update']({
      timeZone: 'Europe/Berlin',
      businessName: 'Tea & Co. GmbH',
      addressLines: ['Hauptstraße 1', '10115 Berlin'],
      taxId: 'DE123456789',
      receiptFooter: 'Thank you!\nReturns within 30 days',
      printer: { host: 'printer-1.local', port: 9100 },
      paperWidth: '58mm',
    })
    expect(after).toMatchObject({
      timeZone: 'Europe/Berlin',
      businessName: 'Tea & Co. GmbH',
      addressLines: ['Hauptstraße 1', '10115 Berlin'],
      taxId: 'DE123456789',
      receiptFooter: 'Thank you!\nReturns within 30 days',
      printer: { host: 'printer-1.local', port: 9100 },
      paperWidth: '58mm',
    })
    // one field at a time keeps the others
    expect(await owner['settings.update']({ taxId: 'DE987654321' })).toMatchObject({
      businessName: 'Tea & Co. GmbH',
      taxId: 'DE987654321',
    })
    expect((await owner['settings.update']({ printer: null })).printer).toBeNull()
  })

  it('prints local time across a DST change, unique numbers, tax per rate, and both paper widths', async () => {
    let clock = new Date('2026-03-29T00:59:00Z')
    const s = await openSetUpStore('receipt-text', later, () => clock)
    const { owner, cashier } = s
    await owner['settings.update']({
      timeZone: 'Europe/Berlin',
      businessName: 'Tea & Co. GmbH',
      addressLines: ['Hauptstraße 1'],
      taxId: 'DE123456789',
      receiptFooter: 'Thank you!',
    })
    const wine = await owner['catalog.upsert']({
      sku: 'WINE-1',
      name: 'Riesling Spätlese Mosel Saar Ruwer Qualitätswein mit Prädikat 0.75 l',
      priceMinor: 1_000,
      taxRateBp: 1_900,
    })
    await owner['stock.restock']({ productId: wine.id, qty: 10 })

    const first = await cashier['sales.checkout']({
      idempotencyKey: 'receipt-sale-1',
      lines: [{ productId: s.productId, qty: 1 }],
      payment: { method: 'cash', tenderedMinor: 500 },
    })
    clock = new Date('2026-03-29T01:00:00Z')
    const second = await cashier['sales.checkout']({
      idempotencyKey: 'receipt-sale-2',
      lines: [
        { productId: s.productId, qty: 2 },
        { productId: wine.id, qty: 1 },
      ],
      payment: { method: 'card', parts: [{ method: 'cash', amountMinor: 500 }] },
      customer: 'Ana Lima',
    })
    expect(first.receiptNo).toMatch(/^MAIN-T1-\d{6}$/)
    expect(second.receiptNo).toMatch(/^MAIN-T1-\d{6}$/)
    expect(second.receiptNo).not.toBe(first.receiptNo)

    const r1 = await cashier['sales.receipt']({ saleId: first.id })
    expect(r1.receiptNo).toBe(first.receiptNo)
    expect(r1.text).toContain('2026-03-29 01:59')
    expect(r1.text).not.toContain('00:59')
    const r2 = await cashier['sales.receipt']({ saleId: second.id, paperWidth: '58mm' })
    expect(r2.text).toContain('2026-03-29 03:00')
    expect(r2.columns).toBe(32)
    for (const line of r2.lines) expect(line.length).toBeLessThanOrEqual(32)
    expect(r2.text).toContain('Tea & Co. GmbH')
    expect(r2.text).toContain('Tax ID DE123456789')
    expect(r2.text).toContain('Thank you!')
    expect(r2.text).toContain('Customer')
    // 2 × 3.49 at 7 % and 10.00 at 19 %: one line per rate
    expect(r2.lines.filter((l) => l.startsWith('Tax '))).toEqual([
      expect.stringMatching(/^Tax 7% on 6\.98 +0\.49$/),
      expect.stringMatching(/^Tax 19% on 10\.00 +1\.90$/),
    ])
    expect(r2.text).toMatch(/TOTAL EUR +19\.37/)
    expect(r2.text).toMatch(/Cash +5\.00\nCard +14\.37/)
    const wide = await cashier['sales.receipt']({ saleId: second.id, paperWidth: '80mm' })
    expect(wide.columns).toBe(48)
    for (const line of wide.lines) expect(line.length).toBeLessThanOrEqual(48)
    expect(wide.text.replace(/\s+/g, ' ')).toContain(
      'Riesling Spätlese Mosel Saar Ruwer Qualitätswein mit Prädikat 0.75 l',
    )

    // a refund has its own number and receipt; a reprint of the sale shows it
    clock = new Date('2026-03-29T22:30:00Z')
    const refund = await cashier['sales.refund']({
      idempotencyKey: 'receipt-refund-1',
      saleId: second.id,
      lines: [{ productId: wine.id, qty: 1 }],
      toStock: true,
      reason: 'corked',
    })
    const refundReceipt = await cashier['sales.receipt']({ saleId: second.id, refundId: refund.id })
    expect(refundReceipt.refundId).toBe(refund.id)
    expect(refundReceipt.receiptNo).toBe(refund.receiptNo)
    expect(refundReceipt.receiptNo).toMatch(/^MAIN-T1-\d{6}$/)
    expect(new Set([first.receiptNo, second.receiptNo, refundReceipt.receiptNo]).size).toBe(3)
    expect(refundReceipt.text).toContain('REFUND')
    expect(refundReceipt.text).toMatch(new RegExp(`For sale +${second.receiptNo}`))
    // 22:30 UTC is past midnight in Berlin: the next day
    expect(refundReceipt.text).toContain('2026-03-30 00:30')
    expect(refundReceipt.text).toMatch(/Tax 19% on 10\.00 +1\.90/)
    expect(refundReceipt.text).toMatch(/REFUND EUR +11\.90/)
    const reprint = await cashier['sales.receipt']({ saleId: second.id, copy: true })
    expect(reprint.text).toContain('COPY')
    expect(reprint.text).toContain('REFUNDS')
    expect(reprint.text).toContain(refundReceipt.receiptNo)
    const wrongRefund = await refusal(cashier['sales.receipt']({ saleId: first.id, refundId: refund.id }))
    expect(wrongRefund.code).toBe('NOT_FOUND')
  })

  it('the sales list finds sales by receipt number, customer and amount and says who, how and what was refunded', async () => {
    const s = await openSetUpStore('receipt-search', later, () => new Date('2026-02-10T20:55:00Z'))
    const { owner, cashier } = s
    await owner['settings.update']({ timeZone: 'Europe/Berlin' })
    const sell = (key: string, qty: number, extra: object = {}) =>
      cashier['sales.checkout']({
        idempotencyKey: key,
        lines: [{ productId: s.productId, qty }],
        payment: { method: 'cash' },
        ...extra,
      })
    const a = await sell('search-sale-a', 1, { customer: 'Ana Lima' })
    const b = await sell('search-sale-b', 2, {
      payment: { method: 'cash', parts: [{ method: 'card', amountMinor: 300 }] },
    })
    const c = await sell('search-sale-c', 3, { customer: 'Bruno Lima' })
    await cashier['sales.refund']({
      idempotencyKey: 'search-refund-c',
      saleId: c.id,
      lines: [{ productId: s.productId, qty: 1 }],
      toStock: true,
      reason: 'not wanted',
    })
    const ids = async (input: Parameters<(typeof cashier)['sales.list']>[0]) =>
      (await cashier['sales.list'](input)).items.map((i) => i.id).sort()

    expect(await ids({ receiptNo: b.receiptNo! })).toEqual([b.id])
    expect(await ids({ receiptNo: b.receiptNo!.toLowerCase() })).toEqual([b.id])
    expect(await ids({ receiptNo: `T1-${b.seq}` })).toEqual([b.id])
    expect(await ids({ receiptNo: `OTHER-T1-${b.seq}` })).toEqual([])
    expect(await ids({ receiptNo: 'T7-1' })).toEqual([])
    expect((await refusal(cashier['sales.list']({ receiptNo: 'milk' }))).code).toBe('VALIDATION')
    expect(await ids({ customer: 'lima' })).toEqual([a.id, c.id].sort())
    expect(await ids({ customer: 'ana' })).toEqual([a.id])
    expect(await ids({ customer: '%' })).toEqual([])
    expect(await ids({ amountMinor: b.totalMinor })).toEqual([b.id])
    expect(await ids({ amountMinor: b.totalMinor, customer: 'lima' })).toEqual([])
    // the search box: a number, a name or an amount as typed
    expect(await ids({ search: b.receiptNo! })).toEqual([b.id])
    expect(await ids({ search: 'Bruno' })).toEqual([c.id])
    expect(await ids({ search: (c.totalMinor / 100).toFixed(2) })).toEqual([c.id])
    expect((await cashier['sales.list']({ customer: 'lima' })).total).toBe(2)
    // the search box narrowed by a typed field
    expect(await ids({ search: 'lima', amountMinor: a.totalMinor })).toEqual([a.id])
    expect((await cashier['sales.list']({ search: 'lima', amountMinor: a.totalMinor })).total).toBe(1)

    const list = await cashier['sales.list']({})
    const byId = new Map(list.items.map((i) => [i.id, i]))
    expect(byId.get(a.id)).toMatchObject({
      receiptNo: a.receiptNo,
      localTime: '2026-02-10 21:55',
      cashierName: 'Cas Hier',
      tenders: ['cash'],
      customerName: 'Ana Lima',
      refunded: 'none',
    })
    expect(byId.get(b.id)).toMatchObject({ tenders: ['card', 'cash'], refunded: 'none' })
    expect(byId.get(b.id)?.customerName).toBeUndefined()
    expect(byId.get(c.id)).toMatchObject({ refunded: 'part' })
  })

  it('warns a manager when two tills of a store share a till number (they joined at the same moment)', async () => {
    const { node, owner } = await openSetUpStore('receipt-till-clash', later)
    const alerts = async () =>
      (await owner['integrity.alerts']({})).alerts.filter((a) => a.kind === 'duplicate-till-number')
    expect(await alerts()).toEqual([])
    // another till of this store that took number 1 before it saw this one, as it arrives from the relay
    const me = node.context.identity()
    const other = new Y.Doc()
    other.getMap('replicas').set('other-till-of-main', {
      storeId: me.storeId,
      storeName: 'Main street',
      status: 'active',
      tillNo: 1,
    })
    Y.applyUpdate(node.context.doc, Y.encodeStateAsUpdate(other), 'relay')
    const [alert, ...rest] = await alerts()
    expect(rest).toEqual([])
    expect(alert?.message).toContain('store MAIN print receipt numbers as T1')
    expect(alert?.advice).toMatch(/Retire one of them/)
  })

  it('a time zone this app does not know (from a newer app) prints UTC instead of failing', async () => {
    const s = await openSetUpStore('receipt-odd-zone', later, () => new Date('2026-05-01T12:00:00Z'))
    const sale = await s.cashier['sales.checkout']({
      idempotencyKey: 'odd-zone-sale',
      lines: [{ productId: s.productId, qty: 1 }],
      payment: { method: 'card' },
    })
    const storeId = s.node.context.identity().storeId!
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(s.node.context.doc))
    other
      .getMap('stores')
      .set(storeId, { name: 'Main street', code: 'MAIN', timeZone: 'Moon/Tranquility_Base' })
    Y.applyUpdate(s.node.context.doc, Y.encodeStateAsUpdate(other), 'relay')
    const receipt = await s.cashier['sales.receipt']({ saleId: sale.id })
    expect(receipt.text).toMatch(/2026-05-01 12:00 +UTC/)
    expect((await s.cashier['sales.list']({})).items[0]?.localTime).toBe('2026-05-01 12:00')
  })
})
