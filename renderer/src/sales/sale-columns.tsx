import { Badge, Group, Stack, Text } from '@mantine/core'
import type { SaleSummary } from '../../../shared/api/views.ts'
import { formatMoney } from '../format/money.ts'
import type { Column } from '../ui/DataTable.tsx'

const tenderWords: Record<SaleSummary['tenders'][number], string> = {
  cash: 'cash',
  card: 'card',
  other: 'other',
  'gift-card': 'gift card',
}

/**
 * A sale as the lists show it: its receipt number and local time, store (this till marked), cashier
 * and customer, tenders, total, and whether it was refunded.
 */
export function saleColumns(currency: string, thisReplicaId: string): Column<SaleSummary>[] {
  return [
    {
      header: 'Receipt',
      cell: (s) => (
        <Stack gap={0}>
          <Text size="sm" ff="monospace">
            {s.receiptNo}
          </Text>
          <Text size="xs" c="dimmed">
            {s.localTime}
          </Text>
        </Stack>
      ),
    },
    {
      header: 'Store · cashier',
      cell: (s) => (
        <Stack gap={0}>
          <Group gap={6} wrap="nowrap">
            <Text size="sm">{s.storeName}</Text>
            {s.replicaId === thisReplicaId ? (
              <Badge size="xs" variant="light">
                this till
              </Badge>
            ) : null}
          </Group>
          <Text size="xs" c="dimmed">
            {s.cashierName}
            {s.customerName ? ` · ${s.customerName}` : ''}
          </Text>
        </Stack>
      ),
    },
    { header: 'Paid by', cell: (s) => s.tenders.map((t) => tenderWords[t]).join(' + ') },
    {
      header: 'Total',
      numeric: true,
      cell: (s) => (
        <Stack gap={0} align="flex-end">
          <Text span size="sm" fw={600}>
            {formatMoney(s.totalMinor, currency)}
          </Text>
          {s.refunded !== 'none' ? (
            <Badge size="xs" color="orange" variant="light" data-testid="sale-refunded">
              {s.refunded === 'all' ? 'refunded' : 'part refunded'}
            </Badge>
          ) : null}
        </Stack>
      ),
    },
  ]
}
