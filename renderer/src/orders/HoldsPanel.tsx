import { Button, Group, Stack, Text } from '@mantine/core'
import { useEffect, useState } from 'react'
import type { HoldView, SaleView } from '../../../shared/api/views.ts'
import { useStoreAction } from '../api/use-store-action.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { useSession } from '../app/session-context.tsx'
import { formatDateTime } from '../format/time.ts'
import { PaymentModal, type Payment } from '../pos/PaymentModal.tsx'
import { ReceiptModal } from '../pos/ReceiptModal.tsx'
import type { Column } from '../ui/DataTable.tsx'
import { DataTable } from '../ui/DataTable.tsx'
import { TitledCard } from '../ui/TitledCard.tsx'
import { HoldExpiryBadge } from './HoldExpiryBadge.tsx'
import { NewHoldForm } from './NewHoldForm.tsx'
import { orderChanges } from './order-changes.ts'

/** New holds, the open holds, and selling or releasing one. */
export function HoldsPanel() {
  const { session, currency } = useSession()
  const holds = useStoreQuery('reservations.list', {}, { refreshOn: ['stock.changed'] })
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => setNow(Date.now()), [holds.data])
  const release = useStoreAction('reservations.release', { invalidates: orderChanges })
  // Selling a hold takes the payment like any sale, then shows its receipt. The attempt is the
  // hold: a retry after a lost answer, whatever the tender, never sells it twice.
  const fulfil = useStoreAction('reservations.fulfil', {
    invalidates: orderChanges,
    showError: 'inline',
    attemptOf: (input) => input.holdId,
  })
  const [selling, setSelling] = useState<HoldView>()
  const [sold, setSold] = useState<SaleView>()
  const pay = async (payment: Payment) => {
    if (!selling) return
    const sale = await fulfil.run({ holdId: selling.id, payment })
    if (!sale) return
    setSelling(undefined)
    setSold(sale)
  }
  const columns: Column<HoldView>[] = [
    { header: 'Customer', cell: (h) => <Text fw={500}>{h.customer}</Text> },
    { header: 'Product', cell: (h) => h.productName },
    { header: 'Qty', numeric: true, cell: (h) => h.qty },
    {
      header: 'Expires',
      cell: (h) => (
        <Group gap={6}>
          <Text size="sm">{formatDateTime(h.expiresAt)}</Text>
          <HoldExpiryBadge hold={h} now={now} />
        </Group>
      ),
    },
    {
      header: 'Store',
      cell: (h) => (h.replicaId === session.replicaId ? 'this till' : h.replicaId.slice(0, 8)),
    },
    {
      header: '',
      cell: (h) =>
        h.replicaId === session.replicaId && !h.orderId ? (
          <Group gap={6} justify="flex-end">
            <Button
              size="compact-xs"
              onClick={() => {
                fulfil.clearError()
                setSelling(h)
              }}
            >
              Sell
            </Button>
            <Button
              size="compact-xs"
              variant="default"
              loading={release.pending}
              onClick={() => void release.run({ holdId: h.id }, `Released ${h.qty} × ${h.productName}`)}
            >
              Release
            </Button>
          </Group>
        ) : null,
    },
  ]

  return (
    <Stack>
      <PaymentModal
        opened={selling !== undefined}
        initialMethod="cash"
        totalMinor={selling?.totalMinor ?? 0}
        currency={currency}
        busy={fulfil.pending}
        {...(fulfil.error ? { error: fulfil.error } : {})}
        onPay={(payment) => void pay(payment)}
        onClose={() => setSelling(undefined)}
      />
      <ReceiptModal sale={sold} currency={currency} onClose={() => setSold(undefined)} />
      <NewHoldForm />
      <TitledCard title="Open holds">
        <DataTable columns={columns} source={holds} testId="holds-table" empty="No open holds." />
        <Text size="xs" c="dimmed" mt="sm">
          Expired holds go back to stock automatically (within half a minute); each release shows in the
          product's movements as “hold released (expired)”.
        </Text>
      </TitledCard>
    </Stack>
  )
}
