import { parse } from 'csv-parse/sync'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { neutraliseCsvCell, restoreCsvCell } from '../../shared/api/csv-cell.ts'
import type { Session } from '../../store-node/api/dispatch.ts'
import { apiOf, openTestNode, setUpStore } from '../support/index.ts'

// Product names reach every store through the shared document, and any manager can type one. A
// name that a spreadsheet runs as a formula turns the catalog export into an attack on whoever
// opens it (OWASP "CSV injection").

describe('neutraliseCsvCell', () => {
  it('prefixes text that a spreadsheet would run as a formula with a quote mark', () => {
    for (const text of [
      '=1+1',
      '+33 1 23',
      '-2+3',
      '@SUM(A1)',
      '\t=1',
      '\r=1',
      '＝1+1',
      '=HYPERLINK("http://x")',
    ])
      expect(neutraliseCsvCell(text)).toBe(`'${text}`)
  })

  it('leaves numbers, plain decimals, booleans and ordinary text alone', () => {
    expect(neutraliseCsvCell(-5)).toBe(-5)
    expect(neutraliseCsvCell(0)).toBe(0)
    expect(neutraliseCsvCell(true)).toBe(true)
    expect(neutraliseCsvCell('-12.50')).toBe('-12.50')
    expect(neutraliseCsvCell('Green tea')).toBe('Green tea')
    expect(neutraliseCsvCell('')).toBe('')
    expect(neutraliseCsvCell("it's = fine")).toBe("it's = fine")
  })

  it('is undone on import, for cells it changed only', () => {
    expect(restoreCsvCell(String(neutraliseCsvCell('=1+1')))).toBe('=1+1')
    expect(restoreCsvCell("'quoted")).toBe("'quoted")
  })
})

describe('catalog.exportCsv', () => {
  let fixture: Awaited<ReturnType<typeof openTestNode>>
  let owner: Session

  beforeEach(async () => {
    fixture = await openTestNode()
    ;({ owner } = await setUpStore(fixture.node, 0))
  })
  afterEach(() => fixture.close())

  it('writes a product named =HYPERLINK("http://x") as text, and imports it back unchanged', async () => {
    const name = '=HYPERLINK("http://x")'
    await apiOf(fixture.node, owner)['catalog.upsert']({
      sku: '@EVIL-1',
      name,
      priceMinor: 100,
      reorderPoint: 3,
    })
    const { csv } = await apiOf(fixture.node, owner)['catalog.exportCsv']({})
    const rows = parse(csv, { columns: true }) as Array<Record<string, string>>
    const row = rows.find((r) => r.sku === "'@EVIL-1")
    expect(row).toMatchObject({ name: `'${name}`, price: '1.00', reorderPoint: '3' })
    // No cell of the file starts a formula.
    for (const r of rows) for (const cell of Object.values(r)) expect(cell).not.toMatch(/^[=+\-@\t\r]/)

    const report = await apiOf(fixture.node, owner)['catalog.importCsv']({ csv })
    expect(report.errors).toEqual([])
    const back = await apiOf(fixture.node, owner)['catalog.get']({ sku: '@EVIL-1' })
    expect(back.name).toBe(name)
  })
})
