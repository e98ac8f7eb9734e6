import { Alert, Group, Loader, Paper, Stack, Text } from '@mantine/core'
import { useStoreQuery } from '../api/use-store-query.ts'
import { useSession } from '../app/session-context.tsx'
import { formatMoney } from '../format/money.ts'
import { formatDateTime } from '../format/time.ts'
import { ReceiptView } from '../pos/ReceiptView.tsx'
import { TabbedPanels } from '../ui/TabbedPanels.tsx'
import { PrintButtons } from '../ui/PrintButtons.tsx'
import { RefundForm } from './RefundForm.tsx'

/** One sale: its receipt (printable) and the refund form. */
export function SaleDetail({ saleId, onRefunded }: { saleId: string; onRefunded: () => void }) {
  const { currency } = useSession()
  // A refund invalidates `sales.get`, so the receipt shows it at once.
  const { data: sale, error } = useStoreQuery('sales.get', { saleId })

  if (error) return <Alert color="red">{error}</Alert>
  if (!sale || sale.id !== saleId) return <Loader size="sm" />
  return (
    <Paper withBorder p="lg">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <div>
            <Text fw={700} size="lg" className="num">
              {formatMoney(sale.totalMinor, currency)}
            </Text>
            <Text size="sm" c="dimmed">
              {formatDateTime(sale.at)} · {sale.storeName} · {sale.byName}
            </Text>
          </div>
          <Group gap="xs">
            <PrintButtons saleId={sale.id} copy />
          </Group>
        </Group>
        <TabbedPanels
          defaultValue="receipt"
          panels={[
            { value: 'receipt', label: 'Receipt', content: <ReceiptView saleId={sale.id} /> },
            { value: 'refund', label: 'Refund', content: <RefundForm sale={sale} onDone={onRefunded} /> },
          ]}
        />
      </Stack>
    </Paper>
  )
}
