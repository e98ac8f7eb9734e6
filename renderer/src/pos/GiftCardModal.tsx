import { SegmentedControl, Text } from '@mantine/core'
import { useForm } from '@mantine/form'
import { CARD_ID_PATTERN, normaliseCardId } from '../../../shared/api/card-number.ts'
import { useStoreAction } from '../api/use-store-action.ts'
import { useSession } from '../app/session-context.tsx'
import { formatMoney, parseMoney } from '../format/money.ts'
import { rules } from '../ui/form-rules.ts'
import { FormModal } from '../ui/FormModal.tsx'
import { FormText } from '../ui/FormText.tsx'

const text = { title: 'Sell a gift card', confirm: 'Sell gift card', testId: 'giftcard-sell' }

/**
 * Sells a gift card (or tops one up): the card's number, the amount, and how it is paid. The
 * balance is held at this till like stock and can be spent at any store that asks for it.
 */
export function GiftCardModal(props: { opened: boolean; onClose: () => void }) {
  const { currency } = useSession()
  const form = useForm({
    mode: 'controlled',
    initialValues: { cardId: '', amount: '', method: 'cash' },
    validate: {
      cardId: (v: string) =>
        CARD_ID_PATTERN.test(normaliseCardId(v))
          ? null
          : 'Scan or type the card number (4 to 40 letters, digits, dashes)',
      amount: rules.money(currency, { positive: true }),
    },
    validateInputOnChange: true,
  })
  const sell = useStoreAction('cards.sell', {
    setFieldErrors: form.setErrors,
    success: (c) => `Gift card ${c.cardId} holds ${formatMoney(c.balanceMinor, currency)}`,
  })
  const submit = async (v: typeof form.values) => {
    const done = await sell.run({
      cardId: normaliseCardId(v.cardId),
      amountMinor: parseMoney(v.amount, currency) ?? 0,
      payment: { method: v.method === 'card' ? 'card' : 'cash' },
    })
    if (!done) return
    form.reset()
    props.onClose()
  }
  const dialog = { opened: props.opened, onClose: props.onClose }
  return (
    <FormModal {...dialog} form={form} submit={submit} action={sell} text={text}>
      <FormText form={form} name="cardId" label="Card number" autoFocus testId="giftcard-id" />
      <FormText form={form} name="amount" label="Amount" inputMode="decimal" testId="giftcard-amount" />
      <SegmentedControl
        aria-label="Paid by"
        data={[
          { value: 'cash', label: 'Cash' },
          { value: 'card', label: 'Card' },
        ]}
        {...form.getInputProps('method')}
      />
      <Text size="xs" c="dimmed">
        Take the payment first; the card can be spent at any store of the chain.
      </Text>
    </FormModal>
  )
}
