import { Group, Select } from '@mantine/core'
import { CARD_ID_PATTERN, normaliseCardId } from '../../../shared/api/card-number.ts'
import { FormText } from '../ui/FormText.tsx'

/** How money goes back: as the sale was paid, in cash, to a card, or as store credit. */
export type PayBack = 'as-paid' | 'cash' | 'card' | 'credit'

const payBackLabels: Record<PayBack, string> = {
  'as-paid': 'As it was paid',
  cash: 'Cash',
  card: 'Card',
  credit: 'Store credit',
}

/** The store-credit card number's check: empty (a new card) or a card number. */
export const creditCardRule = (v: string, values: { payBack: PayBack }) =>
  values.payBack !== 'credit' || v.trim() === '' || CARD_ID_PATTERN.test(normaliseCardId(v))
    ? null
    : 'A card number: 4 to 40 letters, digits and dashes'

/** The refund input's money-back fields, from what was chosen. */
export function payBackInput(values: { payBack: PayBack; creditCard: string }) {
  const card = normaliseCardId(values.creditCard)
  if (values.payBack === 'credit') return { storeCredit: card ? { cardId: card } : {} }
  return values.payBack === 'as-paid' ? {} : { method: values.payBack }
}

/** The pay-back choice, and the store credit's card number when that is chosen. */
export function PayBackFields(props: {
  form: { getInputProps: (path: string) => object; values: { payBack: PayBack } }
  choices: readonly PayBack[]
}) {
  return (
    <Group align="flex-start">
      <Select
        label="Pay back"
        allowDeselect={false}
        data={props.choices.map((value) => ({ value, label: payBackLabels[value] }))}
        {...props.form.getInputProps('payBack')}
        data-testid="refund-payback"
        w={220}
      />
      {props.form.values.payBack === 'credit' ? (
        <FormText
          form={props.form}
          name="creditCard"
          label="Store credit card number"
          description="Empty: a new card number is given"
          testId="refund-credit-card"
        />
      ) : null}
    </Group>
  )
}
