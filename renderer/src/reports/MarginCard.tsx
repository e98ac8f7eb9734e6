import { SegmentedControl, Text } from '@mantine/core'
import { useState } from 'react'
import type { MarginReport } from '../../../shared/api/views.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { downloadText, minorDecimal, toCsv } from '../format/csv.ts'
import { formatMoney } from '../format/money.ts'
import { DataTable, type Column } from '../ui/DataTable.tsx'
import { ReportCard } from './ReportCard.tsx'

type Row = MarginReport['rows'][number]

/** Margin of the period (revenue without tax less the average cost of what was sold), by product or store. */
export function MarginCard(props: {
  period: { from: string; to: string }
  enabled: boolean
  currency: string
  digits: number
}) {
  const [groupBy, setGroupBy] = useState<'product' | 'store'>('product')
  const report = useStoreQuery(
    'reports.margin',
    { ...props.period, groupBy, limit: 1000 },
    { enabled: props.enabled, refreshOn: ['sale.recorded'] },
  )
  const money = (m: number) => formatMoney(m, props.currency)
  const percent = (r: { revenueMinor: number; marginMinor: number }) =>
    r.revenueMinor === 0 ? '–' : `${((100 * r.marginMinor) / r.revenueMinor).toFixed(1)} %`
  const columns: Column<Row>[] = [
    { header: groupBy === 'product' ? 'Product' : 'Store', cell: (r) => r.label },
    { header: 'Units', numeric: true, cell: (r) => r.qty },
    { header: 'Revenue (net)', numeric: true, cell: (r) => money(r.revenueMinor) },
    { header: 'Cost', numeric: true, cell: (r) => money(r.costMinor) },
    { header: 'Margin', numeric: true, cell: (r) => money(r.marginMinor) },
    { header: 'Margin %', numeric: true, cell: percent },
  ]
  const d = (m: number) => minorDecimal(m, props.digits)
  const exportCsv = () => {
    const data = report.data
    if (!data) return
    downloadText(
      `allot-margin-by-${data.groupBy}-${data.from}_${data.to}.csv`,
      toCsv(
        [data.groupBy, 'units', 'revenue_net', 'cost', 'margin'],
        [
          ...data.rows.map((r) => [r.label, r.qty, d(r.revenueMinor), d(r.costMinor), d(r.marginMinor)]),
          ['Total', '', d(data.revenueMinor), d(data.costMinor), d(data.marginMinor)],
        ],
      ),
    )
  }
  return (
    <ReportCard title="Margin" csvTestId="csv-margin" onCsv={exportCsv}>
      <SegmentedControl
        size="xs"
        mb="sm"
        aria-label="Margin by"
        value={groupBy}
        onChange={(v) => setGroupBy(v as 'product' | 'store')}
        data={[
          { value: 'product', label: 'By product' },
          { value: 'store', label: 'By store' },
        ]}
      />
      <DataTable
        columns={columns}
        source={{ data: report.data && { items: report.data.rows }, error: report.error }}
        rowKey={(r) => r.key}
        testId="margin-table"
        empty="No sales in this period."
      />
      {report.data ? (
        <Text size="sm" mt="sm" data-testid="margin-total">
          Total: {money(report.data.revenueMinor)} revenue, {money(report.data.costMinor)} cost,{' '}
          <b>{money(report.data.marginMinor)}</b> margin ({percent(report.data)})
        </Text>
      ) : null}
    </ReportCard>
  )
}
