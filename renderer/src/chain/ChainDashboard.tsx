import { Alert, SimpleGrid, Stack } from '@mantine/core'
import type { DashboardStore } from '../../../shared/api/views.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { useSession } from '../app/session-context.tsx'
import { formatMoney } from '../format/money.ts'
import { formatDateTime } from '../format/time.ts'
import { DataTable, type Column } from '../ui/DataTable.tsx'
import { Figure } from '../ui/Figure.tsx'
import { TitledCard } from '../ui/TitledCard.tsx'

/** Today and this week per store, stores not heard from, low stock and alerts: the chain at a glance. */
export function ChainDashboard() {
  const { currency } = useSession()
  const board = useStoreQuery('chain.dashboard', {}, { refreshOn: ['sale.recorded', 'sync.status'] })
  const money = (m: number) => formatMoney(m, currency)
  const d = board.data
  const columns: Column<DashboardStore>[] = [
    { header: 'Store', cell: (s) => `${s.name}${s.thisStore ? ' (here)' : ''}` },
    { header: 'Today', numeric: true, cell: (s) => `${money(s.today.revenueMinor)} · ${s.today.count}` },
    { header: 'This week', numeric: true, cell: (s) => `${money(s.week.revenueMinor)} · ${s.week.count}` },
    { header: 'Tills', numeric: true, cell: (s) => s.tills },
    { header: 'Last heard from', cell: (s) => (s.lastHeardAt ? formatDateTime(s.lastHeardAt) : 'never') },
  ]
  return (
    <Stack gap="md">
      {board.error ? <Alert color="red">{board.error}</Alert> : null}
      <SimpleGrid cols={{ base: 2, md: 6 }}>
        <Figure
          label="Sales today"
          value={d ? money(d.totals.today.revenueMinor) : '—'}
          testId="dash-today"
        />
        <Figure label="This week" value={d ? money(d.totals.week.revenueMinor) : '—'} />
        <Figure label="Low stock products" value={d ? String(d.lowStock) : '—'} />
        <Figure label="Integrity alerts" value={d ? String(d.integrityAlerts) : '—'} />
        <Figure
          label="Open purchase orders"
          value={d ? String(d.openPurchaseOrders) : '—'}
          testId="dash-open-pos"
        />
        <Figure
          label="This till's sync"
          value={d ? `${d.sync.state} · ${d.sync.pendingEvents} pending` : '—'}
        />
      </SimpleGrid>
      <TitledCard title={d ? `Stores, week from ${d.weekFrom}` : 'Stores'}>
        <DataTable
          columns={columns}
          source={{ data: d && { items: d.stores }, error: board.error }}
          rowKey={(s) => s.storeId}
          testId="dash-stores"
          rowTestId="dash-store"
          empty="No stores yet."
        />
      </TitledCard>
    </Stack>
  )
}
