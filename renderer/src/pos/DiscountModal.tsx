import { Autocomplete, Button, SegmentedControl, Text } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useEffect } from 'react'
import { formatMoney, minorToInput } from '../format/money.ts'
import { rules } from '../ui/form-rules.ts'
import type { GivenDiscount, PriceOverride } from './cart.ts'
import { FormModal } from '../ui/FormModal.tsx'
import { FormText } from '../ui/FormText.tsx'
import {
  discountFrom,
  discountReasons,
  discountValueProblem,
  type DiscountKind,
  type DiscountValues,
} from './discount-input.ts'

/**
 * A discount on one line (or a new price for it), or on the whole sale: percentage or amount, and
 * always a reason. What the store asks a manager to approve is asked when the cashier presses Pay.
 */
export function DiscountModal(props: {
  opened: boolean
  title: string
  /** What the discount applies to (the line's or the basket's price), for the amount's bound. */
  baseMinor: number
  currency: string
  /** A line may get a new price; the basket may not. */
  allowPrice: boolean
  current: { discount?: GivenDiscount | undefined; override?: PriceOverride | undefined }
  onApply: (change: { discount?: GivenDiscount; override?: PriceOverride }) => void
  onClose: () => void
}) {
  const form = useForm<DiscountValues>({
    mode: 'controlled',
    initialValues: { kind: 'percent', value: '', reason: '' },
    validate: {
      value: (value, values) => discountValueProblem({ ...values, value }, props.baseMinor, props.currency),
      reason: rules.all(rules.required('why'), rules.maxChars(200)),
    },
    validateInputOnChange: true,
  })
  const { setValues, resetDirty } = form
  const { opened, current } = props
  useEffect(() => {
    if (!opened) return
    const values: DiscountValues = current.override
      ? {
          kind: 'price',
          value: minorToInput(current.override.unitPriceMinor, props.currency),
          reason: current.override.reason,
        }
      : current.discount
        ? 'percentBp' in current.discount
          ? {
              kind: 'percent',
              value: String(current.discount.percentBp / 100),
              reason: current.discount.reason,
            }
          : {
              kind: 'amount',
              value: minorToInput(current.discount.amountMinor, props.currency),
              reason: current.discount.reason,
            }
        : { kind: 'percent', value: '', reason: '' }
    setValues(values)
    resetDirty(values)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- filled each time the dialog opens
  }, [opened])

  const kinds: { value: DiscountKind; label: string }[] = [
    { value: 'percent', label: '% off' },
    { value: 'amount', label: 'Amount off' },
    ...(props.allowPrice ? [{ value: 'price' as const, label: 'New price' }] : []),
  ]
  const given = Boolean(current.discount ?? current.override)
  const valueLabel = { percent: 'Percent off', price: 'New unit price', amount: 'Amount off' }[
    form.values.kind
  ]
  const dialog = { opened: props.opened, onClose: props.onClose }
  const apply = (v: DiscountValues) => props.onApply(discountFrom(v, props.currency))
  return (
    <FormModal
      {...dialog}
      form={form}
      submit={apply}
      text={{ title: props.title, confirm: 'Apply', testId: 'discount-apply' }}
    >
      <Text size="sm" c="dimmed">
        Price {formatMoney(props.baseMinor, props.currency)}. Beyond your limit a manager approves with their
        PIN when you press Pay.
      </Text>
      <SegmentedControl
        data={kinds}
        {...form.getInputProps('kind')}
        aria-label="Kind of discount"
        data-testid="discount-kind"
      />
      <FormText
        form={form}
        name="value"
        label={valueLabel}
        inputMode="decimal"
        autoFocus
        testId="discount-value"
      />
      <Autocomplete
        label="Reason"
        data={discountReasons}
        {...form.getInputProps('reason')}
        data-testid="discount-reason"
      />
      {given ? (
        <Button variant="subtle" color="red" onClick={() => props.onApply({})} data-testid="discount-clear">
          Remove the discount
        </Button>
      ) : null}
    </FormModal>
  )
}
