import { Table, Text } from '@mantine/core'
import type { MoneyReport } from '../../../shared/api/views.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { downloadText, minorDecimal, toCsv } from '../format/csv.ts'
import { formatMoney } from '../format/money.ts'
import { DataTable, type Column } from '../ui/DataTable.tsx'
import { ReportCard } from './ReportCard.tsx'

type StoreRow = MoneyReport['stores'][number]
type Figures = StoreRow['figures']

const tenderOf = (f: Figures, t: keyof Figures['salesByTender']) => f.salesByTender[t]?.amountMinor ?? 0
const taxOf = (f: Figures) => f.vatByRate.reduce((n, v) => n + v.taxMinor, 0)

/**
 * The period's money per store and for the chain: sales, VAT, tenders, refunds and discounts, and
 * the VAT by rate the tax return needs; every store listed, those without sales too. CSV for each.
 */
export function MoneyCard(props: {
  period: { from: string; to: string }
  enabled: boolean
  currency: string
  digits: number
}) {
  const report = useStoreQuery('reports.money', props.period, {
    enabled: props.enabled,
    refreshOn: ['sale.recorded'],
  })
  const money = (m: number) => formatMoney(m, props.currency)
  const columns: Column<StoreRow>[] = [
    { header: 'Store', cell: (r) => r.storeName },
    { header: 'Sales', numeric: true, cell: (r) => money(r.figures.sales.totalMinor) },
    { header: 'Cash', numeric: true, cell: (r) => money(tenderOf(r.figures, 'cash')) },
    { header: 'Card', numeric: true, cell: (r) => money(tenderOf(r.figures, 'card')) },
    { header: 'Gift cards', numeric: true, cell: (r) => money(tenderOf(r.figures, 'gift-card')) },
    { header: 'Refunds', numeric: true, cell: (r) => money(r.figures.refunds.totalMinor) },
    { header: 'Discounts', numeric: true, cell: (r) => money(r.figures.discounts.amountMinor) },
    { header: 'VAT', numeric: true, cell: (r) => money(taxOf(r.figures)) },
  ]
  const d = (m: number) => minorDecimal(m, props.digits)
  const exportCsv = () => {
    const data = report.data
    if (!data) return
    const rows = [...data.stores, { storeId: '', storeName: 'Chain', figures: data.chain }]
    downloadText(
      `allot-money-${data.from}_${data.to}.csv`,
      toCsv(
        [
          'store',
          'sales',
          'cash',
          'card',
          'other',
          'gift_cards',
          'refunds',
          'discounts',
          'vat_rate',
          'net',
          'vat',
        ],
        rows.flatMap((r) =>
          (r.figures.vatByRate.length ? r.figures.vatByRate : [{ rateBp: 0, netMinor: 0, taxMinor: 0 }]).map(
            (v) => [
              r.storeName,
              d(r.figures.sales.totalMinor),
              d(tenderOf(r.figures, 'cash')),
              d(tenderOf(r.figures, 'card')),
              d(tenderOf(r.figures, 'other')),
              d(tenderOf(r.figures, 'gift-card')),
              d(r.figures.refunds.totalMinor),
              d(r.figures.discounts.amountMinor),
              v.rateBp / 100,
              d(v.netMinor),
              d(v.taxMinor),
            ],
          ),
        ),
      ),
    )
  }
  return (
    <ReportCard title="Money: tenders, refunds, discounts and VAT" csvTestId="csv-money" onCsv={exportCsv}>
      <DataTable
        columns={columns}
        source={{ data: report.data && { items: report.data.stores }, error: report.error }}
        rowKey={(r) => r.storeId}
        testId="money-table"
        empty="No stores."
      />
      <Text fw={600} size="sm" mt="md" mb={4}>
        VAT by rate, the whole chain (sales less refunds)
      </Text>
      <Table data-testid="vat-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Rate</Table.Th>
            <Table.Th ta="right">Net</Table.Th>
            <Table.Th ta="right">VAT</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(report.data?.chain.vatByRate ?? []).map((v) => (
            <Table.Tr key={v.rateBp}>
              <Table.Td>{v.rateBp / 100} %</Table.Td>
              <Table.Td ta="right" className="num">
                {money(v.netMinor)}
              </Table.Td>
              <Table.Td ta="right" className="num">
                {money(v.taxMinor)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ReportCard>
  )
}
