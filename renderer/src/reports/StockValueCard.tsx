import { Text } from '@mantine/core'
import type { StockValueReport } from '../../../shared/api/views.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { downloadText, minorDecimal, toCsv } from '../format/csv.ts'
import { formatMoney } from '../format/money.ts'
import { DataTable } from '../ui/DataTable.tsx'
import { ReportCard } from './ReportCard.tsx'

type Row = StockValueReport['stores'][number]

/** What each store's stock is worth at its average cost now, and the chain's. */
export function StockValueCard(props: { currency: string; digits: number }) {
  const report = useStoreQuery('reports.stockValue', {}, { refreshOn: ['sale.recorded', 'stock.changed'] })
  const exportCsv = () => {
    const data = report.data
    if (!data) return
    const d = (m: number) => minorDecimal(m, props.digits)
    downloadText(
      'allot-stock-value.csv',
      toCsv(
        ['store', 'value_at_cost'],
        [...data.stores.map((s) => [s.name, d(s.valueMinor)]), ['Chain', d(data.valueMinor)]],
      ),
    )
  }
  return (
    <ReportCard title="Stock value at cost" csvTestId="csv-stock-value" onCsv={exportCsv}>
      <DataTable
        columns={[
          { header: 'Store', cell: (r: Row) => r.name },
          {
            header: 'Value at cost',
            numeric: true,
            cell: (r: Row) => formatMoney(r.valueMinor, props.currency),
          },
        ]}
        source={{ data: report.data && { items: report.data.stores }, error: report.error }}
        rowKey={(r) => r.storeId}
        testId="stock-value-table"
        empty="No stores."
      />
      {report.data ? (
        <Text size="sm" mt="sm" fw={600} data-testid="stock-value-total">
          The chain: {formatMoney(report.data.valueMinor, props.currency)}
        </Text>
      ) : null}
    </ReportCard>
  )
}
