import { Button } from '@mantine/core'
import { useState } from 'react'
import type { ShipmentView } from '../../../shared/api/views.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { formatDateTime } from '../format/time.ts'
import type { Column } from '../ui/DataTable.tsx'
import { DataTable } from '../ui/DataTable.tsx'
import { TitledCard } from '../ui/TitledCard.tsx'
import { ReceiveModal } from './ReceiveModal.tsx'
import { ShipmentStatusBadge } from './state-badges.tsx'

/** Shipments of local stock, sent and received; an incoming one is received here. */
export function ShipmentsPanel() {
  const { data, error } = useStoreQuery('shipments.list', {}, { refreshOn: ['stock.changed'] })
  const [receiving, setReceiving] = useState<ShipmentView>()
  const columns: Column<ShipmentView>[] = [
    { header: 'Sent', cell: (s) => formatDateTime(s.sentAt) },
    { header: 'Product', cell: (s) => s.productName },
    { header: 'From → to', cell: (s) => `${s.fromStoreName} → ${s.toStoreName}` },
    { header: 'Qty', numeric: true, cell: (s) => s.qty },
    { header: 'Received', numeric: true, cell: (s) => (s.status === 'sent' ? '—' : s.receivedQty) },
    { header: 'Damaged', numeric: true, cell: (s) => s.damagedQty || '—' },
    { header: 'Lost', numeric: true, cell: (s) => s.lostQty || '—' },
    { header: 'Status', cell: (s) => <ShipmentStatusBadge status={s.status} /> },
    {
      header: '',
      cell: (s) =>
        s.direction === 'incoming' && s.status === 'sent' ? (
          <Button size="compact-xs" onClick={() => setReceiving(s)}>
            Receive…
          </Button>
        ) : null,
    },
  ]
  return (
    <TitledCard
      title="Shipments of local stock"
      intro="A shipment is a manual transfer of a local-stock product. The receiving store confirms it; damaged or lost units are written off there with that reason."
    >
      <DataTable
        columns={columns}
        rows={data?.items}
        rowKey={(s) => s.transferId}
        error={error}
        testId="shipments-table"
        empty="No shipments. Set a product to local stock and transfer it to send one."
      />
      {receiving ? <ReceiveModal shipment={receiving} onClose={() => setReceiving(undefined)} /> : null}
    </TitledCard>
  )
}
