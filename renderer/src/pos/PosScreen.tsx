import {
  Alert,
  Box,
  Button,
  Divider,
  Grid,
  Group,
  Kbd,
  Paper,
  ScrollArea,
  Stack,
  Text,
  Title,
} from '@mantine/core'
import { useCallback, useEffect, useReducer, useRef, useState } from 'react'
import type { ProductWithStock, SaleView } from '../../../shared/api/views.ts'
import { useApi } from '../api/api-context.tsx'
import { describeError } from '../api/describe-error.ts'
import { useSession } from '../app/session-context.tsx'
import { CheckoutSyncNotice } from '../sync/CheckoutSyncNotice.tsx'
import { formatMoney } from '../format/money.ts'
import { cartReducer, cartSignature } from './cart.ts'
import { cartStorageKey, loadCart, saveCart } from './cart-storage.ts'
import { ClearCartModal } from './ClearCartModal.tsx'
import { cartTotals } from './cart-totals.ts'
import { CartTable } from './CartTable.tsx'
import { OutOfStockPanel } from './OutOfStockPanel.tsx'
import { shortLinesOf, type ShortLine } from './out-of-stock.ts'
import { shortLinesBeforePayment } from './stock-check.ts'
import { PaymentModal, type Payment } from './PaymentModal.tsx'
import { ReceiptModal } from './ReceiptModal.tsx'
import { ScanBox } from './ScanBox.tsx'
import { posShortcuts, usePosShortcuts } from './use-pos-shortcuts.ts'
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
  const [busy, setBusy] = useState(false)
  const [payError, setPayError] = useState<string>()
  const [short, setShort] = useState<ShortLine[]>()
  const [sale, setSale] = useState<SaleView>()
  const saleRef = useRef(sale)
  saleRef.current = sale
  // The idempotency key of the sale being attempted, kept while the cart stays the same.
  const attempt = useRef<{ signature: string; key: string } | undefined>(undefined)
  const scanRef = useRef<HTMLInputElement>(null)
  const scanQueue = useRef<Promise<void>>(Promise.resolve())
  const totals = cartTotals(lines)

  useKeepFocus(scanRef, active && !paying && !sale && !confirmingClear)

  // The cart is kept per store and till, so a reload or a cashier switch never loses it. It is
  // restored from the store's current products (prices and stock as they are now).
  const storageKey = cartStorageKey(session.storeId, session.replicaId)
  const [restored, setRestored] = useState(false)
  useEffect(() => {
    const stored = loadCart(sessionStorage, storageKey)
    let cancelled = false
    void Promise.all(
      stored.map((line) =>
        api['catalog.get']({ id: line.productId }).then(
          (product) => ({ product, qty: line.qty }),
          () => undefined,
        ),
      ),
    ).then((found) => {
      if (cancelled) return
      for (const line of found) if (line) dispatch({ type: 'add', product: line.product, qty: line.qty })
      setRestored(true)
    })
    return () => {
      cancelled = true
    }
  }, [api, storageKey])
  useEffect(() => {
    if (restored) saveCart(sessionStorage, storageKey, lines)
  }, [restored, storageKey, lines])

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
    attempt.current = undefined
    setSale(undefined)
    setPaying(false)
    setPayError(undefined)
    setShort(undefined)
    setMessage(undefined)
    setTimeout(() => scanRef.current?.focus(), 0)
  }, [])

  // A scanner sends the code and Enter, and the cashier may hit Pay before the store has
  // answered: payment opens once the scans already made have been added to the cart.
  function openPayment(method: Payment['method'] = 'cash') {
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
    setPayError(undefined)
    setTender(method)
    setPaying(true)
  }

  async function pay(payment: Payment) {
    const signature = cartSignature(lines)
    if (attempt.current?.signature !== signature) attempt.current = { signature, key: crypto.randomUUID() }
    setBusy(true)
    setPayError(undefined)
    try {
      const result = await api['sales.checkout']({
        idempotencyKey: attempt.current.key,
        lines: lines.map((l) => ({ productId: l.product.id, qty: l.qty })),
        payment:
          payment.method === 'cash' ? { method: 'cash', tenderedMinor: payment.tenderedMinor } : payment,
      })
      attempt.current = undefined
      setPaying(false)
      setShort(undefined)
      dispatch({ type: 'clear' })
      setSale(result)
    } catch (error) {
      const shortLines = shortLinesOf(error)
      if (shortLines) {
        setPaying(false)
        setShort(shortLines)
      } else {
        setPayError(describeError(error))
      }
    } finally {
      setBusy(false)
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
      if (!dialogOpen) openPayment('cash')
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
                onSetQty={(productId, qty) => dispatch({ type: 'setQty', productId, qty })}
                onRemove={(productId) => dispatch({ type: 'remove', productId })}
                onOpenStock={onOpenStock}
              />
            </ScrollArea>
          </Paper>
        </Stack>
      </Grid.Col>

      <Grid.Col span={{ base: 12, md: 4 }}>
        <Stack gap="md">
          <Paper withBorder p="lg">
            <Stack gap="xs">
              <Row label={`Items`} value={String(totals.items)} testId="cart-items" />
              <Row label="Subtotal" value={formatMoney(totals.subtotalMinor, currency)} />
              <Row label="Tax" value={formatMoney(totals.taxMinor, currency)} />
              <Divider my={4} />
              <Group justify="space-between" align="baseline">
                <Text fw={600}>Total</Text>
                <Text fz={34} fw={750} className="num" data-testid="cart-total">
                  {formatMoney(totals.totalMinor, currency)}
                </Text>
              </Group>
              <Button
                size="lg"
                mt="sm"
                disabled={lines.length === 0}
                onClick={() => openPayment('cash')}
                rightSection={<Kbd size="xs">F4</Kbd>}
                data-testid="pay"
              >
                Pay
              </Button>
              <Button
                variant="default"
                disabled={lines.length === 0}
                onClick={askNewSale}
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
        busy={busy}
        error={payError}
        onPay={(p) => void pay(p)}
        onClose={() => setPaying(false)}
      />
      <ReceiptModal sale={sale} currency={currency} onClose={newSale} />
    </Grid>
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
