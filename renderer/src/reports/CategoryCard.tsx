import type { ReportRow } from '../../../shared/api/views.ts'
import { downloadText, minorDecimal, toCsv } from '../format/csv.ts'
import { formatMoney } from '../format/money.ts'
import { DataTable } from '../ui/DataTable.tsx'
import { ReportCard } from './ReportCard.tsx'

/** Sales of the period per category (revenue net of refunds), with its CSV. */
export function CategoryCard(props: {
  rows: readonly ReportRow[] | undefined
  currency: string
  digits: number
  stamp: string
}) {
  const exportCsv = () =>
    downloadText(
      `allot-sales-by-category-${props.stamp}.csv`,
      toCsv(
        ['category', 'units', 'sales', `revenue_${props.currency}`],
        (props.rows ?? []).map((r) => [r.label, r.qty, r.count, minorDecimal(r.revenueMinor, props.digits)]),
      ),
    )
  return (
    <ReportCard title="Sales by category" csvTestId="csv-category" onCsv={exportCsv}>
      <DataTable
        columns={[
          { header: 'Category', cell: (r) => r.label },
          { header: 'Units', numeric: true, cell: (r) => r.qty },
          { header: 'Revenue', numeric: true, cell: (r) => formatMoney(r.revenueMinor, props.currency) },
        ]}
        rows={props.rows}
        rowKey={(r) => r.key}
        testId="category-table"
        empty="No sales in this period."
      />
    </ReportCard>
  )
}
