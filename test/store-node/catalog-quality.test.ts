import { afterEach, describe, expect, it } from 'vitest'
import {
  openSetUpStore,
  cleanupAfterEach,
  refusal,
  synced,
  startChain,
  twoStores,
  spawnRelay,
  stopRelay,
  waitUntil,
} from '../support/index.ts'

const later = cleanupAfterEach()

describe('catalog quality', () => {
  it('refuses a mistyped GTIN and a barcode another product has, in the form and in a CSV import', async () => {
    const { owner } = await openSetUpStore('catalog-quality', later) // "Green tea" has 4006381333931
    const typo = await refusal(
      owner['catalog.upsert']({ sku: 'MILK-2', name: 'Oat milk', barcode: '4006381333932', priceMinor: 199 }),
    )
    expect(typo.code).toBe('VALIDATION')
    expect(JSON.stringify(typo.details)).toContain('check digit')
    const taken = await refusal(
      owner['catalog.upsert']({ sku: 'MILK-2', name: 'Oat milk', barcode: '4006381333931', priceMinor: 199 }),
    )
    expect(taken.code).toBe('CONFLICT')
    expect(taken.message).toContain('Green tea')
    // Saving a product again with its own barcode is fine.
    const tea = await owner['catalog.get']({ barcode: '4006381333931' })
    await owner['catalog.upsert']({
      id: tea.id,
      sku: tea.sku,
      name: 'Green tea',
      barcode: tea.barcode,
      priceMinor: 399,
    })

    const report = await owner['catalog.importCsv']({
      csv: [
        'sku,name,barcode,price',
        'A-1,Apple,96385074,0.50',
        'A-2,Apricot,96385074,0.70',
        'A-3,Avocado,4006381333931,1.20',
        'A-4,Almond,036000291453,2.00',
        'A-5,Anise,ABC-5,1.00',
      ].join('\n'),
    })
    expect(report.imported).toBe(2)
    expect(report.errors.map((e) => e.line)).toEqual([3, 4, 5])
    expect(report.errors[0]?.message).toContain('duplicate barcode')
    expect(report.errors[1]?.message).toContain('Green tea')
    expect(report.errors[2]?.message).toContain('check digit')
  })
})

describe('a barcode given to two products by two offline stores', () => {
  let chain: Awaited<ReturnType<typeof startChain>> | undefined
  afterEach(async () => chain?.close())

  it('is shown to managers as a conflict to merge', async () => {
    chain = await startChain(2)
    const [a, b] = twoStores(chain)
    // The relay is down: each store checks only what it knows, and both accept the barcode.
    const port = chain.relay.port
    await stopRelay(chain.relay)
    const oat = { barcode: '96385074', priceMinor: 199 }
    await b.api['catalog.upsert']({ ...oat, sku: 'OAT-B', name: 'Oat milk (B)' })
    await a.api['catalog.upsert']({ ...oat, sku: 'OAT-A', name: 'Oat milk (A)' })
    chain.relay = await spawnRelay(chain.relayDir, [], port)
    await synced(a)
    await synced(b)
    await waitUntil(
      async () => (await b.api['integrity.alerts']({})).alerts.some((x) => x.kind === 'duplicate-barcode'),
      30_000,
      'B shows the duplicate barcode',
    )
  })
})
