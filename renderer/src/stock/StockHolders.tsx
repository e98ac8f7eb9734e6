import { BarChart } from '@mantine/charts'
import { Badge, Text } from '@mantine/core'
import type { StockView } from '../../../shared/api/views.ts'
import { useSession } from '../app/session-context.tsx'
import { DataTable, type Column } from '../ui/DataTable.tsx'
import { TitledCard } from '../ui/TitledCard.tsx'

type Holder = StockView['holders'][number]

/** Which stores may sell how many units of a product: a chart and a table. */
export function StockHolders({ stock }: { stock: StockView }) {
  const { session } = useSession()
  const here = (h: Holder) => h.replicaId === session.replicaId
  const chartData = stock.holders.map((h) => ({
    store: here(h) ? `${h.storeName} (here)` : h.storeName,
    rights: h.rights,
  }))
  const columns: Column<Holder>[] = [
    {
      header: 'Store',
      cell: (h) => (
        <>
          {h.storeName}{' '}
          {here(h) ? (
            <Badge size="xs" variant="light">
              here
            </Badge>
          ) : null}
        </>
      ),
    },
    {
      header: 'Till',
      cell: (h) => (
        <Text span size="sm" ff="monospace" c="dimmed">
          {h.replicaId.slice(0, 8)}
        </Text>
      ),
    },
    {
      header: 'Status',
      cell: (h) => (
        <Text span size="sm" c={h.status === 'active' ? undefined : 'orange.8'}>
          {h.status}
        </Text>
      ),
    },
    {
      header: 'Rights',
      numeric: true,
      cell: (h) => (
        <Text span size="sm" fw={600}>
          {h.rights}
        </Text>
      ),
    },
  ]
  return (
    <TitledCard title="Rights per store">
      {stock.holders.length > 0 ? (
        <BarChart
          h={Math.max(90, 44 * chartData.length)}
          data={chartData}
          dataKey="store"
          orientation="vertical"
          yAxisProps={{ width: 150 }}
          series={[{ name: 'rights', label: 'Units it may sell', color: 'teal.6' }]}
          gridAxis="none"
          withTooltip={false}
          barProps={{ radius: 4 }}
          mb="sm"
        />
      ) : null}
      <DataTable
        columns={columns}
        rows={stock.holders}
        rowKey={(h) => h.replicaId}
        testId="holders"
        empty="No store holds any yet. Restock to add units."
      />
    </TitledCard>
  )
}
