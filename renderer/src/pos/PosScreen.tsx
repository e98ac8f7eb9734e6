import { Grid, Paper, ScrollArea, Stack, Text } from '@mantine/core'
import { useCallback, useReducer, useRef, useState } from 'react'
import { useStoreQuery } from '../api/use-store-query.ts'
import { useSession } from '../app/session-context.tsx'
import { CheckoutSyncNotice } from '../sync/CheckoutSyncNotice.tsx'
import { cartReducer, keyOf, type GivenDiscount } from './cart.ts'
import type { CustomerView } from '../../../shared/api/views.ts'
import { CartDiscountModal, type DiscountTarget } from './CartDiscountModal.tsx'
import { basketLabelOf } from './discount-input.ts'
import { ParkedDialogs, type ParkDialog } from './ParkedDialogs.tsx'
import { ApprovalModal } from '../ui/ApprovalModal.tsx'
import { useSavedCart } from './use-saved-cart.ts'
import { CartSummary } from './CartSummary.tsx'
import { usePaymentFlow } from './use-payment-flow.ts'
import { ClearCartModal } from './ClearCartModal.tsx'
import { cartTotals } from './cart-totals.ts'
import { CartTable } from './CartTable.tsx'
import { PosAlerts, type PosMessage } from './PosAlerts.tsx'
import { useCartStockRefresh } from './use-cart-stock-refresh.ts'
import { PageHeader } from '../ui/PageHeader.tsx'
import { PaymentModal } from './PaymentModal.tsx'
import { ReceiptModal } from './ReceiptModal.tsx'
import { ScanBox } from './ScanBox.tsx'
import { usePosShortcuts } from './use-pos-shortcuts.ts'
import { useKeepFocus } from './use-keep-focus.ts'

/** The checkout: scan, review the cart, take payment, show the receipt. */
export function PosScreen({
  active,
  onOpenStock,
}: {
  active: boolean
  onOpenStock: (productId: string) => void
}) {
  const { currency, session } = useSession()
  const [lines, dispatch] = useReducer(cartReducer, [])
  const [message, setMessage] = useState<PosMessage>()
  const [confirmingClear, setConfirmingClear] = useState(false)
  const [basket, setBasket] = useState<GivenDiscount>()
  const [discounting, setDiscounting] = useState<DiscountTarget>()
  const [parkDialog, setParkDialog] = useState<ParkDialog>()
  const [customer, setCustomer] = useState<CustomerView>()
  const scanRef = useRef<HTMLInputElement>(null)
  const scanQueue = useRef<Promise<void>>(Promise.resolve())
  const includeTax = session.pricesIncludeTax === true
  const totals = cartTotals(lines, includeTax, basket)
  // the tender the payment dialog opens on (a till rule: cash unless a manager set card)
  const defaultTender = useStoreQuery('rules.get', {}).data?.defaultTender ?? 'cash'

  const flow = usePaymentFlow({
    replicaId: session.replicaId,
    lines,
    basket,
    customerId: customer?.id,
    dispatch,
    scanQueue,
    setMessage,
  })
  const { paying, short, setShort, sale, openPayment, reset } = flow
  const dialogOpen =
    paying ||
    Boolean(sale) ||
    confirmingClear ||
    discounting !== undefined ||
    parkDialog !== undefined ||
    flow.approvalRequest.opened
  useKeepFocus(scanRef, active && !dialogOpen)

  useSavedCart(session.storeId, session.replicaId, { lines, basket }, { dispatch, setBasket })

  useCartStockRefresh(lines, dispatch)

  // an emptied cart has no sale to discount
  if (lines.length === 0 && basket) setBasket(undefined)

  const newSale = useCallback(() => {
    setConfirmingClear(false)
    setBasket(undefined)
    setCustomer(undefined)
    dispatch({ type: 'clear' })
    reset()
    setMessage(undefined)
    setTimeout(() => scanRef.current?.focus(), 0)
  }, [reset])

  // F8 / New sale: straight away after a sale or on an empty cart, otherwise only once confirmed.
  function askNewSale() {
    if (sale || lines.length === 0) newSale()
    else setConfirmingClear(true)
  }

  usePosShortcuts(active, {
    focusSearch: () => scanRef.current?.focus(),
    pay: () => {
      if (!dialogOpen) openPayment(defaultTender)
    },
    payByCard: () => {
      if (!dialogOpen) openPayment('card')
    },
    removeNewestLine: () => {
      const newest = lines[0]
      if (!dialogOpen && newest) dispatch({ type: 'remove', key: keyOf(newest) })
    },
    newSale: () => {
      if (!paying && !confirmingClear) askNewSale()
    },
    park: () => {
      if (!dialogOpen) setParkDialog(lines.length > 0 ? 'park' : 'parked')
    },
    cancel: () => {
      if (dialogOpen) return // the open dialog handles its own Escape
      if (short) setShort(undefined)
      else setMessage(undefined)
    },
  })

  return (
    <Grid gap="lg" style={{ flex: 1 }} data-testid="pos-screen">
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Stack gap="md" h="100%">
          <PageHeader title="Checkout">
            <Text size="sm" c="dimmed">
              {session.storeName}
            </Text>
          </PageHeader>
          <CheckoutSyncNotice />
          <ScanBox
            inputRef={scanRef}
            queue={scanQueue}
            currency={currency}
            onAdd={(product, qty, label) => {
              setShort(undefined)
              dispatch({ type: 'add', product, qty, ...(label !== undefined && { label }) })
            }}
            onMessage={setMessage}
          />
          <PosAlerts
            message={message}
            onCloseMessage={() => setMessage(undefined)}
            short={short}
            cart={lines}
            selfReplicaId={session.replicaId}
            onCloseShort={() => setShort(undefined)}
          />
          <Paper withBorder style={{ flex: 1, minHeight: 240 }}>
            <ScrollArea h="100%" type="auto">
              <CartTable
                lines={lines}
                currency={currency}
                pricesIncludeTax={includeTax}
                onSetQty={(key, qty) => dispatch({ type: 'setQty', key, qty })}
                onRemove={(key) => dispatch({ type: 'remove', key })}
                onOpenStock={onOpenStock}
                onDiscount={(key) => setDiscounting({ line: key })}
              />
            </ScrollArea>
          </Paper>
        </Stack>
      </Grid.Col>

      <Grid.Col span={{ base: 12, md: 4 }}>
        <CartSummary
          totals={totals}
          currency={currency}
          empty={lines.length === 0}
          onPay={() => openPayment(defaultTender)}
          onNewSale={askNewSale}
          onBasketDiscount={() => setDiscounting('basket')}
          onPark={() => setParkDialog('park')}
          customer={customer}
          onCustomer={setCustomer}
          onShowParked={() => setParkDialog('parked')}
          onSellGiftCard={() => setParkDialog('giftcard')}
          basketLabel={basket && basketLabelOf(basket, currency)}
        />
      </Grid.Col>

      <ClearCartModal
        opened={confirmingClear}
        items={totals.items}
        onKeep={() => setConfirmingClear(false)}
        onClear={newSale}
      />
      <PaymentModal
        opened={paying}
        initialMethod={flow.tender}
        totalMinor={totals.totalMinor}
        currency={currency}
        busy={flow.checkout.pending}
        error={flow.checkout.error}
        onPay={(p) => void flow.pay(p)}
        onClose={flow.closePayment}
      />
      <ReceiptModal sale={sale} currency={currency} onClose={newSale} />
      <CartDiscountModal
        target={discounting}
        lines={lines}
        basket={basket}
        currency={currency}
        dispatch={dispatch}
        setBasket={setBasket}
        onClose={() => setDiscounting(undefined)}
      />
      <ParkedDialogs
        open={parkDialog}
        lines={lines}
        hasDiscounts={totals.discountMinor > 0}
        dispatch={dispatch}
        onParked={newSale}
        onClose={() => setParkDialog(undefined)}
      />
      <ApprovalModal
        opened={flow.approvalRequest.opened}
        reason="These discounts are beyond your limit: a manager approves them with their PIN before the payment."
        error={flow.approvalRequest.error}
        pending={flow.approvalRequest.pending}
        onApprove={flow.approvalRequest.approve}
        onClose={flow.approvalRequest.cancel}
      />
    </Grid>
  )
}
