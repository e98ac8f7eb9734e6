import { DomainError, type ShortLine } from '../../shared/core/errors.ts'
import type { Customer, RefundEvent, SaleEvent } from '../../shared/core/events.ts'
import { readMeta, readProduct, readReplica } from '../../shared/core/schema.ts'
import { ApiError } from '../../shared/api/errors.ts'
import type * as V from '../../shared/api/views.ts'
import type { Handlers } from '../api/dispatch.ts'
import { readStoreSettings } from '../settings/store-settings.ts'
import type { NodeContext } from '../api/context.ts'
import { saleView, storeNameOf } from '../api/views.ts'
import { minorDigits, parseDecimal } from '../../shared/api/money.ts'
import {
  paperWidths,
  receiptLines,
  type PaperWidth,
  type ReceiptInput,
} from '../../shared/api/receipt/receipt-text.ts'
import { refundReceiptInput, saleReceiptInput, storeLookOf } from '../receipts/receipt-input.ts'
import { receiptNoOf, receiptTarget } from '../receipts/receipt-number.ts'
import { saleSummary } from '../receipts/sale-summary.ts'
import type { SaleMatch, SaleSearch } from '../queries/ledger-queries.ts'
import { assertShiftIfRequired } from './shifts.ts'
import { newStoreCreditId } from './cards.ts'
import { requireCustomer } from './customers.ts'
import type { Approver, ManagerApproval } from '../approvals/manager-approval.ts'
import { discountLimitBp, discountShare, shareBp, withinLimit } from '../approvals/discount-rules.ts'
import { roleAllows, type Role } from '../../shared/api/roles.ts'
import { writeOnce } from '../api/write-once.ts'
import { lineAmounts, lineBaseMinor } from '../../shared/core/money.ts'
import { readSaleLines } from '../api/sale-lines.ts'
import { refundRulesCrossed } from '../approvals/refund-rules.ts'
import { readTillRules } from '../settings/till-rules.ts'

/** Adds store names to the holders of each short line, so the UI can offer "request from X". */
/**
 * A cart's payment hold lasts long enough for a card terminal and a hesitant customer; a till that
 * crashed mid-payment gets its units back by themselves after it.
 */
const paymentHoldMinutes = 15
/** What the holds list shows for a cart being paid for. */
const paymentHoldName = 'Payment in progress'

export function explainShortage(ctx: NodeContext, error: unknown): unknown {
  if (!(error instanceof DomainError) || error.code !== 'OUT_OF_STOCK') return error
  const details = error.details as { lines?: ShortLine[] } | undefined
  if (!details?.lines) return error
  return new ApiError('OUT_OF_STOCK', error.message, {
    lines: details.lines.map((l) => ({
      ...l,
      holders: l.holders.map((h) => ({ ...h, storeName: storeNameOf(ctx, h.replicaId) })),
    })),
  })
}

/** Runs a write that may fail OUT_OF_STOCK and names the stores that hold the short products. */
export function withShortageExplained<T>(ctx: NodeContext, fn: () => T): T {
  try {
    return fn()
  } catch (error) {
    throw explainShortage(ctx, error)
  }
}

export function refundedBySale(ctx: NodeContext, saleId: string): Record<string, number> {
  const sale = ctx.fold.sale(saleId)
  if (sale) return Object.fromEntries(sale.refunded)
  return ctx.store.queries.refunded(saleId)
}

function findSale(ctx: NodeContext, saleId: string): { replicaId: string; event: SaleEvent } {
  const found = ctx.store.ledger.event(saleId, 'sale')
  if (!found) throw new ApiError('NOT_FOUND', `No sale ${saleId}`, { saleId })
  return found
}

function refundView(ctx: NodeContext, e: RefundEvent): V.RefundView {
  return {
    receiptNo: receiptNoOf(ctx, ctx.identity().replicaId, e.seq),
    id: e.id,
    ...(e.saleId !== undefined && { saleId: e.saleId }),
    at: e.at,
    lines: e.lines,
    totalMinor: e.amountMinor,
    toStock: e.toStock,
    ...(e.toCard ? { storeCreditCardId: e.toCard } : {}),
  }
}

/**
 * A sale's receipt, one of its refunds' receipts, or the receipt of a return without a receipt
 * (its refund alone), laid out for `paper` (the till's by default).
 */
export function buildReceipt(
  ctx: NodeContext,
  input: {
    saleId?: string | undefined
    refundId?: string | undefined
    paperWidth?: PaperWidth | undefined
    copy?: boolean | undefined
  },
): V.ReceiptView {
  const copy = input.copy ?? false
  let receipt: ReceiptInput
  let saleStoreReplica: string
  if (input.refundId) {
    const refund = ctx.store.ledger.event(input.refundId, 'refund')
    if (!refund || refund.event.saleId !== input.saleId)
      throw new ApiError('NOT_FOUND', `No refund ${input.refundId} of sale ${input.saleId ?? '(none)'}`, {
        ...(input.saleId && { saleId: input.saleId }),
        refundId: input.refundId,
      })
    const sale = input.saleId ? findSale(ctx, input.saleId) : undefined
    receipt = refundReceiptInput(ctx, refund, sale, copy)
    saleStoreReplica = sale?.replicaId ?? refund.replicaId
  } else {
    if (!input.saleId) throw new ApiError('VALIDATION', 'A sale or a refund is needed', { field: 'saleId' })
    const sale = findSale(ctx, input.saleId)
    saleStoreReplica = sale.replicaId
    const refunds = ctx.store.queries
      .refundsOf(input.saleId)
      .map((r) => ({ replicaId: r.replicaId, event: JSON.parse(r.body) as RefundEvent }))
    receipt = saleReceiptInput(ctx, sale, refunds, copy)
  }
  const paperWidth = input.paperWidth ?? readStoreSettings(ctx.kv).paperWidth
  const columns = paperWidths[paperWidth]
  const custom = readStoreSettings(ctx.kv).receiptHeader.trim()
  // This till's older free-text header stands in for its store's business details until they are filled in.
  const saleStore = storeLookOf(ctx, saleStoreReplica)
  if (custom && !saleStore.receipt.businessName && saleStore.storeId === ctx.identity().storeId)
    receipt = { ...receipt, headerLines: custom.split('\n') }
  const lines = receiptLines(receipt, columns)
  return {
    ...(input.saleId ? { saleId: input.saleId } : {}),
    ...(input.refundId ? { refundId: input.refundId } : {}),
    receiptNo: receipt.receiptNo,
    header:
      receipt.headerLines?.join('\n') ??
      [receipt.business.name || receipt.storeName, ...receipt.business.addressLines]
        .filter(Boolean)
        .join('\n'),
    text: lines.join('\n'),
    lines,
    paperWidth,
    columns,
  }
}

/** What a sales search asks the ledger for: typed fields all match, the search box any way. */
function saleSearch(
  ctx: NodeContext,
  input: {
    search?: string | undefined
    receiptNo?: string | undefined
    customer?: string | undefined
    amountMinor?: number | undefined
  },
): SaleSearch {
  let any: SaleMatch | undefined
  if (input.search !== undefined) {
    const currency = readMeta(ctx.doc).currency || 'EUR'
    const amount = parseDecimal(input.search, minorDigits(currency))
    any = {
      receipt: receiptTarget(ctx, input.search),
      customer: input.search,
      ...(amount !== undefined ? { amountMinor: amount } : {}),
    }
  }
  const all: SaleMatch = {
    ...(input.receiptNo !== undefined ? { receipt: receiptTarget(ctx, input.receiptNo) } : {}),
    customer: input.customer,
    amountMinor: input.amountMinor,
  }
  return { all, any }
}

export function salesHandlers(
  ctx: NodeContext,
  approve: ManagerApproval,
): Pick<
  Handlers,
  | 'sales.checkout'
  | 'sales.holdForPayment'
  | 'sales.refund'
  | 'sales.return'
  | 'sales.list'
  | 'sales.get'
  | 'sales.receipt'
> {
  const me = () => ctx.identity().replicaId

  /**
   * Discounts and overrides within the seller's limit need nobody; beyond it, a manager whose own
   * limit covers them approves with their PIN (who approved is recorded on the sale).
   */
  const discountApproval = async (
    input: Pick<Parameters<Handlers['sales.checkout']>[0], 'lines' | 'basketDiscount' | 'approval'>,
    role: Role,
  ): Promise<Approver | undefined> => {
    // a plain sale (no discount, no override) has nothing to check
    if (!input.basketDiscount && input.lines.every((l) => !l.discount && l.unitPriceMinor === undefined))
      return undefined
    const lines = readSaleLines(ctx, input.lines).map((l) => ({
      qty: l.qty,
      pricePer: l.pricePer,
      listPriceMinor: l.listPriceMinor,
      unitPriceMinor: l.unitPriceMinor,
      discount: l.discount,
    }))
    // impossible discounts are refused as such, before anyone is asked for a PIN
    for (const [i, l] of lines.entries()) {
      const priced = lineBaseMinor({ ...l, unitPriceMinor: l.unitPriceMinor ?? l.listPriceMinor })
      if (l.discount && 'amountMinor' in l.discount && l.discount.amountMinor > priced)
        throw new ApiError('VALIDATION', 'The discount is more than the price', {
          field: `lines.${i}.discount.amountMinor`,
          amountMinor: l.discount.amountMinor,
          priceMinor: priced,
        })
    }
    const share = discountShare(lines, input.basketDiscount)
    const rules = readTillRules(ctx.kv)
    if (withinLimit(share, discountLimitBp(rules, role))) return undefined
    const details = { reason: 'discount', shareBp: shareBp(share), limitBp: discountLimitBp(rules, role) }
    if (!input.approval)
      throw new ApiError('APPROVAL_REQUIRED', "These discounts need a manager's PIN", details)
    const approver = await approve(input.approval)
    const approverRole = ctx.directory.users()[approver.id]?.role ?? 'cashier'
    if (!withinLimit(share, discountLimitBp(rules, approverRole)))
      throw new ApiError('APPROVAL_REQUIRED', "These discounts are beyond that manager's limit too", {
        ...details,
        approverLimitBp: discountLimitBp(rules, approverRole),
      })
    return approver
  }

  /**
   * The customer recorded on a sale: a customer record's id and name (the log is immutable and
   * replicated, so contact details stay in the record, where they can be changed or removed).
   */
  const customerOf = (input: {
    customer?: string | undefined
    customerId?: string | undefined
  }): { customer?: Customer } => {
    if (input.customerId) {
      const record = requireCustomer(ctx, input.customerId)
      return { customer: { customerId: input.customerId, name: input.customer || record.name } }
    }
    return input.customer ? { customer: { name: input.customer } } : {}
  }
  const getView = (saleId: string): V.SaleView => {
    const { replicaId, event } = findSale(ctx, saleId)
    return saleView(ctx, replicaId, event, refundedBySale(ctx, saleId))
  }

  return {
    'sales.checkout': async (input, call) => {
      ctx.gate.assertMayWrite()
      assertShiftIfRequired(ctx)
      const attached = customerOf(input)
      // Asked before any money is taken: beyond the cashier's limit, a manager's PIN on this till.
      const approver = await discountApproval(input, call.user.role)
      try {
        return ctx.store.durable(() =>
          ctx.idempotency.once(
            input.idempotencyKey,
            { method: 'sales.checkout', params: input },
            ctx.nowIso(),
            () => {
              const e = ctx.ops().sell({
                by: call.user.id,
                lines: input.lines,
                ...(input.basketDiscount && { basketDiscount: input.basketDiscount }),
                ...(ctx.directory.meta().pricesIncludeTax === true && { pricesIncludeTax: true }),
                ...(approver && { discountApprovedBy: approver.id }),
                payment: {
                  method: input.payment.method,
                  ...(input.payment.tenderedMinor === undefined
                    ? {}
                    : { tenderedMinor: input.payment.tenderedMinor }),
                  ...(input.payment.cards ? { cards: input.payment.cards } : {}),
                  ...(input.payment.parts ? { parts: input.payment.parts } : {}),
                },
                ...attached,
                ...(input.holdIds && { releaseHolds: input.holdIds }),
                idempotencyKey: input.idempotencyKey,
              })
              return saleView(ctx, me(), e, {})
            },
          ),
        )
      } catch (error) {
        throw explainShortage(ctx, error)
      }
    },

    'sales.holdForPayment': async (input, call) => {
      ctx.gate.assertMayWrite()
      // a till that may not sell without an open shift says so before the tender, too
      assertShiftIfRequired(ctx)
      // and discounts beyond the cashier's limit are approved here, before any money is taken
      await discountApproval(input, call.user.role)
      return withShortageExplained(ctx, () =>
        writeOnce(ctx, 'sales.holdForPayment', input, () => {
          const expiresAt = new Date(ctx.nowMs() + paymentHoldMinutes * 60_000).toISOString()
          const holds = ctx.ops().reserveLines({
            by: call.user.id,
            lines: readSaleLines(ctx, input.lines).map((l) => ({ productId: l.productId, qty: l.qty })),
            expiresAt,
            customer: { name: paymentHoldName },
          })
          return { holdIds: holds.map((h) => h.id), expiresAt }
        }),
      )
    },

    'sales.refund': async (input, call) => {
      assertShiftIfRequired(ctx)
      const crossed = refundRulesCrossed({
        rules: readTillRules(ctx.kv),
        sale: findSale(ctx, input.saleId),
        lines: input.lines,
        myStoreId: ctx.identity().storeId,
        storeOf: (replicaId) => readReplica(ctx.doc, replicaId)?.storeId,
        nowMs: ctx.nowMs(),
      })
      // Asked before anything is paid back: the till shows the PIN pad, then retries with it.
      if (crossed.length > 0 && !input.approval)
        throw new ApiError('APPROVAL_REQUIRED', "This refund needs a manager's PIN", {
          reason: 'refund',
          rules: crossed,
        })
      const approver = crossed.length > 0 && input.approval ? await approve(input.approval) : undefined
      return ctx.store.durable(() =>
        ctx.idempotency.once(
          input.idempotencyKey,
          { method: 'sales.refund', params: input },
          ctx.nowIso(),
          () =>
            refundView(
              ctx,
              ctx.ops().refund({
                by: call.user.id,
                saleId: input.saleId,
                lines: input.lines,
                toStock: input.toStock,
                reason: input.reason,
                ...(approver ? { approvedBy: approver.id } : {}),
                ...(input.storeCredit ? { toCard: input.storeCredit.cardId ?? newStoreCreditId() } : {}),
                ...(input.method && !input.storeCredit ? { method: input.method } : {}),
              }),
            ),
        ),
      )
    },

    'sales.return': async (input, call) => {
      ctx.gate.assertMayWrite()
      assertShiftIfRequired(ctx)
      // a manager's action: managers do it themselves, a cashier's till needs a manager's PIN
      const manager = roleAllows(call.user.role, 'manager')
      if (!manager && !input.approval)
        throw new ApiError('APPROVAL_REQUIRED', "A return without a receipt needs a manager's PIN", {
          reason: 'return-without-receipt',
        })
      const approvedBy = manager ? call.user.id : (await approve(input.approval!)).id
      const includeTax = ctx.directory.meta().pricesIncludeTax === true
      const lines = input.lines.map((l) => {
        const p = readProduct(ctx.doc, l.productId)
        if (!p) throw new ApiError('NOT_FOUND', `No product ${l.productId}`, { productId: l.productId })
        const atPrice = lineAmounts(
          { qty: l.qty, unitPriceMinor: p.priceMinor, taxRate: p.taxRate },
          includeTax,
        )
        return { productId: l.productId, qty: l.qty, amountMinor: l.amountMinor ?? atPrice.grossMinor }
      })
      return writeOnce(ctx, 'sales.return', input, () =>
        refundView(
          ctx,
          ctx.ops().returnWithoutReceipt({
            by: call.user.id,
            lines,
            toStock: input.toStock,
            reason: input.reason,
            approvedBy,
            ...(input.storeCredit
              ? { toCard: input.storeCredit.cardId ?? newStoreCreditId() }
              : { method: input.method }),
          }),
        ),
      )
    },

    'sales.list': (input) => {
      const page = ctx.store.queries.list({ ...input, search: saleSearch(ctx, input) })
      return { total: page.total, items: page.rows.map((r) => saleSummary(ctx, r)) }
    },

    'sales.get': (input) => getView(input.saleId),

    'sales.receipt': (input) => buildReceipt(ctx, input),
  }
}
