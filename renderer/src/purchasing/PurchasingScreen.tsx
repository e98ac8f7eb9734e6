import { Button, Group, Stack } from '@mantine/core'
import { useState } from 'react'
import type { PurchaseOrderView } from '../../../shared/api/views.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { useSession } from '../app/session-context.tsx'
import { formatMoney } from '../format/money.ts'
import { formatDateTime } from '../format/time.ts'
import { type Column } from '../ui/DataTable.tsx'
import { TabbedScreen } from '../ui/TabbedScreen.tsx'
import type { TabPanel } from '../ui/TabbedPanels.tsx'
import { MasterDetail } from '../ui/MasterDetail.tsx'
import { NewPurchaseOrder } from './NewPurchaseOrder.tsx'
import { PurchaseOrderDetail } from './PurchaseOrderDetail.tsx'
import { SuppliersPanel } from './SuppliersPanel.tsx'

const words = {
  title: 'Purchasing',
  subtitle: 'Order from suppliers; deliveries received by scanning restock at cost.',
}

const panels: TabPanel[] = [
  { value: 'orders', label: 'Purchase orders', content: <OrdersPanel /> },
  { value: 'suppliers', label: 'Suppliers', content: <SuppliersPanel /> },
]

/** Purchase orders and suppliers: order, send, receive deliveries by scanning. */
export function PurchasingScreen() {
  return <TabbedScreen {...words} panels={panels} />
}

function OrdersPanel() {
  const { currency } = useSession()
  const orders = useStoreQuery('purchasing.list', {})
  const [open, setOpen] = useState<string>()
  const [creating, setCreating] = useState(false)
  const columns: Column<PurchaseOrderView>[] = [
    { header: 'Supplier', cell: (p) => p.supplierName },
    { header: 'Created', cell: (p) => formatDateTime(p.createdAt) },
    { header: 'State', cell: (p) => p.state.replace('-', ' ') },
    { header: 'Total', numeric: true, cell: (p) => formatMoney(p.totalCostMinor, currency) },
  ]
  return (
    <Stack gap="sm">
      <Group justify="flex-end">
        <Button onClick={() => setCreating(true)} data-testid="po-new">
          New purchase order
        </Button>
      </Group>
      <MasterDetail
        table={{
          columns,
          source: orders,
          testId: 'po-table',
          rowTestId: 'po-row',
          empty: 'No purchase orders yet.',
        }}
        selected={open}
        onSelect={(p) => setOpen(p.id)}
        detail={open && <PurchaseOrderDetail poId={open} />}
        placeholder="Pick an order to send it or to receive a delivery."
      />
      {creating ? (
        <NewPurchaseOrder
          onCreated={(po) => {
            setCreating(false)
            setOpen(po.id)
          }}
          onClose={() => setCreating(false)}
        />
      ) : null}
    </Stack>
  )
}
