import { Group, Paper, SegmentedControl, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useStoreAction } from '../api/use-store-action.ts'
import { useSession } from '../app/session-context.tsx'
import { parseMoney } from '../format/money.ts'
import { rules } from '../ui/form-rules.ts'
import { MoneyField } from '../ui/MoneyField.tsx'
import { InlineSubmit } from '../ui/InlineSubmit.tsx'

type Kind = 'pay-in' | 'pay-out' | 'no-sale'

/** Pay-ins, pay-outs and opening the drawer without a sale, each with a reason. */
export function CashMoves() {
  const { currency } = useSession()
  const form = useForm({
    mode: 'controlled',
    initialValues: { kind: 'pay-out' as Kind, amount: '', reason: '' },
    validate: {
      amount: (value, values) =>
        values.kind === 'no-sale' ? null : rules.money(currency, { positive: true })(value),
      reason: rules.all(rules.required('why the drawer opens'), rules.maxChars(64)),
    },
    validateInputOnChange: true,
  })
  const move = useStoreAction('shifts.moveCash', {
    invalidates: ['shifts.current'],
    setFieldErrors: form.setErrors,
    success: (_, input) =>
      input.kind === 'no-sale'
        ? 'Drawer opened (no sale) recorded'
        : `${input.kind === 'pay-in' ? 'Pay-in' : 'Pay-out'} recorded`,
  })
  const { kind } = form.values
  const value = kind === 'no-sale' ? 0 : parseMoney(form.values.amount, currency)
  const ready = value !== undefined && (kind === 'no-sale' || value > 0) && form.values.reason.trim() !== ''
  const submit = async () => {
    if (!ready) return
    const done = await move.run({ kind, amountMinor: value ?? 0, reason: form.values.reason.trim() })
    if (done) form.setValues({ amount: '', reason: '' })
  }
  return (
    <Paper withBorder p="lg">
      <Text fw={700} mb="sm">
        Cash in and out
      </Text>
      <form onSubmit={form.onSubmit(() => void submit())}>
        <Group align="flex-start">
          <SegmentedControl
            mt={25}
            {...form.getInputProps('kind')}
            data={[
              { value: 'pay-out', label: 'Pay-out' },
              { value: 'pay-in', label: 'Pay-in' },
              { value: 'no-sale', label: 'No sale' },
            ]}
            aria-label="What happens to the drawer"
          />
          {kind !== 'no-sale' ? (
            <MoneyField label="Amount" {...form.getInputProps('amount')} testId="cash-amount" />
          ) : null}
          <TextInput label="Reason" {...form.getInputProps('reason')} data-testid="cash-reason" />
          <InlineSubmit pending={move.pending} disabled={!ready} testId="cash-record">
            Record
          </InlineSubmit>
        </Group>
      </form>
    </Paper>
  )
}
