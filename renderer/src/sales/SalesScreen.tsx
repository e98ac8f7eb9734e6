import { Button, Stack } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useState } from 'react'
import { useStorePagedQuery } from '../api/use-store-query.ts'
import { useSession } from '../app/session-context.tsx'
import { saleColumns } from './sale-columns.tsx'
import { ReturnModal } from './ReturnModal.tsx'
import { PageHeader } from '../ui/PageHeader.tsx'
import { MasterDetail } from '../ui/MasterDetail.tsx'
import { SaleDetail } from './SaleDetail.tsx'
import { SearchField } from '../ui/SearchField.tsx'

const pageSize = 50

/** Past sales of the whole chain (newest first); pick one to see its receipt or refund it. */
export function SalesScreen() {
  const { currency, session } = useSession()
  const [selected, setSelected] = useState<string>()
  const [returning, setReturning] = useState(false)
  const [search, setSearch] = useState('')
  const [debounced] = useDebouncedValue(search.trim(), 200)
  const columns = saleColumns(currency, session.replicaId)
  const list = useStorePagedQuery('sales.list', debounced ? { search: debounced } : {}, {
    pageSize,
    refreshOn: ['sale.recorded'],
  })

  return (
    <Stack gap="md" style={{ flex: 1 }}>
      <PageHeader
        title="Sales & refunds"
        subtitle={`${list.total.toLocaleString()} sales${debounced ? ' found' : ' in the chain'}`}
      >
        <SearchField
          value={search}
          onChange={setSearch}
          hint="Receipt number, customer or total"
          label="Search sales"
          w={280}
          testId="sales-search"
        />
        <Button variant="default" onClick={() => setReturning(true)} data-testid="return-open">
          Return without receipt
        </Button>
      </PageHeader>
      {returning ? <ReturnModal onClose={() => setReturning(false)} /> : null}
      <MasterDetail
        // a refund needs no mouse: Tab to a sale, Enter or Space opens it
        table={{
          columns,
          source: list,
          testId: 'sales-table',
          rowTestId: 'sale-row',
          stickyHeader: true,
          empty: 'No sales yet.',
        }}
        selected={selected}
        onSelect={(s) => setSelected(s.id)}
        detail={selected && <SaleDetail saleId={selected} onRefunded={list.reload} />}
        placeholder="Select a sale to see its receipt or to refund items."
        span={6}
        scroll
      />
    </Stack>
  )
}
