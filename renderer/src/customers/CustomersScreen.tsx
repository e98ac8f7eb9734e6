import { Grid, Paper, Stack, Text, TextInput } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useState } from 'react'
import type { CustomerView } from '../../../shared/api/views.ts'
import { useStorePagedQuery } from '../api/use-store-query.ts'
import { useSession } from '../app/session-context.tsx'
import { saleColumns } from '../sales/sale-columns.tsx'
import { DataTable, type Column } from '../ui/DataTable.tsx'
import { PageHeader } from '../ui/PageHeader.tsx'
import { TitledCard } from '../ui/TitledCard.tsx'

const columns: Column<CustomerView>[] = [
  { header: 'Name', cell: (c) => c.name },
  { header: 'Phone', cell: (c) => c.phone || '—' },
  { header: 'E-mail', cell: (c) => c.email || '—' },
]

/** The chain's customers (shared like the catalog): find one, see what they bought at any store. */
export function CustomersScreen() {
  const { currency, session } = useSession()
  const [search, setSearch] = useState('')
  const [query] = useDebouncedValue(search.trim(), 200)
  const [selected, setSelected] = useState<CustomerView>()
  const list = useStorePagedQuery('customers.list', { query }, { pageSize: 50 })
  return (
    <Stack gap="md">
      <PageHeader
        title="Customers"
        subtitle="Customers attached to sales at the till, shared by every store."
      >
        <TextInput
          placeholder="Name, phone or e-mail"
          aria-label="Search customers"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={260}
        />
      </PageHeader>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder>
            <DataTable
              columns={columns}
              rows={list.items}
              loading={list.loading}
              error={list.error}
              testId="customers-table"
              rowTestId="customer-row"
              onRowActivate={setSelected}
              selectedKey={selected?.id}
              empty={query ? 'No customer matches.' : 'No customers yet: add one at the till.'}
              loadMore={list.hasMore ? { label: 'Load more', onClick: list.loadMore } : undefined}
            />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          {selected ? (
            <Purchases customer={selected} currency={currency} replicaId={session.replicaId} />
          ) : (
            <Paper withBorder p="xl">
              <Text c="dimmed" ta="center">
                Select a customer to see their purchases.
              </Text>
            </Paper>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  )
}

function Purchases(props: { customer: CustomerView; currency: string; replicaId: string }) {
  const sales = useStorePagedQuery(
    'customers.purchases',
    { customerId: props.customer.id },
    { pageSize: 50, refreshOn: ['sale.recorded'] },
  )
  return (
    <TitledCard title={`Purchases of ${props.customer.name}`}>
      <DataTable
        columns={saleColumns(props.currency, props.replicaId)}
        rows={sales.items}
        loading={sales.loading}
        error={sales.error}
        testId="customer-purchases"
        empty="No purchases yet."
        loadMore={sales.hasMore ? { label: 'Load more', onClick: sales.loadMore } : undefined}
      />
    </TitledCard>
  )
}
