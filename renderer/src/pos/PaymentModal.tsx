import { Alert, Button, Group, Kbd, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core'
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { formatMoney, minorToInput, parseMoney } from '../format/money.ts'
import { quickTenders } from './quick-tenders.ts'
import { TenderParts } from './TenderParts.tsx'
import { paidByParts, partsPayload, type TenderPart } from './tender-parts.ts'

export interface Payment {
  method: 'cash' | 'card'
  tenderedMinor?: number
  /** Split tender: fixed card amounts paid before the rest. */
  parts?: { method: 'card' | 'other'; amountMinor: number }[]
  /** Gift card and store credit amounts paid before the rest. */
  cards?: { cardId: string; amountMinor: number }[]
}

/**
 * Takes the payment: cash with the amount tendered and the change, or card. Each payment starts on
 * the tender asked for (cash unless the cashier pressed the card key), focus is always on the amount
 * field, and Enter completes the tender that is selected and shown (never closes the dialog).
 */
export function PaymentModal(props: {
  opened: boolean
  initialMethod: Payment['method']
  totalMinor: number
  currency: string
  busy: boolean
  error?: string
  onPay: (payment: Payment) => void
  onClose: () => void
}) {
  const [method, setMethod] = useState<Payment['method']>(props.initialMethod)
  const [tendered, setTendered] = useState('')
  const [parts, setParts] = useState<TenderPart[]>([])
  const amountRef = useRef<HTMLInputElement>(null)
  const { opened, initialMethod } = props
  useEffect(() => {
    if (!opened) return
    setTendered('')
    setParts([])
    setMethod(initialMethod)
  }, [opened, initialMethod])
  // Whichever tender is shown, the amount field has focus, so Enter confirms that tender.
  useEffect(() => {
    if (opened) setTimeout(() => amountRef.current?.focus(), 0)
  }, [opened, method, parts.length])

  // what the tender below pays: the total less the parts already added
  const restMinor = props.totalMinor - paidByParts(parts)
  const tenderedMinor = tendered.trim() ? parseMoney(tendered, props.currency) : restMinor
  const enough = tenderedMinor !== undefined && tenderedMinor >= restMinor
  const changeMinor = tenderedMinor !== undefined ? tenderedMinor - restMinor : 0
  const canPay = !props.busy && (method === 'card' || enough)

  function submit(event: FormEvent) {
    event.preventDefault()
    if (!canPay) return
    const split = partsPayload(parts)
    props.onPay(
      method === 'cash'
        ? { method, tenderedMinor: tenderedMinor ?? restMinor, ...split }
        : { method, ...split },
    )
  }

  // F6 card, F7 cash; Enter anywhere in the form (the tender switch included) completes the sale.
  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === 'F6' || event.key === 'F7') {
      event.preventDefault()
      setMethod(event.key === 'F6' ? 'card' : 'cash')
      return
    }
    const target = event.target as HTMLElement
    const isOtherButton = target.tagName === 'BUTTON' && target.getAttribute('type') !== 'submit'
    if (event.key === 'Enter' && !isOtherButton) submit(event)
  }

  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Payment" centered size="md">
      <form onSubmit={submit} onKeyDown={onKeyDown}>
        <Stack gap="md">
          <Group justify="space-between" align="baseline">
            <Text c="dimmed">Amount due</Text>
            <Text fz={36} fw={700} className="num" data-testid="amount-due">
              {formatMoney(props.totalMinor, props.currency)}
            </Text>
          </Group>
          <TenderParts parts={parts} onChange={setParts} dueMinor={restMinor} currency={props.currency} />
          {parts.length > 0 ? (
            <Group justify="space-between" align="baseline">
              <Text c="dimmed">Left to pay</Text>
              <Text fz={24} fw={700} className="num" data-testid="rest-due">
                {formatMoney(restMinor, props.currency)}
              </Text>
            </Group>
          ) : null}
          <SegmentedControl
            fullWidth
            size="md"
            value={method}
            data-testid="tender"
            onChange={(v) => setMethod(v as Payment['method'])}
            data={[
              { value: 'cash', label: 'Cash' },
              { value: 'card', label: 'Card' },
            ]}
          />
          {method === 'cash' ? (
            <>
              <TextInput
                size="lg"
                label="Cash tendered"
                placeholder={formatMoney(restMinor, props.currency)}
                inputMode="decimal"
                data-testid="tendered"
                data-autofocus
                ref={amountRef}
                value={tendered}
                error={tendered.trim() && tenderedMinor === undefined ? 'Not an amount' : undefined}
                onChange={(e) => setTendered(e.currentTarget.value)}
              />
              <Group gap="xs">
                {quickTenders(restMinor, props.currency).map((amount) => (
                  <Button
                    key={amount}
                    variant="default"
                    size="xs"
                    onClick={() => setTendered(minorToInput(amount, props.currency))}
                  >
                    {formatMoney(amount, props.currency)}
                  </Button>
                ))}
              </Group>
              <Group justify="space-between" align="baseline">
                <Text c="dimmed">Change</Text>
                <Text fz={28} fw={700} c={enough ? 'teal.7' : 'red.7'} className="num" data-testid="change">
                  {enough ? formatMoney(changeMinor, props.currency) : 'Not enough'}
                </Text>
              </Group>
            </>
          ) : (
            <>
              <TextInput
                size="lg"
                label="Card amount"
                readOnly
                data-testid="card-amount"
                data-autofocus
                ref={amountRef}
                value={formatMoney(restMinor, props.currency)}
              />
              <Text c="dimmed" size="sm">
                Take the card payment on the terminal, then confirm here.
              </Text>
            </>
          )}
          {props.error ? (
            <Alert color="red" variant="light" title="The sale was not recorded">
              {props.error}
            </Alert>
          ) : null}
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              <Kbd size="xs">Enter</Kbd> complete {method === 'cash' ? 'cash' : 'card'} sale ·{' '}
              <Kbd size="xs">F6</Kbd> card · <Kbd size="xs">F7</Kbd> cash · <Kbd size="xs">Esc</Kbd> back to
              cart
            </Text>
            <Button
              type="submit"
              size="md"
              disabled={!canPay}
              loading={props.busy}
              data-testid="confirm-payment"
            >
              {props.error
                ? 'Retry payment'
                : method === 'cash'
                  ? 'Complete cash sale'
                  : 'Complete card sale'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
