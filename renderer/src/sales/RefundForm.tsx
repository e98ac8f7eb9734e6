import { Alert, Button, Checkbox, Group, Stack, Table, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import { creditCardRule, payBackInput, PayBackFields, type PayBack } from './pay-back.tsx'
import type { Approval } from '../ui/ApprovalModal.tsx'
import { useApproval } from '../ui/use-approval.tsx'
import { useForm } from '@mantine/form'
import type { RefundView, SaleView } from '../../../shared/api/views.ts'
import { PrintButtons } from '../ui/PrintButtons.tsx'
import { useStoreAction } from '../api/use-store-action.ts'
import { useSession } from '../app/session-context.tsx'
import { formatMoney } from '../format/money.ts'
import { rules, wholeNumberOf } from '../ui/form-rules.ts'
import { WholeNumberField } from '../ui/WholeNumberField.tsx'

/**
 * Returns some or all items of a sale; items go back to stock unless they are damaged. The money
 * goes back as paid, in cash, to a card, or as store credit on a card number.
 */
export function RefundForm({ sale, onDone }: { sale: SaleView; onDone: () => void }) {
  const { currency } = useSession()
  const refundable = sale.lines.map((l) => ({ ...l, left: l.qty - (sale.refundedQty[l.productId] ?? 0) }))
  const ruleOf = (left: number) => ({ min: 0, max: left, unit: left === 1 ? 'unit' : 'units' })
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      qty: Object.fromEntries(refundable.map((l) => [l.productId, '0'])) as Record<string, string>,
      reason: '',
      toStock: true,
      payBack: 'as-paid' as PayBack,
      creditCard: '',
    },
    validate: {
      qty: Object.fromEntries(refundable.map((l) => [l.productId, rules.wholeNumber(ruleOf(l.left))])),
      reason: rules.maxChars(200),
      creditCard: creditCardRule,
    },
    validateInputOnChange: true,
  })
  // Same idea as checkout: one key per refund, reused if the same refund is retried after an error.
  const refund = useStoreAction('sales.refund', {
    showError: 'inline',
    invalidates: ['sales.get', 'sales.list', 'sales.receipt'],
    attemptOf: (input) => [input.saleId, input.lines, input.toStock, input.method, input.storeCredit],
    success: (r) =>
      r.storeCreditCardId
        ? `Refund recorded: ${formatMoney(r.totalMinor, currency)} of store credit on card ${r.storeCreditCardId}.`
        : `Refund recorded. Give back ${formatMoney(r.totalMinor, currency)}.`,
  })
  const [done, setDone] = useState<RefundView>()
  const qtyOf = (productId: string) => {
    const text = form.values.qty[productId] ?? ''
    return /^\s*\d+\s*$/.test(text) ? wholeNumberOf(text) : 0
  }
  const chosen = refundable.filter((l) => qtyOf(l.productId) > 0)
  const amount = chosen.reduce((sum, l) => sum + Math.round((l.totalMinor * qtyOf(l.productId)) / l.qty), 0)

  async function attempt(values: typeof form.values, approval?: Approval) {
    const lines = chosen.map((l) => ({ productId: l.productId, qty: qtyOf(l.productId) }))
    const result = await refund.tryRun({
      saleId: sale.id,
      lines,
      toStock: values.toStock,
      reason: values.reason.trim() || 'customer return',
      ...payBackInput(values),
      ...(approval && { approval }),
    })
    if (result.ok) {
      setDone(result.output)
      form.reset()
      onDone()
    }
    return result
  }
  // The till's refund rules may need a manager's PIN (another store's sale, an old one, a large one).
  const approval = useApproval({
    attempt: (given) => attempt(form.values, given),
    reason: refund.error ?? "This refund needs a manager's PIN",
    pending: refund.pending,
  })

  return (
    <>
      <form onSubmit={form.onSubmit(() => void approval.run())}>
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
                    <WholeNumberField
                      label=""
                      aria-label={`Return ${l.name}`}
                      size="xs"
                      w={100}
                      rule={ruleOf(l.left)}
                      disabled={l.left <= 0}
                      {...form.getInputProps(`qty.${l.productId}`)}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <TextInput label="Reason" placeholder="customer return" {...form.getInputProps('reason')} />
          <Checkbox
            label="Put the items back on the shelf (uncheck for damaged goods)"
            {...form.getInputProps('toStock', { type: 'checkbox' })}
          />
          <PayBackFields form={form} choices={['as-paid', 'cash', 'card', 'credit']} />
          {done ? (
            <Group justify="space-between" data-testid="refund-done">
              <Text size="sm">Refund {done.receiptNo ?? ''} recorded.</Text>
              <Group gap="xs">
                <PrintButtons saleId={sale.id} refundId={done.id} />
              </Group>
            </Group>
          ) : null}
          {refund.error && !approval.asking ? (
            <Alert color="red" variant="light">
              {refund.error}
            </Alert>
          ) : null}
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              About {formatMoney(amount, currency)} to give back
            </Text>
            <Button type="submit" color="orange" disabled={chosen.length === 0} loading={refund.pending}>
              Refund
            </Button>
          </Group>
        </Stack>
      </form>
      {approval.modal}
    </>
  )
}
