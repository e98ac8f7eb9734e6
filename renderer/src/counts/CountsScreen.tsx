import { Stack } from '@mantine/core'
import { useState } from 'react'
import type { CountSummaryView } from '../../../shared/api/views.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { formatDateTime } from '../format/time.ts'
import { type Column } from '../ui/DataTable.tsx'
import { PageHeader } from '../ui/PageHeader.tsx'
import { MasterDetail } from '../ui/MasterDetail.tsx'
import { CountDetail } from './CountDetail.tsx'
import { NewCountForm } from './NewCountForm.tsx'

const columns: Column<CountSummaryView>[] = [
  { header: 'Count', cell: (c) => c.name },
  { header: 'Started', cell: (c) => `${formatDateTime(c.at)} · ${c.byName}` },
  { header: 'Counted', numeric: true, cell: (c) => `${c.counted} / ${c.products}` },
  { header: 'State', cell: (c) => (c.posted ? 'posted' : 'open') },
]

/** Stock counts at this store: start one, count by scanning, review the variances, post. */
export function CountsScreen() {
  const counts = useStoreQuery('counts.list', {}, { refreshOn: ['stock.changed'] })
  const [open, setOpen] = useState<string>()
  return (
    <Stack gap="md">
      <PageHeader
        title="Stock counts"
        subtitle="Count a shelf, a category or everything; sales during the count do not spoil it."
      />
      <NewCountForm onStarted={(c) => setOpen(c.id)} />
      <MasterDetail
        table={{
          columns,
          source: counts,
          testId: 'counts-table',
          rowTestId: 'count-row',
          empty: 'No counts yet.',
        }}
        selected={open}
        onSelect={(c) => setOpen(c.id)}
        detail={open && <CountDetail countId={open} />}
        placeholder="Start a count or pick one to go on counting."
      />
    </Stack>
  )
}
