import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { useState } from 'react'
import { CARD_ID_PATTERN, normaliseCardId } from '../../../shared/api/card-number.ts'
import type { ProductWithStock, RefundView } from '../../../shared/api/views.ts'
import { isApiError } from '../api/describe-error.ts'
import { useStoreAction } from '../api/use-store-action.ts'
import { useSession } from '../app/session-context.tsx'
import { formatMoney } from '../format/money.ts'
import { ApprovalModal, type Approval } from '../ui/ApprovalModal.tsx'
import { rules } from '../ui/form-rules.ts'
import { ModalFooter } from '../ui/ModalFooter.tsx'
import { PrintButtons } from '../ui/PrintButtons.tsx'
import { ProductQtyFields } from '../ui/ProductQtyFields.tsx'
import { useProductQty } from '../ui/use-product-qty.ts'

type PayBack = 'cash' | 'card' | 'credit'
const qtyRule = { min: 1, max: 1_000, unit: 'units' }

/**
 * Goods back without a receipt: which products, why, back on the shelf or not, and how the money
 * goes back (at today's catalog price). A manager does it alone; a cashier needs a manager's PIN.
 */
export function ReturnModal({ onClose }: { onClose: () => void }) {
  const { currency } = useSession()
  const pick = useProductQty(qtyRule)
  const [lines, setLines] = useState<{ product: ProductWithStock; qty: number }[]>([])
  const [asking, setAsking] = useState(false)
  const [done, setDone] = useState<RefundView>()
  const form = useForm({
    mode: 'controlled',
    initialValues: { reason: '', toStock: true, payBack: 'cash' as PayBack, card: '' },
    validate: {
      reason: rules.all(rules.required('why the goods came back'), rules.maxChars(200)),
      card: (v: string, values: { payBack: PayBack }) =>
        values.payBack !== 'credit' || v.trim() === '' || CARD_ID_PATTERN.test(normaliseCardId(v))
          ? null
          : 'A card number: 4 to 40 letters, digits and dashes',
    },
    validateInputOnChange: true,
  })
  const giveBack = useStoreAction('sales.return', {
    showError: 'inline',
    invalidates: ['sales.list'],
    success: (r) => `Return recorded: ${formatMoney(r.totalMinor, currency)} back`,
  })
  const add = () => {
    const { product, qty } = pick
    if (!product || qty === undefined) return
    setLines((prev) => [...prev.filter((l) => l.product.id !== product.id), { product, qty }])
    pick.clear()
  }
  const submit = async (v: typeof form.values, approval?: Approval) => {
    const card = normaliseCardId(v.card)
    const result = await giveBack.tryRun({
      lines: lines.map((l) => ({ productId: l.product.id, qty: l.qty })),
      toStock: v.toStock,
      reason: v.reason.trim(),
      ...(v.payBack === 'credit' ? { storeCredit: card ? { cardId: card } : {} } : { method: v.payBack }),
      ...(approval && { approval }),
    })
    setAsking(!result.ok && isApiError(result.error, 'APPROVAL_REQUIRED'))
    if (result.ok) setDone(result.output)
  }
  return (
    <Modal opened onClose={onClose} title="Return without a receipt" size="lg" centered>
      {done ? (
        <Stack gap="sm" data-testid="return-done">
          <Text>
            Return {done.receiptNo} recorded: {formatMoney(done.totalMinor, currency)}
            {done.storeCreditCardId ? ` as store credit on card ${done.storeCreditCardId}` : ' to give back'}.
          </Text>
          <Group justify="flex-end">
            <PrintButtons refundId={done.id} />
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={form.onSubmit((v) => void submit(v))}>
          <Stack gap="sm">
            <Group align="flex-end">
              <ProductQtyFields pick={pick} testId="return-product" />
              <Button
                variant="light"
                onClick={add}
                disabled={!pick.product || pick.qty === undefined}
                data-testid="return-add"
              >
                Add
              </Button>
            </Group>
            {lines.length > 0 ? (
              <Table>
                <Table.Tbody>
                  {lines.map((l) => (
                    <Table.Tr key={l.product.id} data-testid="return-line">
                      <Table.Td>{l.product.name}</Table.Td>
                      <Table.Td ta="right">{l.qty}</Table.Td>
                      <Table.Td w={40}>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`Remove ${l.product.name}`}
                          onClick={() => setLines((prev) => prev.filter((x) => x !== l))}
                        >
                          ✕
                        </ActionIcon>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : null}
            <TextInput label="Reason" {...form.getInputProps('reason')} data-testid="return-reason" />
            <Checkbox
              label="Back on the shelf (uncheck for damaged goods)"
              {...form.getInputProps('toStock', { type: 'checkbox' })}
            />
            <Group align="flex-start">
              <Select
                label="Pay back"
                allowDeselect={false}
                data={[
                  { value: 'cash', label: 'Cash' },
                  { value: 'card', label: 'Card' },
                  { value: 'credit', label: 'Store credit' },
                ]}
                {...form.getInputProps('payBack')}
                w={200}
              />
              {form.values.payBack === 'credit' ? (
                <TextInput label="Card number (empty: a new one)" {...form.getInputProps('card')} />
              ) : null}
            </Group>
            {giveBack.error && !asking ? <Alert color="red">{giveBack.error}</Alert> : null}
            <ModalFooter
              onCancel={onClose}
              submit
              confirmLabel="Record the return"
              pending={giveBack.pending}
              disabled={lines.length === 0}
              testId="return-confirm"
            />
          </Stack>
        </form>
      )}
      <ApprovalModal
        opened={asking}
        reason="A return without a receipt needs a manager's PIN."
        pending={giveBack.pending}
        onApprove={(approval) => void submit(form.values, approval)}
        onClose={() => setAsking(false)}
      />
    </Modal>
  )
}
