import type { ReportRow } from '../../../shared/api/views.ts'
import { downloadText, minorDecimal, toCsv } from '../format/csv.ts'
import { formatMoney } from '../format/money.ts'
import { DataTable } from '../ui/DataTable.tsx'
import { ReportCard } from './ReportCard.tsx'

/** The ten products sold most (in units) in the period. */
export function TopSellersCard(props: {
  rows: readonly ReportRow[] | undefined
  currency: string
  digits: number
  stamp: string
}) {
  const top = props.rows ? [...props.rows].sort((a, b) => b.qty - a.qty).slice(0, 10) : undefined
  const ranked = top?.map((r, i) => ({ ...r, rank: i + 1 }))
  const exportTop = () =>
    downloadText(
      `allot-top-sellers-${props.stamp}.csv`,
      toCsv(
        ['rank', 'product', 'units', `revenue_${props.currency}`],
        (ranked ?? []).map((r) => [r.rank, r.label, r.qty, minorDecimal(r.revenueMinor, props.digits)]),
      ),
    )
  return (
    <ReportCard title="Top sellers (units)" csvTestId="csv-top" onCsv={exportTop}>
      <DataTable
        columns={[
          { header: '#', width: 28, cell: (r) => r.rank },
          { header: 'Product', cell: (r) => r.label },
          { header: 'Units', numeric: true, cell: (r) => r.qty },
          { header: 'Revenue', numeric: true, cell: (r) => formatMoney(r.revenueMinor, props.currency) },
        ]}
        rows={ranked}
        rowKey={(r) => r.key}
        testId="top-sellers"
        empty="No sales in this period."
      />
    </ReportCard>
  )
}
