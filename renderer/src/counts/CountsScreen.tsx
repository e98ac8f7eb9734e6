import { Grid, Paper, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import type { CountSummaryView } from '../../../shared/api/views.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { formatDateTime } from '../format/time.ts'
import { DataTable, type Column } from '../ui/DataTable.tsx'
import { PageHeader } from '../ui/PageHeader.tsx'
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
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Paper withBorder>
            <DataTable
              columns={columns}
              source={counts}
              testId="counts-table"
              rowTestId="count-row"
              onRowActivate={(c) => setOpen(c.id)}
              selectedKey={open}
              empty="No counts yet."
            />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          {open ? (
            <CountDetail countId={open} />
          ) : (
            <Paper withBorder p="xl">
              <Text c="dimmed" ta="center">
                Start a count or pick one to go on counting.
              </Text>
            </Paper>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  )
}
