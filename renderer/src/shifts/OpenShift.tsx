import { Button, Group, Paper, Text } from '@mantine/core'
import { useState } from 'react'
import { useForm } from '@mantine/form'
import { useStoreAction } from '../api/use-store-action.ts'
import { useSession } from '../app/session-context.tsx'
import { minorToInput, parseMoney } from '../format/money.ts'
import { CoinCountModal } from './CoinCountModal.tsx'
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
  const [counting, setCounting] = useState(false)
  const [count, setCount] = useState<{ totalMinor: number; counts: Record<string, number> }>()
  const counted = count && count.totalMinor === amount ? { denominations: count.counts } : {}
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
          <Button variant="subtle" mt={25} onClick={() => setCounting(true)} data-testid="coins-open">
            Count coins and notes
          </Button>
          <InlineSubmit pending={open.pending} disabled={amount === undefined} testId="shift-open">
            Open shift
          </InlineSubmit>
        </Group>
      </form>
      <CoinCountModal
        opened={counting}
        currency={currency}
        onDone={(totalMinor, counts) => {
          setCount({ totalMinor, counts })
          form.setFieldValue('float', minorToInput(totalMinor, currency))
          setCounting(false)
        }}
        onClose={() => setCounting(false)}
      />
    </Paper>
  )
}
