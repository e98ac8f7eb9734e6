import {
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import type { TillRulesView } from '../../../shared/api/views.ts'
import { useFormFilledFrom, useFormSave } from '../api/use-form-actions.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { useSession } from '../app/session-context.tsx'
import { minorToInput, parseMoney } from '../format/money.ts'
import { rules, wholeNumberOf } from '../ui/form-rules.ts'
import { FormWholeNumber } from '../ui/WholeNumberField.tsx'

const percentRule = { min: 0, max: 100, unit: '%' }
const minutesRule = { min: 0, max: 240, unit: 'minutes' }
const daysRule = { min: 0, max: 3650, unit: 'days' }

const valuesOf = (r: TillRulesView, currency: string) => ({
  requireShift: r.requireShift,
  blindClose: r.blindClose,
  overShort: minorToInput(r.overShortLimitMinor, currency),
  refundAbove: minorToInput(r.refundApprovalAboveMinor, currency),
  refundAfterDays: String(r.refundApprovalAfterDays),
  otherStoreRefund: r.otherStoreRefundNeedsApproval,
  idleLockMinutes: String(r.idleLockMinutes),
  defaultTender: r.defaultTender as string | null,
  cashierLimit: String(r.cashierDiscountLimitBp / 100),
  managerLimit: String(r.managerDiscountLimitBp / 100),
})

/** What cashiers may do alone at this till: shifts, drawer, refunds, discounts, locking. */
export function TillRulesPanel() {
  const { currency } = useSession()
  const current = useStoreQuery('rules.get', {})
  const form = useForm({
    mode: 'controlled',
    initialValues: valuesOf(
      {
        requireShift: false,
        blindClose: false,
        overShortLimitMinor: 0,
        refundApprovalAboveMinor: 0,
        refundApprovalAfterDays: 0,
        otherStoreRefundNeedsApproval: false,
        idleLockMinutes: 0,
        defaultTender: 'cash',
        cashierDiscountLimitBp: 0,
        managerDiscountLimitBp: 0,
      },
      currency,
    ),
    validate: {
      overShort: rules.money(currency),
      refundAbove: rules.money(currency),
      refundAfterDays: rules.wholeNumber(daysRule),
      idleLockMinutes: rules.wholeNumber(minutesRule),
      cashierLimit: rules.wholeNumber(percentRule),
      managerLimit: rules.wholeNumber(percentRule),
    },
    validateInputOnChange: true,
  })
  useFormFilledFrom(form, current.data, (r) => valuesOf(r, currency))
  const save = useFormSave('rules.update', form, ['rules.get'], 'Till rules saved')
  const submit = (v: typeof form.values) =>
    void save.run({
      requireShift: v.requireShift,
      blindClose: v.blindClose,
      overShortLimitMinor: parseMoney(v.overShort, currency) ?? 0,
      refundApprovalAboveMinor: parseMoney(v.refundAbove, currency) ?? 0,
      refundApprovalAfterDays: wholeNumberOf(v.refundAfterDays),
      otherStoreRefundNeedsApproval: v.otherStoreRefund,
      idleLockMinutes: wholeNumberOf(v.idleLockMinutes),
      defaultTender: v.defaultTender === 'card' ? 'card' : 'cash',
      cashierDiscountLimitBp: wholeNumberOf(v.cashierLimit) * 100,
      managerDiscountLimitBp: wholeNumberOf(v.managerLimit) * 100,
    })
  return (
    <Paper withBorder p="md" data-testid="till-rules">
      <form onSubmit={form.onSubmit(submit)}>
        <Stack gap="sm">
          <Title order={2} size="h4">
            Till rules
          </Title>
          <Text size="sm" c="dimmed">
            What a cashier may do alone at this till; beyond it a manager approves with their PIN.
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <FormWholeNumber
              form={form}
              name="cashierLimit"
              label="Cashier discount limit (%)"
              rule={percentRule}
              testId="rule-cashier-limit"
            />
            <FormWholeNumber
              form={form}
              name="managerLimit"
              label="Manager discount limit (%)"
              rule={percentRule}
            />
            <TextInput
              label="Refunds above this need a PIN (0: never)"
              inputMode="decimal"
              {...form.getInputProps('refundAbove')}
            />
            <FormWholeNumber
              form={form}
              name="refundAfterDays"
              label="Refunds of sales older than (days, 0: never)"
              rule={daysRule}
            />
            <TextInput
              label="Drawer over/short limit"
              inputMode="decimal"
              {...form.getInputProps('overShort')}
            />
            <FormWholeNumber
              form={form}
              name="idleLockMinutes"
              label="Lock the till after idle minutes (0: never)"
              rule={minutesRule}
              testId="rule-idle-lock"
            />
            <Select
              label="Payment opens on"
              allowDeselect={false}
              data={[
                { value: 'cash', label: 'Cash' },
                { value: 'card', label: 'Card' },
              ]}
              {...form.getInputProps('defaultTender')}
            />
          </SimpleGrid>
          <Switch
            label="Selling needs an open shift"
            {...form.getInputProps('requireShift', { type: 'checkbox' })}
          />
          <Switch
            label="Blind close: the cashier counts without seeing the expected cash"
            {...form.getInputProps('blindClose', { type: 'checkbox' })}
          />
          <Switch
            label="Refunding another store's sale needs a PIN"
            {...form.getInputProps('otherStoreRefund', { type: 'checkbox' })}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={save.pending} data-testid="rules-save">
              Save till rules
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}
