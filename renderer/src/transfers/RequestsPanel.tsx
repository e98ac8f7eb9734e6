import { Badge, Button, SegmentedControl } from '@mantine/core'
import { useState } from 'react'
import type { RequestRowView } from '../../../shared/api/views.ts'
import { useStoreAction } from '../api/use-store-action.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { formatDateTime } from '../format/time.ts'
import type { Column } from '../ui/DataTable.tsx'
import { DataTable } from '../ui/DataTable.tsx'
import { TitledCard } from '../ui/TitledCard.tsx'
import { RequestStateBadge } from './state-badges.tsx'

const changes = ['requests.list', 'shipments.list'] as const

/** Requests for stock rights between stores: grant those asked of us, withdraw ours. */
export function RequestsPanel() {
  const [state, setState] = useState<'all' | 'outstanding'>('all')
  const { data, error } = useStoreQuery('requests.list', { state }, { refreshOn: ['stock.changed'] })
  const grant = useStoreAction('stock.transfer', { invalidates: changes })
  const withdraw = useStoreAction('stock.cancelRequest', {
    invalidates: changes,
    success: 'Request withdrawn',
  })
  const columns: Column<RequestRowView>[] = [
    { header: 'When', cell: (r) => formatDateTime(r.at) },
    {
      header: 'Direction',
      cell: (r) => (
        <Badge variant="outline" color={r.direction === 'incoming' ? 'grape' : 'cyan'}>
          {r.direction === 'incoming' ? 'asked of us' : r.direction === 'outgoing' ? 'we asked' : 'other'}
        </Badge>
      ),
    },
    { header: 'Product', cell: (r) => r.productName },
    { header: 'From → to', cell: (r) => `${r.fromStoreName} → ${r.donorStoreName}` },
    { header: 'Asked', numeric: true, cell: (r) => r.qty },
    { header: 'Granted', numeric: true, cell: (r) => r.grantedQty },
    { header: 'State', cell: (r) => <RequestStateBadge state={r.state} /> },
    { header: 'By', cell: (r) => r.byName },
    {
      header: '',
      cell: (r) =>
        r.state !== 'outstanding' ? null : r.direction === 'incoming' ? (
          <Button
            size="compact-xs"
            loading={grant.pending}
            onClick={() =>
              void grant.run(
                { productId: r.productId, toReplicaId: r.from, qty: r.qty, requestId: r.id },
                `Sent ${r.qty} × ${r.productName} to ${r.fromStoreName}`,
              )
            }
          >
            Grant {r.qty}
          </Button>
        ) : r.direction === 'outgoing' ? (
          <Button
            size="compact-xs"
            variant="default"
            loading={withdraw.pending}
            onClick={() => void withdraw.run({ requestId: r.id })}
          >
            Withdraw
          </Button>
        ) : null,
    },
  ]
  return (
    <TitledCard
      title="Requests for stock rights"
      actions={
        <SegmentedControl
          size="xs"
          value={state}
          onChange={(v) => setState(v as 'all' | 'outstanding')}
          data={[
            { value: 'all', label: 'All' },
            { value: 'outstanding', label: 'Waiting' },
          ]}
        />
      }
    >
      <DataTable
        columns={columns}
        rows={data?.items}
        error={error}
        testId="requests-table"
        empty="No requests yet. Stores ask each other automatically when pool stock runs low."
      />
    </TitledCard>
  )
}
