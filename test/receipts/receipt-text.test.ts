import { describe, expect, it } from 'vitest'
import { formatLocalDateTime, isTimeZone, localTime } from '../../shared/api/receipt/time-zone.ts'
import { formatReceiptNo, parseReceiptNo } from '../../shared/api/receipt/receipt-number.ts'
import { receiptLines, row, type ReceiptInput } from '../../shared/api/receipt/receipt-text.ts'

const base: ReceiptInput = {
  kind: 'sale',
  business: {
    name: 'Kiosk Müller GmbH',
    addressLines: ['Hauptstr. 1', '10115 Berlin'],
    taxId: 'DE123456789',
  },
  storeName: 'Berlin Mitte',
  receiptNo: 'S01-T2-000123',
  at: '2026-03-29T01:30:00.000Z',
  timeZone: 'Europe/Berlin',
  cashier: 'Ana',
  currency: 'EUR',
  digits: 2,
  items: [{ name: 'Milk', qty: 2, unitPriceMinor: 100, totalMinor: 214 }],
  subtotalMinor: 200,
  taxMinor: 14,
  totalMinor: 214,
  tenders: [{ label: 'Cash', amountMinor: 500 }],
  changeMinor: 286,
}

describe('time zone', () => {
  it('knows IANA names and refuses the rest', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true)
    expect(isTimeZone('America/New_York')).toBe(true)
    expect(isTimeZone('UTC')).toBe(true)
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false)
    expect(isTimeZone('')).toBe(false)
  })

  it('follows daylight saving across the spring-forward hour in Berlin', () => {
    // 01:59 UTC+1 is the last winter minute; one minute later the clocks show 03:00 UTC+2.
    expect(formatLocalDateTime('2026-03-29T00:59:00Z', 'Europe/Berlin')).toBe('2026-03-29 01:59')
    expect(formatLocalDateTime('2026-03-29T01:00:00Z', 'Europe/Berlin')).toBe('2026-03-29 03:00')
    // and back in autumn: 02:30 local happens twice, an hour apart in UTC
    expect(formatLocalDateTime('2026-10-25T00:30:00Z', 'Europe/Berlin')).toBe('2026-10-25 02:30')
    expect(formatLocalDateTime('2026-10-25T01:30:00Z', 'Europe/Berlin')).toBe('2026-10-25 02:30')
    expect(localTime('2026-10-25T00:30:00Z', 'Europe/Berlin').zone).not.toBe(
      localTime('2026-10-25T01:30:00Z', 'Europe/Berlin').zone,
    )
  })

  it('puts a sale on the local date, not the UTC date', () => {
    expect(formatLocalDateTime('2026-12-31T23:30:00Z', 'Europe/Berlin')).toBe('2027-01-01 00:30')
    expect(formatLocalDateTime('2026-01-01T03:00:00Z', 'America/New_York')).toBe('2025-12-31 22:00')
    // the example: 20:55 UTC is 21:55 in Berlin in winter
    expect(formatLocalDateTime('2026-02-10T20:55:00Z', 'Europe/Berlin')).toBe('2026-02-10 21:55')
  })
})

describe('receipt numbers', () => {
  it('are store code, till and a six-digit sequence', () => {
    expect(formatReceiptNo('S01', 2, 123)).toBe('S01-T2-000123')
    expect(formatReceiptNo('main', 1, 1_234_567)).toBe('MAIN-T1-1234567')
    // a till from before till numbers shows a short id instead
    expect(formatReceiptNo('S01', 'ab12cd34-ffff', 5)).toBe('S01-TAB12CD-000005')
  })

  it('are read back from what a person types', () => {
    expect(parseReceiptNo('S01-T2-000123')).toEqual({ storeCode: 'S01', till: '2', seq: 123 })
    expect(parseReceiptNo(' s01-t2-123 ')).toEqual({ storeCode: 'S01', till: '2', seq: 123 })
    expect(parseReceiptNo('T2-123')).toEqual({ till: '2', seq: 123 })
    expect(parseReceiptNo('123')).toEqual({ seq: 123 })
    expect(parseReceiptNo('BER-MITTE-T3-000007')).toEqual({ storeCode: 'BER-MITTE', till: '3', seq: 7 })
    expect(parseReceiptNo('S01-X2-5')).toBeUndefined()
    expect(parseReceiptNo('milk')).toBeUndefined()
    expect(parseReceiptNo('0')).toBeUndefined()
  })
})

describe('receipt text', () => {
  it('prints the store header, number, local time, totals and change', () => {
    const text = receiptLines(base, 48).join('\n')
    expect(text).toContain('Kiosk Müller GmbH')
    expect(text).toContain('Tax ID DE123456789')
    expect(text).toContain('S01-T2-000123')
    // 01:30 UTC on the spring-forward night is 03:30 in Berlin
    expect(text).toContain('2026-03-29 03:30')
    expect(text).not.toContain('01:30')
    expect(text).toMatch(/TOTAL EUR +2\.14\n/)
    expect(text).toMatch(/Change +2\.86/)
  })

  it.each([48, 32])('keeps a long name and a large amount within %i columns, amount uncut', (width) => {
    const name = 'Organic extra virgin olive oil from the hills of Crete, first cold pressing, 5 litre tin'
    const r: ReceiptInput = {
      ...base,
      items: [{ name, qty: 1000, unitPriceMinor: 123_456_789, totalMinor: 132_098_764_230 }],
      subtotalMinor: 123_456_789_000,
      taxMinor: 8_641_975_230,
      totalMinor: 132_098_764_230,
      tenders: [{ label: 'Card', amountMinor: 132_098_764_230 }],
      changeMinor: 0,
    }
    const lines = receiptLines(r, width)
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(width)
    // the whole name is there, wrapped at spaces
    expect(lines.join(' ').replace(/\s+/g, ' ')).toContain(name)
    // the amount stands whole at the end of its line, right-aligned
    // (on 32 columns "1000 x" wraps above it)
    const amountLine = lines.find((l) => /^ {2}(1000 x )?1234567\.89 +1320987642\.30$/.test(l))
    expect(amountLine).toHaveLength(width)
    expect(lines.join('\n')).toContain(width === 48 ? '  1000 x 1234567.89' : '  1000 x\n  1234567.89')
    expect(lines.find((l) => l.startsWith('TOTAL EUR'))?.endsWith('1320987642.30')).toBe(true)
  })

  it('wraps a long label above its amount instead of cutting either', () => {
    const lines = row('Gift card GC-ABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789', '99999.99', 32)
    expect(lines.length).toBeGreaterThan(1)
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(32)
    expect(lines.at(-1)!.endsWith(' 99999.99')).toBe(true)
    expect(lines.join('')).toContain('99999.99')
  })

  it('shows tax per rate when the receipt carries tax lines (7 % and 19 % on one receipt)', () => {
    const r: ReceiptInput = {
      ...base,
      items: [
        { name: 'Bread', qty: 1, unitPriceMinor: 300, totalMinor: 321 },
        { name: 'Wine', qty: 1, unitPriceMinor: 1000, totalMinor: 1190 },
      ],
      subtotalMinor: 1300,
      taxMinor: 211,
      totalMinor: 1511,
      taxLines: [
        { rateBp: 1900, taxMinor: 190, netMinor: 1000 },
        { rateBp: 700, taxMinor: 21, netMinor: 300 },
      ],
      tenders: [{ label: 'Card', amountMinor: 1511 }],
      changeMinor: 0,
    }
    const lines = receiptLines(r, 32)
    const tax = lines.filter((l) => l.startsWith('Tax '))
    expect(tax).toEqual([
      `Tax 7% on 3.00${' '.repeat(32 - 'Tax 7% on 3.00'.length - 4)}0.21`,
      `Tax 19% on 10.00${' '.repeat(32 - 'Tax 19% on 10.00'.length - 4)}1.90`,
    ])
    // without tax lines, one line with the total tax
    expect(receiptLines({ ...r, taxLines: undefined }, 32).filter((l) => l.startsWith('Tax'))).toEqual([
      `Tax${' '.repeat(32 - 3 - 4)}2.11`,
    ])
  })

  it('shows discounts, split tender, a reprint with its refunds, and a refund receipt', () => {
    const sale: ReceiptInput = {
      ...base,
      copy: true,
      items: [
        {
          name: 'Milk',
          qty: 2,
          unitPriceMinor: 100,
          totalMinor: 194,
          discount: { label: '10% staff', amountMinor: 20 },
        },
      ],
      discounts: [{ label: 'Basket -1.00', amountMinor: 100 }],
      tenders: [
        { label: 'Card', amountMinor: 100 },
        { label: 'Cash', amountMinor: 200 },
      ],
      refunds: [
        {
          receiptNo: 'S01-T1-000130',
          at: '2026-03-30T08:00:00Z',
          totalMinor: 107,
          items: [{ name: 'Milk', qty: 1, amountMinor: 107 }],
        },
      ],
    }
    const text = receiptLines(sale, 32).join('\n')
    expect(text).toContain('COPY')
    expect(text).toMatch(/ {2}10% staff +-0\.20/)
    expect(text).toMatch(/Basket -1\.00 +-1\.00/)
    expect(text).toMatch(/Card +1\.00\nCash +2\.00\nChange +2\.86/)
    expect(text).toContain('REFUNDS')
    expect(text).toMatch(/S01-T1-000130 +2026-03-30 10:00/)
    expect(text).toMatch(/ {2}1 x Milk +-1\.07/)

    const refund: ReceiptInput = {
      ...base,
      kind: 'refund',
      receiptNo: 'S01-T1-000130',
      at: '2026-03-30T08:00:00Z',
      refundOf: { receiptNo: 'S01-T2-000123', at: base.at },
      reason: 'damaged',
      items: [{ name: 'Milk', qty: 1, unitPriceMinor: 100, totalMinor: 107 }],
      subtotalMinor: 100,
      taxMinor: 7,
      totalMinor: 107,
      tenders: [{ label: 'Cash', amountMinor: 107 }],
      changeMinor: 0,
    }
    const refundText = receiptLines(refund, 48).join('\n')
    expect(refundText).toContain('REFUND')
    expect(refundText).toMatch(/Refund +S01-T1-000130/)
    expect(refundText).toMatch(/For sale +S01-T2-000123/)
    expect(refundText).toMatch(/REFUND EUR +1\.07/)
    expect(refundText).toMatch(/Paid back: Cash +1\.07/)
    expect(refundText).toContain('Reason: damaged')
  })
})
