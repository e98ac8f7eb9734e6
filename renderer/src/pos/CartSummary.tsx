import { Box, Button, Divider, Group, Kbd, Paper, Stack, Text } from '@mantine/core'
import { formatMoney } from '../format/money.ts'
import type { cartTotals } from './cart-totals.ts'
import { posShortcuts } from './use-pos-shortcuts.ts'
import type { CustomerView } from '../../../shared/api/views.ts'
import { CustomerPicker } from './CustomerPicker.tsx'

/** The checkout's right column: totals, Pay and New sale, and the keys the till answers to. */
export function CartSummary(props: {
  totals: ReturnType<typeof cartTotals>
  currency: string
  empty: boolean
  onPay: () => void
  onNewSale: () => void
  onBasketDiscount: () => void
  onPark: () => void
  customer: CustomerView | undefined
  onCustomer: (customer: CustomerView | undefined) => void
  onShowParked: () => void
  onSellGiftCard: () => void
  /** The whole sale's discount, as given. */
  basketLabel: string | undefined
}) {
  return (
    <Stack gap="md">
      <Paper withBorder p="lg">
        <Stack gap="xs">
          <CustomerPicker customer={props.customer} onChange={props.onCustomer} />
          <Row label={`Items`} value={String(props.totals.items)} testId="cart-items" />
          <Row label="Subtotal" value={formatMoney(props.totals.subtotalMinor, props.currency)} />
          <Row label="Tax" value={formatMoney(props.totals.taxMinor, props.currency)} />
          {props.totals.discountMinor > 0 ? (
            <Row
              label="Discounts"
              value={`−${formatMoney(props.totals.discountMinor, props.currency)}`}
              testId="cart-discounts"
            />
          ) : null}
          {props.basketLabel ? (
            <Text size="xs" c="teal.8" data-testid="basket-pricing">
              {props.basketLabel}
            </Text>
          ) : null}
          <Divider my={4} />
          <Group justify="space-between" align="baseline">
            <Text fw={600}>Total</Text>
            <Text fz={34} fw={750} className="num" data-testid="cart-total">
              {formatMoney(props.totals.totalMinor, props.currency)}
            </Text>
          </Group>
          <Button
            size="lg"
            mt="sm"
            disabled={props.empty}
            onClick={props.onPay}
            rightSection={<Kbd size="xs">F4</Kbd>}
            data-testid="pay"
          >
            Pay
          </Button>
          <Button
            variant="default"
            disabled={props.empty}
            onClick={props.onBasketDiscount}
            data-testid="basket-discount"
          >
            Discount on the sale
          </Button>
          <Group grow gap="xs">
            <Button variant="default" disabled={props.empty} onClick={props.onPark} data-testid="park">
              Park sale
            </Button>
            <Button variant="default" onClick={props.onShowParked} data-testid="show-parked">
              Recall
            </Button>
          </Group>
          <Button variant="subtle" size="xs" onClick={props.onSellGiftCard} data-testid="sell-giftcard">
            Sell a gift card
          </Button>
          <Button
            variant="default"
            disabled={props.empty}
            onClick={props.onNewSale}
            rightSection={<Kbd size="xs">F8</Kbd>}
          >
            New sale
          </Button>
        </Stack>
      </Paper>
      <Paper withBorder p="md">
        <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={6}>
          Keyboard
        </Text>
        <Stack gap={6}>
          {posShortcuts.map((s) => (
            <Group key={s.key} justify="space-between">
              <Text size="sm">{s.label}</Text>
              <Kbd size="sm">{s.key}</Kbd>
            </Group>
          ))}
          <Group justify="space-between">
            <Text size="sm">Quantity × code</Text>
            <Kbd size="sm">3*code</Kbd>
          </Group>
        </Stack>
      </Paper>
      <Box />
    </Stack>
  )
}

function Row(props: { label: string; value: string; testId?: string }) {
  return (
    <Group justify="space-between">
      <Text c="dimmed" size="sm">
        {props.label}
      </Text>
      <Text className="num" fw={500} data-testid={props.testId}>
        {props.value}
      </Text>
    </Group>
  )
}
