import { useCallback, useEffect, useRef, useState, type Dispatch, type RefObject } from 'react'
import type { SaleView } from '../../../shared/api/views.ts'
import { describeError, isApiError } from '../api/describe-error.ts'
import type { Approval } from '../ui/ApprovalModal.tsx'
import { useStoreAction } from '../api/use-store-action.ts'
import { saleLinesOf, saleSignature, type CartAction, type CartLine, type GivenDiscount } from './cart.ts'
import { shortLinesOf, type ShortLine } from './out-of-stock.ts'
import type { Payment } from './PaymentModal.tsx'
import type { PosMessage } from './PosAlerts.tsx'
import { forgetPaymentHold, paymentHoldLeftBehind, rememberPaymentHold } from './payment-hold-storage.ts'

/**
 * From Pay to the receipt. Before any tender is offered the store holds the cart's units at this
 * till (or refuses with the shortage), so nothing can take them while the customer pays and a
 * refusal always comes before the money; the sale then uses those holds. One idempotency key per
 * cart for the sale, whatever tender is retried.
 */
export function usePaymentFlow(deps: {
  replicaId: string
  lines: CartLine[]
  basket: GivenDiscount | undefined
  /** The customer attached to the sale, if any. */
  customerId: string | undefined
  dispatch: Dispatch<CartAction>
  scanQueue: RefObject<Promise<void>>
  setMessage: (message: PosMessage | undefined) => void
}) {
  const { replicaId, lines, basket, dispatch, setMessage } = deps
  const checkout = useStoreAction('sales.checkout', {
    showError: 'inline',
    attemptOf: (input) => saleSignature(input.lines),
    invalidates: ['reservations.list'],
  })
  const hold = useStoreAction('sales.holdForPayment', {
    showError: 'inline',
    invalidates: ['reservations.list'],
  })
  const release = useStoreAction('reservations.release', {
    showError: 'inline',
    invalidates: ['reservations.list'],
  })
  const [paying, setPaying] = useState(false)
  const [tender, setTender] = useState<Payment['method']>('cash')
  const [short, setShort] = useState<ShortLine[]>()
  const [sale, setSale] = useState<SaleView>()
  const holdIds = useRef<string[]>([])
  // A manager's approval of this cart's discounts: asked at Pay, sent again with the sale.
  const [approval, setApproval] = useState<Approval>()
  const [approvalAsked, setApprovalAsked] = useState<{ method: Payment['method']; error?: string }>()
  const latest = useRef({ lines, sale, basket })
  latest.current = { lines, sale, basket }

  // Holds are given back when the payment is abandoned, and by the next start after a crash.
  const releaseHolds = useCallback(
    (ids: readonly string[]) => {
      for (const holdId of ids) void release.run({ holdId })
      forgetPaymentHold(replicaId)
    },
    [release, replicaId],
  )
  useEffect(() => {
    const left = paymentHoldLeftBehind(replicaId)
    if (left.length > 0) releaseHolds(left)
    // once per till and window: only holds an earlier run of this checkout left behind
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [replicaId])

  async function holdThenPay(method: Payment['method'], approved = approval) {
    const cart = latest.current.lines
    if (cart.length === 0 || latest.current.sale) return
    const result = await hold.tryRun({
      lines: saleLinesOf(cart),
      ...(latest.current.basket && { basketDiscount: latest.current.basket }),
      ...(approved && { approval: approved }),
    })
    if (!result.ok && isApiError(result.error, 'APPROVAL_REQUIRED')) {
      // asked before any tender: a manager approves here with their PIN, then Pay goes on
      setApprovalAsked({ method, ...(approved && { error: describeError(result.error) }) })
      return
    }
    setApprovalAsked(undefined)
    if (approved) setApproval(approved)
    if (!result.ok) {
      const shortNow = shortLinesOf(result.error)
      setShort(shortNow)
      if (!shortNow) setMessage({ tone: 'error', text: describeError(result.error) })
      return
    }
    holdIds.current = result.output.holdIds
    rememberPaymentHold(replicaId, result.output.holdIds)
    if (latest.current.lines !== cart) return closePayment() // the cart changed meanwhile; Pay again
    setShort(undefined)
    checkout.clearError()
    setTender(method)
    setPaying(true)
  }

  // A scanner sends the code and Enter, and the cashier may hit Pay before the store has
  // answered: payment opens once the scans already made have been added to the cart.
  const openPayment = (method: Payment['method']) =>
    void deps.scanQueue.current.then(() =>
      // one task later, so React has rendered the lines those scans added
      setTimeout(() => void holdThenPay(method), 0),
    )

  /** The payment dialog closed without a sale: the held units go back to the shelf. */
  function closePayment() {
    setPaying(false)
    releaseHolds(holdIds.current)
    holdIds.current = []
  }

  async function pay(payment: Payment) {
    const result = await checkout.tryRun({
      lines: saleLinesOf(lines),
      ...(basket && { basketDiscount: basket }),
      ...(approval && { approval }),
      ...(deps.customerId && { customerId: deps.customerId }),
      payment,
      holdIds: holdIds.current,
    })
    const shortLines = result.ok ? undefined : shortLinesOf(result.error)
    if (shortLines) closePayment()
    setShort(shortLines)
    if (!result.ok) return
    setPaying(false)
    holdIds.current = []
    forgetPaymentHold(replicaId)
    dispatch({ type: 'clear' })
    setSale(result.output)
  }

  const reset = useCallback(() => {
    setApproval(undefined)
    checkout.reset()
    setSale(undefined)
    setPaying(false)
    setShort(undefined)
  }, [checkout])

  /** The manager's approval dialog, while the store asks for it. */
  const approvalRequest = {
    opened: approvalAsked !== undefined,
    error: approvalAsked?.error,
    pending: hold.pending,
    approve: (given: Approval) => {
      if (approvalAsked) void holdThenPay(approvalAsked.method, given)
    },
    cancel: () => setApprovalAsked(undefined),
  }

  return {
    checkout,
    paying,
    closePayment,
    tender,
    short,
    setShort,
    sale,
    openPayment,
    pay,
    reset,
    approvalRequest,
  }
}
