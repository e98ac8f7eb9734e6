import { Group, Paper, Text } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useStoreAction } from '../api/use-store-action.ts'
import { useSession } from '../app/session-context.tsx'
import { parseMoney } from '../format/money.ts'
import { useCoinCount } from './use-coin-count.tsx'
import { rules } from '../ui/form-rules.ts'
import { MoneyField } from '../ui/MoneyField.tsx'
import { InlineSubmit } from '../ui/InlineSubmit.tsx'

/** No shift yet: count the float into the drawer and open one. */
export function OpenShift({ onOpened }: { onOpened: () => void }) {
  const { currency } = useSession()
  const form = useForm({
    mode: 'controlled',
    initialValues: { float: '' },
    validate: { float: rules.money(currency) },
    validateInputOnChange: true,
  })
  const open = useStoreAction('shifts.open', {
    invalidates: ['shifts.current'],
    success: 'Shift opened',
    setFieldErrors: form.setErrors,
  })
  const amount = parseMoney(form.values.float, currency)
  // a count by coin and note goes with the amount while the amount is the count's total
  const coins = useCoinCount(currency, amount, (text) => form.setFieldValue('float', text))
  const counted = coins.counted
  const submit = async () => {
    if (amount === undefined) return
    if (await open.run({ floatMinor: amount, ...counted })) onOpened()
  }
  return (
    <Paper withBorder p="lg">
      <Text fw={700} mb="sm">
        No shift is open on this till
      </Text>
      <form onSubmit={form.onSubmit(() => void submit())}>
        <Group align="flex-start">
          <MoneyField label="Float in the drawer" {...form.getInputProps('float')} testId="shift-float" />
          {coins.button}
          <InlineSubmit pending={open.pending} disabled={amount === undefined} testId="shift-open">
            Open shift
          </InlineSubmit>
        </Group>
      </form>
      {coins.modal}
    </Paper>
  )
}
