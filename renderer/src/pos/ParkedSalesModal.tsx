import { Button, Group, Modal, Text } from '@mantine/core'
import type { ParkedCartView } from '../../../shared/api/views.ts'
import { useStoreAction } from '../api/use-store-action.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { formatDateTime } from '../format/time.ts'
import { DataTable, type Column } from '../ui/DataTable.tsx'

/**
 * The store's parked sales (from every till once synced): recall one into the empty cart, or
 * discard it. A recalled or discarded sale leaves the list on every till.
 */
export function ParkedSalesModal(props: {
  opened: boolean
  cartEmpty: boolean
  onRecalled: (parked: ParkedCartView) => void
  onClose: () => void
}) {
  const parked = useStoreQuery('parked.list', {}, { enabled: props.opened, refreshOn: ['sync.status'] })
  const recall = useStoreAction('parked.recall', { invalidates: ['parked.list'] })
  const discard = useStoreAction('parked.discard', {
    invalidates: ['parked.list'],
    success: 'Parked sale discarded',
  })
  const columns: Column<ParkedCartView>[] = [
    { header: 'Name', cell: (p) => p.name + (p.customer ? ` (${p.customer})` : '') },
    { header: 'Items', numeric: true, cell: (p) => p.lines.reduce((n, l) => n + l.qty, 0) },
    { header: 'Parked', cell: (p) => `${formatDateTime(p.at)} · ${p.byName}` },
    {
      header: '',
      cell: (p) => (
        <Group gap={4} wrap="nowrap">
          <Button
            size="compact-sm"
            disabled={!props.cartEmpty}
            loading={recall.pending}
            onClick={() => void recall.run({ parkId: p.id }).then((done) => done && props.onRecalled(done))}
            data-testid="parked-recall"
          >
            Recall
          </Button>
          <Button
            size="compact-sm"
            variant="subtle"
            color="red"
            onClick={() => void discard.run({ parkId: p.id })}
          >
            Discard
          </Button>
        </Group>
      ),
    },
  ]
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Parked sales" size="lg" centered>
      {!props.cartEmpty ? (
        <Text size="sm" c="orange.8" mb="sm">
          Finish or park the sale in the cart before recalling another.
        </Text>
      ) : null}
      <DataTable
        columns={columns}
        source={parked}
        testId="parked-table"
        empty="No parked sales at this store."
      />
    </Modal>
  )
}
