import { Alert, Button, Group, Kbd, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core'
import { useEffect, useState, type FormEvent } from 'react'
import { formatMoney, minorToInput, parseMoney } from '../format/money.ts'
import { quickTenders } from './quick-tenders.ts'

export interface Payment {
  method: 'cash' | 'card'
  tenderedMinor?: number
}

/** Takes the payment: cash with the amount tendered and the change, or card. Enter confirms. */
export function PaymentModal(props: {
  opened: boolean
  totalMinor: number
  currency: string
  busy: boolean
  error?: string
  onPay: (payment: Payment) => void
  onClose: () => void
}) {
  const [method, setMethod] = useState<Payment['method']>('cash')
  const [tendered, setTendered] = useState('')
  useEffect(() => {
    if (props.opened) setTendered('')
  }, [props.opened])

  const tenderedMinor = tendered.trim() ? parseMoney(tendered, props.currency) : props.totalMinor
  const enough = tenderedMinor !== undefined && tenderedMinor >= props.totalMinor
  const changeMinor = tenderedMinor !== undefined ? tenderedMinor - props.totalMinor : 0
  const canPay = !props.busy && (method === 'card' || enough)

  function submit(event: FormEvent) {
    event.preventDefault()
    if (!canPay) return
    props.onPay(method === 'cash' ? { method, tenderedMinor: tenderedMinor ?? props.totalMinor } : { method })
  }

  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Payment" centered size="md">
      <form onSubmit={submit}>
        <Stack gap="md">
          <Group justify="space-between" align="baseline">
            <Text c="dimmed">Amount due</Text>
            <Text fz={36} fw={700} className="num" data-testid="amount-due">
              {formatMoney(props.totalMinor, props.currency)}
            </Text>
          </Group>
          <SegmentedControl
            fullWidth
            size="md"
            value={method}
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
                placeholder={formatMoney(props.totalMinor, props.currency)}
                inputMode="decimal"
                data-testid="tendered"
                data-autofocus
                value={tendered}
                error={tendered.trim() && tenderedMinor === undefined ? 'Not an amount' : undefined}
                onChange={(e) => setTendered(e.currentTarget.value)}
              />
              <Group gap="xs">
                {quickTenders(props.totalMinor, props.currency).map((amount) => (
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
            <Text c="dimmed" size="sm">
              Take the card payment on the terminal, then confirm here.
            </Text>
          )}
          {props.error ? (
            <Alert color="red" variant="light" title="The sale was not recorded">
              {props.error}
            </Alert>
          ) : null}
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              <Kbd size="xs">Enter</Kbd> confirm · <Kbd size="xs">Esc</Kbd> back to cart
            </Text>
            <Button
              type="submit"
              size="md"
              disabled={!canPay}
              loading={props.busy}
              data-testid="confirm-payment"
            >
              {props.error ? 'Retry payment' : 'Complete sale'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
