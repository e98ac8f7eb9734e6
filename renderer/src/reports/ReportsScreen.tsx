import { BarChart } from '@mantine/charts'
import { Alert, Group, Paper, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useEffect, useState } from 'react'
import type { SalesReport } from '../../../shared/api/views.ts'
import { useApi } from '../api/api-context.tsx'
import { describeError } from '../api/describe-error.ts'
import { useSession } from '../app/session-context.tsx'
import { formatMoney, minorDigits } from '../format/money.ts'

type Range = '7' | '30' | '90'

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10)
}

/** Sales per day and per store over a period, for managers. */
export function ReportsScreen() {
  const api = useApi()
  const { currency } = useSession()
  const [range, setRange] = useState<Range>('30')
  const [byDay, setByDay] = useState<SalesReport>()
  const [byStore, setByStore] = useState<SalesReport>()
  const [error, setError] = useState<string>()

  useEffect(() => {
    const to = new Date()
    const from = new Date(to.getTime() - Number(range) * 86_400_000)
    const period = { from: isoDay(from), to: isoDay(new Date(to.getTime() + 86_400_000)) }
    Promise.all([
      api['reports.sales']({ ...period, groupBy: 'day' }),
      api['reports.sales']({ ...period, groupBy: 'store' }),
    ]).then(
      ([d, s]) => {
        setByDay(d)
        setByStore(s)
        setError(undefined)
      },
      (e: unknown) => setError(describeError(e)),
    )
  }, [api, range])

  // The chart plots major units; the text next to it stays exact in minor units.
  const unit = 10 ** minorDigits(currency)
  const toChart = (report: SalesReport | undefined) =>
    (report?.rows ?? []).map((r) => ({ label: r.label, revenue: r.revenueMinor / unit }))

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>Reports</Title>
        <SegmentedControl
          value={range}
          onChange={(v) => setRange(v as Range)}
          data={[
            { value: '7', label: '7 days' },
            { value: '30', label: '30 days' },
            { value: '90', label: '90 days' },
          ]}
        />
      </Group>
      {error ? <Alert color="red">{error}</Alert> : null}
      <SimpleGrid cols={3}>
        <Paper withBorder p="md">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Revenue
          </Text>
          <Text fz={26} fw={700} className="num">
            {byDay ? formatMoney(byDay.totalMinor, currency) : '—'}
          </Text>
        </Paper>
        <Paper withBorder p="md">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Sales
          </Text>
          <Text fz={26} fw={700} className="num">
            {byDay?.count ?? '—'}
          </Text>
        </Paper>
        <Paper withBorder p="md">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Average basket
          </Text>
          <Text fz={26} fw={700} className="num">
            {byDay && byDay.count > 0
              ? formatMoney(Math.round(byDay.totalMinor / byDay.count), currency)
              : '—'}
          </Text>
        </Paper>
      </SimpleGrid>
      <Paper withBorder p="lg">
        <Text fw={700} mb="md">
          Revenue per day
        </Text>
        <BarChart
          h={260}
          data={toChart(byDay)}
          dataKey="label"
          series={[{ name: 'revenue', label: `Revenue (${currency})`, color: 'teal.6' }]}
          valueFormatter={(v) => formatMoney(Math.round(v * unit), currency)}
        />
      </Paper>
      <Paper withBorder p="lg">
        <Text fw={700} mb="md">
          Revenue per store
        </Text>
        <BarChart
          h={Math.max(120, 48 * (byStore?.rows.length ?? 1))}
          data={toChart(byStore)}
          dataKey="label"
          orientation="vertical"
          yAxisProps={{ width: 160 }}
          series={[{ name: 'revenue', label: `Revenue (${currency})`, color: 'indigo.6' }]}
          valueFormatter={(v) => formatMoney(Math.round(v * unit), currency)}
        />
      </Paper>
    </Stack>
  )
}
