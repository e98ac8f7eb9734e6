import { Alert, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useState } from 'react'
import type { ShiftReportView } from '../../../shared/api/views.ts'
import { isApiError } from '../api/describe-error.ts'
import { useStoreAction } from '../api/use-store-action.ts'
import { useSession } from '../app/session-context.tsx'
import { parseMoney } from '../format/money.ts'
import { useCoinCount } from './use-coin-count.tsx'
import { rules } from '../ui/form-rules.ts'
import { MoneyField } from '../ui/MoneyField.tsx'

/** Count the drawer and close the shift; a large over/short asks a manager to approve. */
export function CloseShift({ onClosed }: { onClosed: (z: ShiftReportView) => void }) {
  const { currency } = useSession()
  const form = useForm({
    mode: 'controlled',
    initialValues: { counted: '', manager: '', pin: '' },
    validate: { counted: rules.money(currency) },
    validateInputOnChange: true,
  })
  const close = useStoreAction('shifts.close', { invalidates: ['shifts.current'], showError: 'inline' })
  const [approving, setApproving] = useState(false)
  const needsApproval = approving || isApiError(close.failure, 'APPROVAL_REQUIRED')
  const value = parseMoney(form.values.counted, currency)
  // a count by coin and note goes with the amount while the amount is the count's total
  const coins = useCoinCount(currency, value, (text) => form.setFieldValue('counted', text))
  const counted = coins.counted
  const submit = async () => {
    if (value === undefined) return
    const { manager, pin } = form.values
    const z = await close.run({
      countedMinor: value,
      ...counted,
      ...(needsApproval ? { approval: { username: manager.trim(), pin } } : {}),
    })
    if (z) onClosed(z)
    else setApproving(needsApproval)
  }
  return (
    <Paper withBorder p="lg">
      <Text fw={700} mb="sm">
        Count the drawer and close
      </Text>
      <form onSubmit={form.onSubmit(() => void submit())}>
        <Stack>
          <Group align="flex-start">
            <MoneyField label="Cash counted" {...form.getInputProps('counted')} testId="shift-counted" />
            {coins.button}
            {needsApproval ? (
              <>
                <TextInput label="Manager" {...form.getInputProps('manager')} data-testid="approval-user" />
                <TextInput
                  label="Manager PIN"
                  type="password"
                  inputMode="numeric"
                  {...form.getInputProps('pin')}
                  data-testid="approval-pin"
                />
              </>
            ) : null}
            <Button
              type="submit"
              mt={25}
              loading={close.pending}
              disabled={value === undefined}
              color="red.8"
              data-testid="shift-close"
            >
              Close shift
            </Button>
          </Group>
          {close.error && isApiError(close.failure, 'APPROVAL_REQUIRED') ? (
            <Alert color="orange" data-testid="approval-needed">
              {close.error}
            </Alert>
          ) : close.error ? (
            <Alert color="red">{close.error}</Alert>
          ) : null}
        </Stack>
      </form>
      {coins.modal}
    </Paper>
  )
}
