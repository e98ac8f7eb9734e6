import { Alert, Button, Checkbox, Group, NumberInput, Stack, Table, Text, TextInput } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useRef, useState } from 'react'
import type { SaleView } from '../../../shared/api/views.ts'
import { useApi } from '../api/api-context.tsx'
import { describeError } from '../api/describe-error.ts'
import { useSession } from '../app/session-context.tsx'
import { formatMoney } from '../format/money.ts'

/** Returns some or all items of a sale; items go back to stock unless they are damaged. */
export function RefundForm({ sale, onDone }: { sale: SaleView; onDone: () => void }) {
  const api = useApi()
  const { currency } = useSession()
  const [qty, setQty] = useState<Record<string, number>>({})
  const [toStock, setToStock] = useState(true)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  // Same idea as checkout: one key per refund, reused if the same refund is retried after an error.
  const attempt = useRef<{ signature: string; key: string } | undefined>(undefined)

  const refundable = sale.lines.map((l) => ({ ...l, left: l.qty - (sale.refundedQty[l.productId] ?? 0) }))
  const chosen = refundable.filter((l) => (qty[l.productId] ?? 0) > 0)
  const amount = chosen.reduce(
    (sum, l) => sum + Math.round((l.totalMinor * (qty[l.productId] ?? 0)) / l.qty),
    0,
  )

  async function submit() {
    const lines = chosen.map((l) => ({ productId: l.productId, qty: qty[l.productId] ?? 0 }))
    const signature = JSON.stringify([sale.id, lines, toStock])
    if (attempt.current?.signature !== signature) attempt.current = { signature, key: crypto.randomUUID() }
    setBusy(true)
    setError(undefined)
    try {
      const refund = await api['sales.refund']({
        idempotencyKey: attempt.current.key,
        saleId: sale.id,
        lines,
        toStock,
        reason: reason.trim() || 'customer return',
      })
      attempt.current = undefined
      setQty({})
      setReason('')
      notifications.show({
        color: 'teal',
        title: 'Refund recorded',
        message: `Give back ${formatMoney(refund.totalMinor, currency)}.`,
      })
      onDone()
    } catch (e) {
      setError(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Stack gap="sm">
      <Table verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Item</Table.Th>
            <Table.Th ta="right">Sold</Table.Th>
            <Table.Th ta="right">Refunded</Table.Th>
            <Table.Th w={110}>Return</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {refundable.map((l) => (
            <Table.Tr key={l.productId}>
              <Table.Td>
                <Text size="sm">{l.name}</Text>
                <Text size="xs" c="dimmed">
                  {formatMoney(l.unitPriceMinor, currency)} each
                </Text>
              </Table.Td>
              <Table.Td ta="right" className="num">
                {l.qty}
              </Table.Td>
              <Table.Td ta="right" className="num">
                {sale.refundedQty[l.productId] ?? 0}
              </Table.Td>
              <Table.Td>
                <NumberInput
                  aria-label={`Return ${l.name}`}
                  size="xs"
                  min={0}
                  max={l.left}
                  disabled={l.left <= 0}
                  allowDecimal={false}
                  allowNegative={false}
                  value={qty[l.productId] ?? 0}
                  onChange={(v) => setQty((q) => ({ ...q, [l.productId]: Math.min(l.left, Number(v) || 0) }))}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <TextInput
        label="Reason"
        placeholder="customer return"
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
      />
      <Checkbox
        label="Put the items back on the shelf (uncheck for damaged goods)"
        checked={toStock}
        onChange={(e) => setToStock(e.currentTarget.checked)}
      />
      {error ? (
        <Alert color="red" variant="light">
          {error}
        </Alert>
      ) : null}
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          About {formatMoney(amount, currency)} to give back
        </Text>
        <Button color="orange" disabled={chosen.length === 0} loading={busy} onClick={() => void submit()}>
          Refund
        </Button>
      </Group>
    </Stack>
  )
}
