import { Alert, Grid, SegmentedControl, Stack, TextInput } from '@mantine/core'
import { useState } from 'react'
import { useStoreQuery } from '../api/use-store-query.ts'
import { useSession } from '../app/session-context.tsx'
import { minorDigits } from '../format/money.ts'
import { PageHeader } from '../ui/PageHeader.tsx'
import { LowStockCard } from './LowStockCard.tsx'
import { MovementsCard } from './MovementsCard.tsx'
import { MoneyCard } from './MoneyCard.tsx'
import { MarginCard } from './MarginCard.tsx'
import { StockValueCard } from './StockValueCard.tsx'
import { CategoryCard } from './CategoryCard.tsx'
import { CategorySelect } from '../ui/CategorySelect.tsx'
import { apiPeriod, daysAgo, localDay } from './report-period.ts'
import { SalesCharts } from './SalesCharts.tsx'
import { TopSellersCard } from './TopSellersCard.tsx'

/** Sales by day, store and product, top sellers, low stock and a product's movements. */
export function ReportsScreen() {
  const { currency } = useSession()
  const [from, setFrom] = useState(() => daysAgo(29))
  const [to, setTo] = useState(() => localDay(new Date()))
  const [preset, setPreset] = useState('30')
  const { valid, period } = apiPeriod(from, to)
  const [category, setCategory] = useState<string | null>(null)
  const enabled = { enabled: valid, refreshOn: ['sale.recorded'] as const }
  // the charts and top sellers show one category's products when one is chosen
  const only = { ...period, ...(category !== null && { category }) }
  const day = useStoreQuery('reports.sales', { ...only, groupBy: 'day', limit: 1000 }, enabled)
  const store = useStoreQuery('reports.sales', { ...only, groupBy: 'store' }, enabled)
  const product = useStoreQuery('reports.sales', { ...only, groupBy: 'product', limit: 1000 }, enabled)
  const byCategory = useStoreQuery('reports.sales', { ...period, groupBy: 'category', limit: 1000 }, enabled)
  const data =
    valid && day.data && store.data && product.data
      ? { day: day.data, store: store.data, product: product.data }
      : undefined
  const error = day.error ?? store.error ?? product.error
  const digits = minorDigits(currency)
  const applyPreset = (v: string) => {
    setPreset(v)
    setFrom(daysAgo(Number(v) - 1))
    setTo(localDay(new Date()))
  }
  const dateField = (label: string, value: string, set: (v: string) => void, testId: string) => (
    <TextInput
      type="date"
      label={label}
      value={value}
      {...(label === 'From' ? { max: to } : { min: from })}
      onChange={(e) => {
        set(e.currentTarget.value)
        setPreset('')
      }}
      w={140}
      data-testid={testId}
    />
  )

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
        {dateField('From', from, setFrom, 'report-from')}
        {dateField('To', to, setTo, 'report-to')}
        <CategorySelect label="Category" value={category} onChange={setCategory} w={150} />
      </PageHeader>
      {!valid ? <Alert color="orange">Choose a start date on or before the end date.</Alert> : null}
      {error ? <Alert color="red">{error}</Alert> : null}
      <SalesCharts data={data} from={from} to={valid ? to : from} currency={currency} digits={digits} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <TopSellersCard
            rows={data?.product.rows}
            currency={currency}
            digits={digits}
            stamp={`${from}_${to}`}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <LowStockCard />
        </Grid.Col>
      </Grid>
      <MoneyCard period={period} enabled={valid} currency={currency} digits={digits} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <MarginCard period={period} enabled={valid} currency={currency} digits={digits} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <CategoryCard
              rows={byCategory.data?.rows}
              currency={currency}
              digits={digits}
              stamp={`${from}_${to}`}
            />
            <StockValueCard currency={currency} digits={digits} />
          </Stack>
        </Grid.Col>
      </Grid>
      <MovementsCard />
    </Stack>
  )
}
