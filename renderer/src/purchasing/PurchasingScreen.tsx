import { Button, Grid, Group, Paper, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import type { PurchaseOrderView } from '../../../shared/api/views.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { useSession } from '../app/session-context.tsx'
import { formatMoney } from '../format/money.ts'
import { formatDateTime } from '../format/time.ts'
import { DataTable, type Column } from '../ui/DataTable.tsx'
import { TabbedScreen } from '../ui/TabbedScreen.tsx'
import { NewPurchaseOrder } from './NewPurchaseOrder.tsx'
import { PurchaseOrderDetail } from './PurchaseOrderDetail.tsx'
import { SuppliersPanel } from './SuppliersPanel.tsx'

/** Purchase orders and suppliers: order, send, receive deliveries by scanning. */
export function PurchasingScreen() {
  return (
    <TabbedScreen
      title="Purchasing"
      subtitle="Order from suppliers and receive deliveries by scanning; receipts restock at cost."
      panels={[
        { value: 'orders', label: 'Purchase orders', content: <OrdersPanel /> },
        { value: 'suppliers', label: 'Suppliers', content: <SuppliersPanel /> },
      ]}
    />
  )
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
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Paper withBorder>
            <DataTable
              columns={columns}
              source={orders}
              testId="po-table"
              rowTestId="po-row"
              onRowActivate={(p) => setOpen(p.id)}
              selectedKey={open}
              empty="No purchase orders yet."
            />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          {open ? (
            <PurchaseOrderDetail poId={open} />
          ) : (
            <Paper withBorder p="xl">
              <Text c="dimmed" ta="center">
                Pick an order to send it or to receive a delivery.
              </Text>
            </Paper>
          )}
        </Grid.Col>
      </Grid>
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
