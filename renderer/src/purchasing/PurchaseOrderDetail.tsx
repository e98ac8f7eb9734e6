import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core'
import { useApi } from '../api/api-context.tsx'
import { useStoreAction } from '../api/use-store-action.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { useSession } from '../app/session-context.tsx'
import { downloadBase64, downloadText } from '../format/csv.ts'
import { formatMoney } from '../format/money.ts'
import { TitledCard } from '../ui/TitledCard.tsx'
import { ReceiveDelivery } from './ReceiveDelivery.tsx'

const changes = ['purchasing.get', 'purchasing.list'] as const

/** One purchase order: its lines and totals; send or cancel a draft, receive a sent one, CSV and PDF. */
export function PurchaseOrderDetail({ poId }: { poId: string }) {
  const api = useApi()
  const { currency } = useSession()
  const po = useStoreQuery('purchasing.get', { poId })
  const send = useStoreAction('purchasing.send', { invalidates: changes, success: 'Order sent' })
  const cancel = useStoreAction('purchasing.cancel', { invalidates: changes, success: 'Order cancelled' })
  const p = po.data
  if (po.error) return <Alert color="red">{po.error}</Alert>
  if (!p) return null
  const exportCsv = async () =>
    downloadText(`allot-po-${p.id.slice(0, 8)}.csv`, (await api['purchasing.exportCsv']({ poId })).csv)
  // a PDF to send to the supplier, or to print
  const exportPdf = async () => {
    const pdf = await api['purchasing.exportPdf']({ poId })
    downloadBase64(pdf.fileName, pdf.pdfBase64, 'application/pdf')
  }
  const receiving = p.state === 'sent' || p.state === 'partially-received'
  return (
    <TitledCard
      title={`${p.supplierName} · ${formatMoney(p.totalCostMinor, currency)}`}
      actions={
        <Badge variant="light" data-testid="po-state">
          {p.state.replace('-', ' ')}
        </Badge>
      }
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {p.storeName} · {p.createdByName} · {p.lines.length} lines
          {p.overDelivered ? ' · more delivered than ordered' : ''}
        </Text>
        <Group gap="xs">
          {p.state === 'draft' ? (
            <Button loading={send.pending} onClick={() => void send.run({ poId })} data-testid="po-send">
              Send to the supplier
            </Button>
          ) : null}
          {p.state === 'draft' || p.state === 'sent' ? (
            <Button
              variant="subtle"
              color="red"
              loading={cancel.pending}
              onClick={() => void cancel.run({ poId })}
            >
              Cancel order
            </Button>
          ) : null}
          <Button variant="default" onClick={() => void exportCsv()} data-testid="po-csv">
            Export CSV
          </Button>
          <Button variant="default" onClick={() => void exportPdf()} data-testid="po-pdf">
            Export PDF
          </Button>
        </Group>
        {receiving ? <ReceiveDelivery po={p} /> : null}
      </Stack>
    </TitledCard>
  )
}
