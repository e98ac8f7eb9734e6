import { BarChart, LineChart } from '@mantine/charts'
import {
  Alert,
  Button,
  Grid,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core'
import { useState, type ReactNode } from 'react'
import type {
  LowStockRow,
  MovementRow,
  ProductWithStock,
  ReportRow,
  SalesReport,
} from '../../../shared/api/views.ts'
import { useSession } from '../app/session-context.tsx'
import { downloadText, minorDecimal, toCsv } from '../format/csv.ts'
import { formatMoney, minorDigits } from '../format/money.ts'
import { formatDateTime } from '../format/time.ts'
import { PageHeader } from '../ui/PageHeader.tsx'
import { ProductPicker } from '../ui/ProductPicker.tsx'
import { useStoreQuery } from '../api/use-store-query.ts'

/** A local calendar day as YYYY-MM-DD. */
export function localDay(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}`
}
const daysAgo = (n: number) => localDay(new Date(Date.now() - n * 86_400_000))

/** Every day of [from, to] (inclusive), so the line chart shows quiet days as zero. */
function everyDay(from: string, to: string): string[] {
  const out: string[] = []
  const d = new Date(`${from}T12:00:00`)
  const end = new Date(`${to}T12:00:00`)
  for (let i = 0; d <= end && i < 400; i++) {
    out.push(localDay(d))
    d.setDate(d.getDate() + 1)
  }
  return out
}

function CsvButton({ onClick, testId }: { onClick: () => void; testId: string }) {
  return (
    <Button size="compact-sm" variant="default" onClick={onClick} data-testid={testId}>
      Export CSV
    </Button>
  )
}

function Card({ title, action, children }: { title: string; action?: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder p="lg" h="100%">
      <Group justify="space-between" mb="md">
        <Text fw={700}>{title}</Text>
        {action}
      </Group>
      {children}
    </Paper>
  )
}

/** Sales by day, store and product, top sellers, low stock and a product's movements. */
export function ReportsScreen() {
  const { currency } = useSession()
  const [from, setFrom] = useState(() => daysAgo(29))
  const [to, setTo] = useState(() => localDay(new Date()))
  const [preset, setPreset] = useState('30')
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to
  // `to` is inclusive for people; the API's bound is exclusive, so ask up to the next day.
  const toExclusive = valid ? localDay(new Date(new Date(`${to}T12:00:00`).getTime() + 86_400_000)) : to
  const period = { from, to: toExclusive }
  const enabled = { enabled: valid, refreshOn: ['sale.recorded'] as const }
  const dayQuery = useStoreQuery('reports.sales', { ...period, groupBy: 'day', limit: 1000 }, enabled)
  const byStore = useStoreQuery('reports.sales', { ...period, groupBy: 'store' }, enabled)
  const byProduct = useStoreQuery('reports.sales', { ...period, groupBy: 'product', limit: 1000 }, enabled)
  const reports = {
    data:
      valid && dayQuery.data && byStore.data && byProduct.data
        ? { day: dayQuery.data, store: byStore.data, product: byProduct.data }
        : undefined,
    error: dayQuery.error ?? byStore.error ?? byProduct.error,
  }
  const low = useStoreQuery('reports.lowStock', {}, { refreshOn: ['stock.changed'] })
  const [product, setProduct] = useState<ProductWithStock>()
  const movements = useStoreQuery(
    'reports.movements',
    { productId: product?.id ?? '', limit: 500 },
    { enabled: product !== undefined, refreshOn: ['stock.changed'] },
  )
  const moves = { data: product ? movements.data?.rows : [], error: movements.error }

  const digits = minorDigits(currency)
  const unit = 10 ** digits
  const money = (m: number) => formatMoney(m, currency)
  const data = reports.data
  const byDay = new Map((data?.day.rows ?? []).map((r) => [r.key, r]))
  const dayChart = valid
    ? everyDay(from, to).map((d) => ({
        day: d.slice(5),
        revenue: (byDay.get(d)?.revenueMinor ?? 0) / unit,
        sales: byDay.get(d)?.count ?? 0,
      }))
    : []
  const bars = (r: SalesReport | undefined, n: number) =>
    (r?.rows ?? []).slice(0, n).map((x) => ({ label: x.label, revenue: x.revenueMinor / unit }))
  const topSellers = [...(data?.product.rows ?? [])].sort((a, b) => b.qty - a.qty).slice(0, 10)
  const stamp = `${from}_${to}`

  const exportSales = (r: SalesReport | undefined, name: string, keyLabel: string) => {
    if (!r) return
    downloadText(
      `allot-${name}-${stamp}.csv`,
      toCsv(
        [keyLabel, 'units', 'sales', `revenue_${currency}`],
        r.rows.map((x: ReportRow) => [x.label, x.qty, x.count, minorDecimal(x.revenueMinor, digits)]),
      ),
    )
  }
  const exportTop = () =>
    downloadText(
      `allot-top-sellers-${stamp}.csv`,
      toCsv(
        ['rank', 'product', 'units', `revenue_${currency}`],
        topSellers.map((r, i) => [i + 1, r.label, r.qty, minorDecimal(r.revenueMinor, digits)]),
      ),
    )
  const exportLow = () =>
    downloadText(
      `allot-low-stock-${localDay(new Date())}.csv`,
      toCsv(
        ['sku', 'product', 'chain', 'here', 'reorder_point', 'suggested_order'],
        (low.data?.rows ?? []).map((r: LowStockRow) => [
          r.product.sku,
          r.product.name,
          r.value,
          r.here,
          r.reorderPoint,
          r.suggestedOrder,
        ]),
      ),
    )
  const exportMoves = () =>
    product &&
    downloadText(
      `allot-movements-${product.sku}.csv`,
      toCsv(
        ['time', 'store', 'type', 'delta', 'reason', 'by', 'event'],
        (moves.data ?? []).map((m: MovementRow) => [
          m.at,
          m.storeName,
          m.type,
          m.delta,
          m.reason,
          m.by,
          `${m.replicaId.slice(0, 8)}#${m.seq}`,
        ]),
      ),
    )

  const applyPreset = (v: string) => {
    setPreset(v)
    setFrom(daysAgo(Number(v) - 1))
    setTo(localDay(new Date()))
  }

  return (
    <Stack gap="md">
      <PageHeader title="Reports" subtitle="Sales across the chain, as far as this store has synced.">
        <SegmentedControl
          value={preset}
          onChange={applyPreset}
          data={[
            { value: '7', label: '7 days' },
            { value: '30', label: '30 days' },
            { value: '90', label: '90 days' },
          ]}
        />
        <TextInput
          type="date"
          label="From"
          value={from}
          max={to}
          onChange={(e) => {
            setFrom(e.currentTarget.value)
            setPreset('')
          }}
          w={150}
          data-testid="report-from"
        />
        <TextInput
          type="date"
          label="To"
          value={to}
          min={from}
          onChange={(e) => {
            setTo(e.currentTarget.value)
            setPreset('')
          }}
          w={150}
          data-testid="report-to"
        />
      </PageHeader>
      {!valid ? <Alert color="orange">Choose a start date on or before the end date.</Alert> : null}
      {reports.error ? <Alert color="red">{reports.error}</Alert> : null}
      <SimpleGrid cols={3}>
        <Kpi label="Revenue" value={data ? money(data.day.totalMinor) : '—'} testId="kpi-revenue" />
        <Kpi label="Sales" value={data ? String(data.day.count) : '—'} />
        <Kpi
          label="Average basket"
          value={data && data.day.count > 0 ? money(Math.round(data.day.totalMinor / data.day.count)) : '—'}
        />
      </SimpleGrid>
      <Card
        title="Sales by day"
        action={
          <CsvButton testId="csv-by-day" onClick={() => exportSales(data?.day, 'sales-by-day', 'day')} />
        }
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
      </Card>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Card
            title="Sales by store"
            action={
              <CsvButton
                testId="csv-by-store"
                onClick={() => exportSales(data?.store, 'sales-by-store', 'store')}
              />
            }
          >
            <BarChart
              h={Math.max(160, 44 * (data?.store.rows.length ?? 1))}
              data={bars(data?.store, 20)}
              dataKey="label"
              orientation="vertical"
              yAxisProps={{ width: 130 }}
              series={[{ name: 'revenue', label: `Revenue (${currency})`, color: 'indigo.6' }]}
              valueFormatter={(v) => money(Math.round(v * unit))}
            />
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Card
            title="Sales by product (top 10 by revenue)"
            action={
              <CsvButton
                testId="csv-by-product"
                onClick={() => exportSales(data?.product, 'sales-by-product', 'product')}
              />
            }
          >
            <BarChart
              h={Math.max(160, 30 * Math.min(10, data?.product.rows.length ?? 1))}
              data={bars(data?.product, 10)}
              dataKey="label"
              orientation="vertical"
              yAxisProps={{ width: 150 }}
              series={[{ name: 'revenue', label: `Revenue (${currency})`, color: 'grape.6' }]}
              valueFormatter={(v) => money(Math.round(v * unit))}
            />
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Card title="Top sellers (units)" action={<CsvButton testId="csv-top" onClick={exportTop} />}>
            <Table verticalSpacing={6} data-testid="top-sellers">
              <Table.Tbody>
                {topSellers.map((r, i) => (
                  <Table.Tr key={r.key}>
                    <Table.Td w={28} c="dimmed">
                      {i + 1}
                    </Table.Td>
                    <Table.Td>{r.label}</Table.Td>
                    <Table.Td ta="right" className="num" fw={600}>
                      {r.qty}
                    </Table.Td>
                    <Table.Td ta="right" className="num" c="dimmed">
                      {money(r.revenueMinor)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {topSellers.length === 0 ? <Text c="dimmed">No sales in this period.</Text> : null}
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Card
            title="Low stock — reorder suggestions"
            action={<CsvButton testId="csv-low" onClick={exportLow} />}
          >
            {low.error ? <Alert color="red">{low.error}</Alert> : null}
            <Table verticalSpacing={6} striped data-testid="low-stock">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Product</Table.Th>
                  <Table.Th ta="right">Chain</Table.Th>
                  <Table.Th ta="right">Here</Table.Th>
                  <Table.Th ta="right">Reorder at</Table.Th>
                  <Table.Th ta="right">Order</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(low.data?.rows ?? []).map((r) => (
                  <Table.Tr key={r.product.id}>
                    <Table.Td>{r.product.name}</Table.Td>
                    <Table.Td ta="right" className="num" c={r.value === 0 ? 'red' : undefined}>
                      {r.value}
                    </Table.Td>
                    <Table.Td ta="right" className="num">
                      {r.here}
                    </Table.Td>
                    <Table.Td ta="right" className="num">
                      {r.reorderPoint}
                    </Table.Td>
                    <Table.Td ta="right" className="num" fw={700} c="teal.9">
                      +{r.suggestedOrder}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {low.data && low.data.rows.length === 0 ? (
              <Text c="dimmed">Nothing is below its reorder point.</Text>
            ) : null}
          </Card>
        </Grid.Col>
      </Grid>
      <Card
        title="Movements of a product"
        action={product ? <CsvButton testId="csv-moves" onClick={exportMoves} /> : undefined}
      >
        <ProductPicker label="Product" value={product} onChange={setProduct} testId="moves-product" />
        {moves.error ? <Alert color="red">{moves.error}</Alert> : null}
        {product ? (
          <Table verticalSpacing={6} striped mt="md" data-testid="movements-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Store</Table.Th>
                <Table.Th>What</Table.Th>
                <Table.Th ta="right">Change</Table.Th>
                <Table.Th>Reason</Table.Th>
                <Table.Th>By</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(moves.data ?? []).map((m) => (
                <Table.Tr key={`${m.eventId}-${m.type}`}>
                  <Table.Td>{formatDateTime(m.at)}</Table.Td>
                  <Table.Td>{m.storeName}</Table.Td>
                  <Table.Td>{m.type}</Table.Td>
                  <Table.Td
                    ta="right"
                    className="num"
                    c={m.delta < 0 ? 'red.7' : m.delta > 0 ? 'teal.8' : 'dimmed'}
                  >
                    {m.delta > 0 ? `+${m.delta}` : m.delta}
                  </Table.Td>
                  <Table.Td>{m.reason}</Table.Td>
                  <Table.Td>{m.by}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text c="dimmed" size="sm" mt="sm">
            Pick a product to see every restock, sale, transfer, hold and adjustment with its reason.
          </Text>
        )}
      </Card>
    </Stack>
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
