import { Badge, Grid, Group, Paper, ScrollArea, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import type { SaleSummary } from '../../../shared/api/views.ts'
import { useStorePagedQuery } from '../api/use-store-query.ts'
import { useSession } from '../app/session-context.tsx'
import { formatMoney } from '../format/money.ts'
import { formatDateTime } from '../format/time.ts'
import { DataTable, type Column } from '../ui/DataTable.tsx'
import { PageHeader } from '../ui/PageHeader.tsx'
import { SaleDetail } from './SaleDetail.tsx'

const pageSize = 50

/** Past sales of the whole chain (newest first); pick one to see its receipt or refund it. */
export function SalesScreen() {
  const { currency, session } = useSession()
  const [selected, setSelected] = useState<string>()
  const list = useStorePagedQuery('sales.list', {}, { pageSize, refreshOn: ['sale.recorded'] })
  const columns: Column<SaleSummary>[] = [
    { header: 'When', cell: (s) => formatDateTime(s.at) },
    {
      header: 'Store',
      cell: (s) => (
        <Group gap={6} wrap="nowrap">
          <Text size="sm">{s.storeName}</Text>
          {s.replicaId === session.replicaId ? (
            <Badge size="xs" variant="light">
              this till
            </Badge>
          ) : null}
        </Group>
      ),
    },
    { header: 'Items', numeric: true, cell: (s) => s.items },
    {
      header: 'Total',
      numeric: true,
      cell: (s) => (
        <Text span size="sm" fw={600}>
          {formatMoney(s.totalMinor, currency)}
        </Text>
      ),
    },
  ]

  return (
    <Stack gap="md" style={{ flex: 1 }}>
      <PageHeader title="Sales & refunds">
        <Text c="dimmed" size="sm">
          {list.total} sales in the chain
        </Text>
      </PageHeader>
      <Grid gap="lg" style={{ flex: 1 }}>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Paper withBorder>
            <ScrollArea h="calc(100vh - 220px)" type="auto">
              <DataTable
                columns={columns}
                rows={list.items}
                loading={list.loading}
                error={list.error}
                testId="sales-table"
                rowTestId="sale-row"
                stickyHeader
                // a refund needs no mouse: Tab to a sale, Enter or Space opens it
                onRowActivate={(s) => setSelected(s.id)}
                selectedKey={selected}
                empty="No sales yet."
                loadMore={list.hasMore ? { label: 'Load more', onClick: list.loadMore } : undefined}
              />
            </ScrollArea>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          {selected ? (
            <SaleDetail saleId={selected} onRefunded={list.reload} />
          ) : (
            <Paper withBorder p="xl">
              <Text c="dimmed" ta="center">
                Select a sale to see its receipt or to refund items.
              </Text>
            </Paper>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  )
}
