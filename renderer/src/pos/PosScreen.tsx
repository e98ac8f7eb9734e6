import { Alert, Grid, Group, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core'
import { useCallback, useEffect, useReducer, useRef, useState } from 'react'
import type { ProductWithStock, SaleView } from '../../../shared/api/views.ts'
import { useApi } from '../api/api-context.tsx'
import { useStoreAction } from '../api/use-store-action.ts'
import { useStoreQuery } from '../api/use-store-query.ts'
import { describeError } from '../api/describe-error.ts'
import { useSession } from '../app/session-context.tsx'
import { CheckoutSyncNotice } from '../sync/CheckoutSyncNotice.tsx'
import { cartReducer, saleSignature } from './cart.ts'
import { useSavedCart } from './use-saved-cart.ts'
import { CartSummary } from './CartSummary.tsx'
import { ClearCartModal } from './ClearCartModal.tsx'
import { cartTotals } from './cart-totals.ts'
import { CartTable } from './CartTable.tsx'
import { OutOfStockPanel } from './OutOfStockPanel.tsx'
import { shortLinesOf, type ShortLine } from './out-of-stock.ts'
import { shortLinesBeforePayment } from './stock-check.ts'
import { PaymentModal, type Payment } from './PaymentModal.tsx'
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
  const api = useApi()
  const { currency, session } = useSession()
  const [lines, dispatch] = useReducer(cartReducer, [])
  const [message, setMessage] = useState<{ tone: 'error' | 'warning'; text: string }>()
  const [paying, setPaying] = useState(false)
  const [tender, setTender] = useState<Payment['method']>('cash')
  const [confirmingClear, setConfirmingClear] = useState(false)
  // One sale attempt per cart: a retry after an error, with any tender, keeps the idempotency key.
  const checkout = useStoreAction('sales.checkout', {
    showError: 'inline',
    attemptOf: (input) => saleSignature(input.lines),
  })
  const [short, setShort] = useState<ShortLine[]>()
  const [sale, setSale] = useState<SaleView>()
  const saleRef = useRef(sale)
  saleRef.current = sale
  const scanRef = useRef<HTMLInputElement>(null)
  const scanQueue = useRef<Promise<void>>(Promise.resolve())
  const includeTax = session.pricesIncludeTax === true
  const totals = cartTotals(lines, includeTax)
  // the tender the payment dialog opens on (a till rule: cash unless a manager set card)
  const defaultTender = useStoreQuery('rules.get', {}).data?.defaultTender ?? 'cash'

  useKeepFocus(scanRef, active && !paying && !sale && !confirmingClear)

  useSavedCart(session.storeId, session.replicaId, lines, dispatch)

  // Pushed stock changes refresh the "here / chain" figures of the lines in the cart.
  const linesRef = useRef(lines)
  linesRef.current = lines
  useEffect(
    () =>
      api.on('stock.changed', ({ productIds }) => {
        const inCart = new Set(linesRef.current.map((l) => l.product.id))
        const ids = productIds.filter((id) => inCart.has(id))
        if (ids.length === 0) return
        void Promise.all(ids.map((id) => api['catalog.get']({ id }).catch(() => undefined))).then(
          (products) =>
            dispatch({
              type: 'refresh',
              products: products.filter((p): p is ProductWithStock => Boolean(p)),
            }),
        )
      }),
    [api],
  )

  const newSale = useCallback(() => {
    setConfirmingClear(false)
    dispatch({ type: 'clear' })
    checkout.reset()
    setSale(undefined)
    setPaying(false)
    setShort(undefined)
    setMessage(undefined)
    setTimeout(() => scanRef.current?.focus(), 0)
  }, [checkout])

  // A scanner sends the code and Enter, and the cashier may hit Pay before the store has
  // answered: payment opens once the scans already made have been added to the cart.
  function openPayment(method: Payment['method'] = defaultTender) {
    void scanQueue.current.then(() =>
      // one task later, so React has rendered the lines those scans added
      setTimeout(() => void checkThenPay(method), 0),
    )
  }

  // No tender is offered for a cart this till may not sell: the store's current stock is read first.
  async function checkThenPay(method: Payment['method']) {
    const cart = linesRef.current
    if (cart.length === 0 || saleRef.current) return
    let shortNow: ShortLine[]
    try {
      shortNow = await shortLinesBeforePayment(cart, (productId) => api['stock.get']({ productId }))
    } catch (error) {
      setMessage({ tone: 'error', text: describeError(error) })
      return
    }
    if (linesRef.current !== cart) return // the cart changed meanwhile; Pay again sees the new one
    if (shortNow.length > 0) {
      setShort(shortNow)
      return
    }
    setShort(undefined)
    checkout.clearError()
    setTender(method)
    setPaying(true)
  }

  async function pay(payment: Payment) {
    const result = await checkout.tryRun({
      lines: lines.map((l) => ({ productId: l.product.id, qty: l.qty })),
      payment: payment.method === 'cash' ? { method: 'cash', tenderedMinor: payment.tenderedMinor } : payment,
    })
    if (result.ok) {
      setPaying(false)
      setShort(undefined)
      dispatch({ type: 'clear' })
      setSale(result.output)
      return
    }
    const shortLines = shortLinesOf(result.error)
    if (shortLines) {
      setPaying(false)
      setShort(shortLines)
    }
  }

  // F8 / New sale: straight away after a sale or on an empty cart, otherwise only once confirmed.
  function askNewSale() {
    if (sale || lines.length === 0) newSale()
    else setConfirmingClear(true)
  }

  const dialogOpen = paying || Boolean(sale) || confirmingClear
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
      if (!dialogOpen && newest) dispatch({ type: 'remove', productId: newest.product.id })
    },
    newSale: () => {
      if (!paying && !confirmingClear) askNewSale()
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
          <Group justify="space-between">
            <Title order={1} size="h2">
              Checkout
            </Title>
            <Text size="sm" c="dimmed">
              {session.storeName}
            </Text>
          </Group>
          <CheckoutSyncNotice />
          <ScanBox
            inputRef={scanRef}
            queue={scanQueue}
            currency={currency}
            onAdd={(product, qty) => {
              setShort(undefined)
              dispatch({ type: 'add', product, qty })
            }}
            onMessage={setMessage}
          />
          {message ? (
            <Alert
              color={message.tone === 'error' ? 'red' : 'yellow'}
              variant="light"
              withCloseButton
              onClose={() => setMessage(undefined)}
              data-testid="pos-message"
            >
              {message.text}
            </Alert>
          ) : null}
          {short ? (
            <OutOfStockPanel
              lines={short}
              cart={lines}
              selfReplicaId={session.replicaId}
              onClose={() => setShort(undefined)}
            />
          ) : null}
          <Paper withBorder style={{ flex: 1, minHeight: 240 }}>
            <ScrollArea h="100%" type="auto">
              <CartTable
                lines={lines}
                currency={currency}
                pricesIncludeTax={includeTax}
                onSetQty={(productId, qty) => dispatch({ type: 'setQty', productId, qty })}
                onRemove={(productId) => dispatch({ type: 'remove', productId })}
                onOpenStock={onOpenStock}
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
        initialMethod={tender}
        totalMinor={totals.totalMinor}
        currency={currency}
        busy={checkout.pending}
        error={checkout.error}
        onPay={(p) => void pay(p)}
        onClose={() => setPaying(false)}
      />
      <ReceiptModal sale={sale} currency={currency} onClose={newSale} />
    </Grid>
  )
}
