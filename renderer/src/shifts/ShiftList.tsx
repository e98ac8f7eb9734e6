import { SegmentedControl, Text } from '@mantine/core'
import { useState } from 'react'
import type { ShiftReportView } from '../../../shared/api/views.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { useSession } from '../app/session-context.tsx'
import { formatMoney } from '../format/money.ts'
import { formatDateTime } from '../format/time.ts'
import type { Column } from '../ui/DataTable.tsx'
import { TableCard } from '../ui/TableCard.tsx'
import { ShiftReport } from './ShiftReport.tsx'

type Scope = 'till' | 'store' | 'chain'

/** For managers: past and open shifts of this till, this store or the chain; one opens its report. */
export function ShiftList() {
  const { currency } = useSession()
  const [scope, setScope] = useState<Scope>('store')
  const [open, setOpen] = useState<ShiftReportView>()
  const shifts = useStoreQuery(
    'shifts.list',
    { scope, limit: 100 },
    { refreshOn: ['sale.recorded', 'sync.status'] },
  )
  const money = (m: number) => formatMoney(m, currency)
  const columns: Column<ShiftReportView>[] = [
    { header: 'Opened', cell: (s) => `${formatDateTime(s.openedAt)} · ${s.openedByName}` },
    { header: 'Store', cell: (s) => s.storeName },
    { header: 'Sales', numeric: true, cell: (s) => money(s.sales.totalMinor) },
    { header: 'Refunds', numeric: true, cell: (s) => money(s.refunds.totalMinor) },
    {
      header: 'Over / short',
      numeric: true,
      cell: (s) =>
        s.open ? (
          <Text span size="sm" c="teal.8">
            open
          </Text>
        ) : (
          <Text span size="sm" c={(s.close?.overShortMinor ?? 0) === 0 ? undefined : 'red.8'}>
            {money(s.close?.overShortMinor ?? 0)}
          </Text>
        ),
    },
  ]
  return (
    <>
      <TableCard
        title="Shift reports"
        actions={
          <SegmentedControl
            size="xs"
            value={scope}
            onChange={(v) => setScope(v as Scope)}
            data-testid="shift-scope"
            data={[
              { value: 'till', label: 'This till' },
              { value: 'store', label: 'This store' },
              { value: 'chain', label: 'The chain' },
            ]}
          />
        }
        table={{
          columns,
          source: shifts,
          rowKey: (s) => s.shiftId,
          testId: 'shift-list',
          rowTestId: 'shift-row',
          onRowActivate: setOpen,
          selectedKey: open?.shiftId,
          empty: 'No shifts yet.',
        }}
      />
      {open ? <ShiftReport report={open} title={open.open ? 'X report' : 'Z report'} /> : null}
    </>
  )
}
