import { Stack } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useState } from 'react'
import type { CustomerView } from '../../../shared/api/views.ts'
import { useStorePagedQuery } from '../api/use-store-query.ts'
import { useSession } from '../app/session-context.tsx'
import { saleColumns } from '../sales/sale-columns.tsx'
import { DataTable, type Column } from '../ui/DataTable.tsx'
import { PageHeader } from '../ui/PageHeader.tsx'
import { MasterDetail } from '../ui/MasterDetail.tsx'
import { TitledCard } from '../ui/TitledCard.tsx'
import { SearchField } from '../ui/SearchField.tsx'

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
        <SearchField
          value={search}
          onChange={setSearch}
          hint="Name, phone or e-mail"
          label="Search customers"
        />
      </PageHeader>
      <MasterDetail
        table={{
          columns,
          source: list,
          testId: 'customers-table',
          rowTestId: 'customer-row',
          empty: query ? 'No customer matches.' : 'No customers yet: add one at the till.',
        }}
        selected={selected?.id}
        onSelect={setSelected}
        detail={
          selected && <Purchases customer={selected} currency={currency} replicaId={session.replicaId} />
        }
        placeholder="Select a customer to see their purchases."
      />
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
        source={sales}
        testId="customer-purchases"
        empty="No purchases yet."
      />
    </TitledCard>
  )
}
