import { BarChart, LineChart } from '@mantine/charts'
import { Grid, Paper, SimpleGrid, Text } from '@mantine/core'
import type { ReportRow, SalesReport } from '../../../shared/api/views.ts'
import { downloadText, minorDecimal, toCsv } from '../format/csv.ts'
import { formatMoney } from '../format/money.ts'
import { everyDay } from './report-period.ts'
import { ReportCard } from './ReportCard.tsx'

export interface SalesReports {
  day: SalesReport
  store: SalesReport
  product: SalesReport
}

/** Revenue, sales and basket for the period; revenue by day, by store and by product. */
export function SalesCharts(props: {
  data: SalesReports | undefined
  from: string
  to: string
  currency: string
  digits: number
}) {
  const { data, currency, digits } = props
  const unit = 10 ** digits
  const money = (m: number) => formatMoney(m, currency)
  const byDay = new Map((data?.day.rows ?? []).map((r) => [r.key, r]))
  const dayChart = everyDay(props.from, props.to).map((d) => ({
    day: d.slice(5),
    revenue: (byDay.get(d)?.revenueMinor ?? 0) / unit,
    sales: byDay.get(d)?.count ?? 0,
  }))
  const exportSales = (r: SalesReport | undefined, name: string, keyLabel: string) => () => {
    if (!r) return
    downloadText(
      `allot-${name}-${props.from}_${props.to}.csv`,
      toCsv(
        [keyLabel, 'units', 'sales', `revenue_${currency}`],
        r.rows.map((x: ReportRow) => [x.label, x.qty, x.count, minorDecimal(x.revenueMinor, digits)]),
      ),
    )
  }
  const bar = (r: SalesReport | undefined, n: number, color: string, width: number, rowHeight: number) => (
    <BarChart
      h={Math.max(160, rowHeight * Math.min(n, r?.rows.length ?? 1))}
      data={(r?.rows ?? []).slice(0, n).map((x) => ({ label: x.label, revenue: x.revenueMinor / unit }))}
      dataKey="label"
      orientation="vertical"
      yAxisProps={{ width }}
      series={[{ name: 'revenue', label: `Revenue (${currency})`, color }]}
      valueFormatter={(v) => money(Math.round(v * unit))}
      withBarValueLabel
    />
  )
  return (
    <>
      <SimpleGrid cols={3}>
        <Kpi label="Revenue" value={data ? money(data.day.totalMinor) : '—'} testId="kpi-revenue" />
        <Kpi label="Sales" value={data ? String(data.day.count) : '—'} />
        <Kpi
          label="Average basket"
          value={data && data.day.count > 0 ? money(Math.round(data.day.totalMinor / data.day.count)) : '—'}
        />
      </SimpleGrid>
      <ReportCard
        title="Sales by day"
        csvTestId="csv-by-day"
        onCsv={exportSales(data?.day, 'sales-by-day', 'day')}
      >
        <LineChart
          h={240}
          data={dayChart}
          dataKey="day"
          curveType="monotone"
          withDots={dayChart.length <= 31}
          series={[{ name: 'revenue', label: `Revenue (${currency})`, color: 'teal.6' }]}
          valueFormatter={(v) => money(Math.round(v * unit))}
        />
      </ReportCard>
      <Grid gap="md">
        {(
          [
            ['store', 'Sales by store', 20, 'indigo.6', 130, 44],
            ['product', 'Sales by product (top 10 by revenue)', 10, 'grape.6', 150, 30],
          ] as const
        ).map(([by, title, rows, color, labelWidth, barSize]) => (
          <Grid.Col key={by} span={{ base: 12, lg: 6 }}>
            <ReportCard
              title={title}
              csvTestId={`csv-by-${by}`}
              onCsv={exportSales(data?.[by], `sales-by-${by}`, by)}
            >
              <div data-testid={`chart-by-${by}`}>{bar(data?.[by], rows, color, labelWidth, barSize)}</div>
            </ReportCard>
          </Grid.Col>
        ))}
      </Grid>
    </>
  )
}

function Kpi({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Paper withBorder p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={26} fw={700} className="num" data-testid={testId}>
        {value}
      </Text>
    </Paper>
  )
}
