import { Button } from '@mantine/core'
import type { RequestView, StockView } from '../../../shared/api/views.ts'
import { useStoreAction } from '../api/use-store-action.ts'
import { useSession } from '../app/session-context.tsx'
import { formatDateTime } from '../format/time.ts'
import type { Column } from '../ui/DataTable.tsx'
import { DataTable } from '../ui/DataTable.tsx'
import { TitledCard } from '../ui/TitledCard.tsx'
import { stockChanges } from './actions/stock-rules.ts'

/** The open requests for a product: a manager grants those asked of this store, cancels its own. */
export function StockRequests(props: { productId: string; stock: StockView; isManager: boolean }) {
  const { session } = useSession()
  const { stock, isManager } = props
  const grant = useStoreAction('stock.transfer', {
    invalidates: stockChanges,
    failureTitle: 'Transfer failed',
  })
  const cancel = useStoreAction('stock.cancelRequest', {
    invalidates: stockChanges,
    failureTitle: 'Could not cancel',
  })
  const columns: Column<RequestView>[] = [
    { header: 'From', cell: (r) => r.fromStoreName },
    { header: 'Asked of', cell: (r) => r.donorStoreName },
    { header: 'Qty', numeric: true, cell: (r) => r.qty },
    { header: 'When', cell: (r) => formatDateTime(r.at) },
    {
      header: '',
      cell: (r) => {
        const qty = Math.min(r.qty, stock.here)
        return (
          <>
            {isManager && r.donor === session.replicaId ? (
              <Button
                size="compact-xs"
                disabled={qty <= 0}
                loading={grant.pending}
                onClick={() =>
                  void grant.run(
                    { productId: props.productId, toReplicaId: r.from, qty, requestId: r.id },
                    `Gave ${qty} to ${r.fromStoreName}`,
                  )
                }
              >
                Grant {qty}
              </Button>
            ) : null}
            {isManager && r.from === session.replicaId ? (
              <Button
                size="compact-xs"
                variant="subtle"
                color="red"
                loading={cancel.pending}
                onClick={() => void cancel.run({ requestId: r.id })}
              >
                Cancel
              </Button>
            ) : null}
          </>
        )
      },
    },
  ]
  return (
    <TitledCard title="Pending requests">
      <DataTable columns={columns} rows={stock.requests} testId="requests" empty="None." />
    </TitledCard>
  )
}
