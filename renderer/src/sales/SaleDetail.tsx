import { Alert, Button, Group, Loader, Paper, Stack, Tabs, Text } from '@mantine/core'
import { useCallback, useEffect, useState } from 'react'
import type { SaleView } from '../../../shared/api/views.ts'
import { useApi } from '../api/api-context.tsx'
import { describeError } from '../api/describe-error.ts'
import { useSession } from '../app/session-context.tsx'
import { formatMoney } from '../format/money.ts'
import { formatDateTime } from '../format/time.ts'
import { ReceiptView } from '../pos/ReceiptView.tsx'
import { RefundForm } from './RefundForm.tsx'

/** One sale: its receipt (printable) and the refund form. */
export function SaleDetail({ saleId, onRefunded }: { saleId: string; onRefunded: () => void }) {
  const api = useApi()
  const { currency } = useSession()
  const [sale, setSale] = useState<SaleView>()
  const [error, setError] = useState<string>()

  const load = useCallback(() => {
    setError(undefined)
    api['sales.get']({ saleId }).then(setSale, (e: unknown) => setError(describeError(e)))
  }, [api, saleId])
  useEffect(() => {
    setSale(undefined)
    load()
  }, [load])

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
          <Button variant="default" size="xs" onClick={() => window.print()}>
            Print receipt
          </Button>
        </Group>
        <Tabs defaultValue="receipt">
          <Tabs.List>
            <Tabs.Tab value="receipt">Receipt</Tabs.Tab>
            <Tabs.Tab value="refund">Refund</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="receipt" pt="md">
            <ReceiptView saleId={sale.id} />
          </Tabs.Panel>
          <Tabs.Panel value="refund" pt="md">
            <RefundForm
              sale={sale}
              onDone={() => {
                load()
                onRefunded()
              }}
            />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </Paper>
  )
}
