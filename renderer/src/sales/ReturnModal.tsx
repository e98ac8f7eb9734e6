import { Alert, Button, Checkbox, Group, Modal, Stack, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useState } from 'react'
import { creditCardRule, payBackInput, PayBackFields, type PayBack } from './pay-back.tsx'
import type { RefundView } from '../../../shared/api/views.ts'
import { useStoreAction } from '../api/use-store-action.ts'
import { useSession } from '../app/session-context.tsx'
import { formatMoney } from '../format/money.ts'
import type { Approval } from '../ui/ApprovalModal.tsx'
import { useApproval } from '../ui/use-approval.tsx'
import { rules } from '../ui/form-rules.ts'
import { ModalFooter } from '../ui/ModalFooter.tsx'
import { PrintButtons } from '../ui/PrintButtons.tsx'
import { ProductLinesPicker, type ProductLine } from '../ui/ProductLinesPicker.tsx'

const qtyRule = { min: 1, max: 1_000, unit: 'units' }

/**
 * Goods back without a receipt: which products, why, back on the shelf or not, and how the money
 * goes back (at today's catalog price). A manager does it alone; a cashier needs a manager's PIN.
 */
export function ReturnModal({ onClose }: { onClose: () => void }) {
  const { currency } = useSession()
  const [lines, setLines] = useState<ProductLine[]>([])
  const [done, setDone] = useState<RefundView>()
  const form = useForm({
    mode: 'controlled',
    initialValues: { reason: '', toStock: true, payBack: 'cash' as PayBack, creditCard: '' },
    validate: {
      reason: rules.all(rules.required('why the goods came back'), rules.maxChars(200)),
      creditCard: creditCardRule,
    },
    validateInputOnChange: true,
  })
  const giveBack = useStoreAction('sales.return', {
    showError: 'inline',
    invalidates: ['sales.list'],
    success: (r) => `Return recorded: ${formatMoney(r.totalMinor, currency)} back`,
  })
  const attempt = async (v: typeof form.values, approval?: Approval) => {
    const result = await giveBack.tryRun({
      lines: lines.map((l) => ({ productId: l.product.id, qty: l.qty })),
      toStock: v.toStock,
      reason: v.reason.trim(),
      method: 'cash',
      ...payBackInput(v),
      ...(approval && { approval }),
    })
    if (result.ok) setDone(result.output)
    return result
  }
  const approval = useApproval({
    attempt: (given) => attempt(form.values, given),
    reason: "A return without a receipt needs a manager's PIN.",
    pending: giveBack.pending,
  })
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
        <form onSubmit={form.onSubmit(() => void approval.run())}>
          <Stack gap="sm">
            <ProductLinesPicker
              lines={lines}
              onChange={setLines}
              rule={qtyRule}
              testIds={{ product: 'return-product', add: 'return-add', line: 'return-line' }}
            />
            <TextInput label="Reason" {...form.getInputProps('reason')} data-testid="return-reason" />
            <Checkbox
              label="Back on the shelf (uncheck for damaged goods)"
              {...form.getInputProps('toStock', { type: 'checkbox' })}
            />
            <PayBackFields form={form} choices={['cash', 'card', 'credit']} />
            {giveBack.error && !approval.asking ? <Alert color="red">{giveBack.error}</Alert> : null}
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
      {approval.modal}
    </Modal>
  )
}
