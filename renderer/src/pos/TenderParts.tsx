import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core'
import { useState, type KeyboardEvent } from 'react'
import { CARD_ID_PATTERN, normaliseCardId } from '../../../shared/api/card-number.ts'
import { useStoreAction } from '../api/use-store-action.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { formatMoney, minorToInput, parseMoney } from '../format/money.ts'
import { partLabels, type TenderPart } from './tender-parts.ts'

/** The parts a cashier can add, in the order the buttons show. */
const partKinds = [
  { kind: 'card', label: 'Part by card' },
  { kind: 'gift', label: 'Gift card / store credit' },
  { kind: 'other', label: 'Voucher / other' },
] as const

/**
 * Split tender: parts paid before the rest — a fixed amount by card, or a gift card or store credit
 * (at most what this till holds of its balance; the rest can be requested from the tills that hold
 * it). The rest is paid by the tender chosen below, change from cash only.
 */
export function TenderParts(props: {
  parts: TenderPart[]
  onChange: (parts: TenderPart[]) => void
  dueMinor: number
  currency: string
}) {
  const [adding, setAdding] = useState<'card' | 'other' | 'gift'>()
  const [amount, setAmount] = useState('')
  const [cardText, setCardText] = useState('')
  const cardId = normaliseCardId(cardText)
  const validCard = CARD_ID_PATTERN.test(cardId)
  const card = useStoreQuery(
    'cards.balance',
    { cardId },
    { enabled: adding === 'gift' && validCard, refreshOn: ['stock.changed', 'sync.status'] },
  )
  const request = useStoreAction('cards.request', { invalidates: ['cards.balance'] })
  const amountMinor = amount.trim() ? parseMoney(amount, props.currency) : undefined
  const here = card.data?.hereMinor ?? 0
  const problem =
    amountMinor === undefined || amountMinor <= 0
      ? 'Type an amount'
      : amountMinor > props.dueMinor
        ? `At most ${formatMoney(props.dueMinor, props.currency)}, what is left to pay`
        : adding === 'gift' && !validCard
          ? 'Type or scan the card number'
          : adding === 'gift' && amountMinor > here
            ? `This till holds ${formatMoney(here, props.currency)} of this card`
            : undefined

  const add = () => {
    if (problem || amountMinor === undefined || !adding) return
    props.onChange([
      ...props.parts,
      adding === 'gift' ? { kind: 'gift', cardId, amountMinor } : { kind: adding, amountMinor },
    ])
    setAdding(undefined)
    setAmount('')
    setCardText('')
  }
  // Enter in a part's field adds the part; it never completes the sale.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Enter') return
    e.preventDefault()
    e.stopPropagation()
    add()
  }
  const start = (kind: 'card' | 'other' | 'gift') => {
    setAdding(kind)
    setAmount(minorToInput(props.dueMinor, props.currency))
  }
  return (
    <Stack gap={6} data-testid="tender-parts">
      {props.parts.map((p, i) => (
        <Group key={i} justify="space-between" data-testid="tender-part">
          <Text size="sm">{p.kind === 'gift' ? `Card balance ${p.cardId}` : partLabels[p.kind]}</Text>
          <Group gap={4}>
            <Text size="sm" className="num">
              {formatMoney(p.amountMinor, props.currency)}
            </Text>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label="Remove this part"
              onClick={() => props.onChange(props.parts.filter((_, j) => j !== i))}
            >
              ✕
            </ActionIcon>
          </Group>
        </Group>
      ))}
      {adding ? (
        <Stack gap={6} onKeyDown={onKeyDown}>
          {adding === 'gift' ? (
            <TextInput
              label="Gift card or store credit number"
              value={cardText}
              onChange={(e) => setCardText(e.currentTarget.value)}
              data-testid="part-card-id"
              description={
                card.data
                  ? `Balance ${formatMoney(card.data.balanceMinor, props.currency)}; this till may take ${formatMoney(here, props.currency)}`
                  : undefined
              }
            />
          ) : null}
          <Group align="flex-end">
            <TextInput
              label={
                adding === 'gift' ? 'Amount from the card' : `Amount by ${partLabels[adding].toLowerCase()}`
              }
              inputMode="decimal"
              value={amount}
              onChange={(e) => setAmount(e.currentTarget.value)}
              error={amount.trim() ? problem : undefined}
              data-testid="part-amount"
              w={160}
            />
            <Button variant="light" onClick={add} disabled={problem !== undefined} data-testid="part-add">
              Add part
            </Button>
            <Button variant="subtle" onClick={() => setAdding(undefined)}>
              Cancel
            </Button>
          </Group>
          {adding === 'gift' && card.data && amountMinor !== undefined && amountMinor > here ? (
            <Button
              variant="default"
              size="xs"
              loading={request.pending}
              onClick={() =>
                void request.run({ cardId, amountMinor: amountMinor - here }, 'Asked the tills that hold it')
              }
              data-testid="part-request"
            >
              Request {formatMoney(amountMinor - here, props.currency)} of this card from the tills that hold
              it
            </Button>
          ) : null}
        </Stack>
      ) : (
        <Group gap="xs">
          {partKinds.map((k) => (
            <Button
              key={k.kind}
              variant="default"
              size="xs"
              onClick={() => start(k.kind)}
              disabled={props.dueMinor <= 0}
              data-testid={`split-${k.kind}`}
            >
              {k.label}
            </Button>
          ))}
        </Group>
      )}
    </Stack>
  )
}
