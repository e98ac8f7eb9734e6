import { Paper, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import type { TillRulesView } from '../../../shared/api/views.ts'
import { useFormFilledFrom, useFormSave } from '../api/use-form-actions.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { useSession } from '../app/session-context.tsx'
import { minorToInput, parseMoney } from '../format/money.ts'
import { rules, wholeNumberOf } from '../ui/form-rules.ts'
import { FormWholeNumber } from '../ui/WholeNumberField.tsx'
import { FormText } from '../ui/FormText.tsx'
import { SaveFooter } from '../ui/SaveFooter.tsx'
import { FormSelect } from '../ui/FormSelect.tsx'

const percentRule = { min: 0, max: 100, unit: '%' }
const minutesRule = { min: 0, max: 240, unit: 'minutes' }
const daysRule = { min: 0, max: 3650, unit: 'days' }

const wholeFields = [
  {
    name: 'cashierLimit',
    label: 'Cashier discount limit (%)',
    rule: percentRule,
    testId: 'rule-cashier-limit',
  },
  { name: 'managerLimit', label: 'Manager discount limit (%)', rule: percentRule },
  { name: 'refundAfterDays', label: 'Refunds of sales older than (days, 0: never)', rule: daysRule },
  {
    name: 'idleLockMinutes',
    label: 'Lock the till after idle minutes (0: never)',
    rule: minutesRule,
    testId: 'rule-idle-lock',
  },
]
const tenders = [
  { value: 'cash', label: 'Cash' },
  { value: 'card', label: 'Card' },
]
const switches = [
  { name: 'requireShift', label: 'Selling needs an open shift' },
  { name: 'blindClose', label: 'Blind close: the cashier counts without seeing the expected cash' },
  { name: 'otherStoreRefund', label: "Refunding another store's sale needs a PIN" },
]

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
            {wholeFields.map((f) => (
              <FormWholeNumber key={f.name} form={form} {...f} />
            ))}
            <FormText
              form={form}
              name="refundAbove"
              label="Refunds above this need a PIN (0: never)"
              inputMode="decimal"
            />
            <FormText form={form} name="overShort" label="Drawer over/short limit" inputMode="decimal" />
            <FormSelect form={form} name="defaultTender" label="Payment opens on" options={tenders} />
          </SimpleGrid>
          {switches.map((sw) => (
            <Switch key={sw.name} label={sw.label} {...form.getInputProps(sw.name, { type: 'checkbox' })} />
          ))}
          <SaveFooter label="Save till rules" pending={save.pending} testId="rules-save" />
        </Stack>
      </form>
    </Paper>
  )
}
