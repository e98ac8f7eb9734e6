import { z } from 'zod'
import { paymentMethods } from '../../core/events.ts'
import type * as V from '../views.ts'
import { method, returns } from '../method.ts'
import { parseReceiptNo } from '../receipt/receipt-number.ts'
import { paperWidth } from '../receipt/paper-width.ts'
import { approval, cardId, id, idempotencyKey, isoDate, minor, page, qty, text } from './fields.ts'

// Sales and refunds at this till.

/** How a sale is paid: gift cards and fixed parts first, `method` pays the rest (change from cash only). */
export const payment = z.strictObject({
  method: z.enum(paymentMethods),
  tenderedMinor: minor.optional(),
  /** Parts paid from gift cards or store credit held at this till; the rest by `method`. */
  cards: z
    .array(z.strictObject({ cardId, amountMinor: minor.refine((n) => n > 0, 'more than zero') }))
    .min(1)
    .max(10)
    .optional(),
  /** Split tender: fixed amounts by other methods first (e.g. 20.00 by card); `method` pays the rest. */
  parts: z
    .array(
      z.strictObject({
        method: z.enum(paymentMethods),
        amountMinor: minor.refine((n) => n > 0, 'more than zero'),
      }),
    )
    .min(1)
    .max(10)
    .optional(),
})

/** A discount as the cashier types it: a percentage (basis points) or an amount, and why. */
const discountInput = z.union([
  z.strictObject({ percentBp: z.int().min(1).max(10_000), reason: text(200) }),
  z.strictObject({ amountMinor: minor.refine((n) => n > 0, 'more than zero'), reason: text(200) }),
])

/** A cart's lines as sold: product, quantity, and the cashier's price override or discount. */
const saleLines = z
  .array(
    z
      .strictObject({
        productId: id,
        /** Units; grams of a product sold by weight; 1 (one package) with a scale label. */
        qty,
        /** A price override (in the organization's price terms), with its reason. */
        unitPriceMinor: minor.optional(),
        overrideReason: text(200).optional(),
        discount: discountInput.optional(),
        /** The scale label scanned: its weight or price decides the line's quantity and price. */
        label: z
          .string()
          .regex(/^2\d{12}$/, 'a scale label is 13 digits starting with 2')
          .optional(),
      })
      .refine((l) => l.unitPriceMinor === undefined || l.overrideReason !== undefined, {
        message: 'a price override needs a reason',
        path: ['overrideReason'],
      })
      .refine((l) => l.label === undefined || (l.qty === 1 && l.unitPriceMinor === undefined), {
        message: 'a scale label sells one package at its own price',
        path: ['label'],
      }),
  )
  .min(1)
  .max(500)

/** A cart as priced at the till: the sale and its payment hold send the same. */
const pricedCart = {
  lines: saleLines,
  /** Taken off the basket after the line discounts. */
  basketDiscount: discountInput.optional(),
  /** A manager's PIN on this till, when the discounts go beyond the cashier's limit. */
  approval: approval.optional(),
}

export const salesMethods = {
  'sales.checkout': method(
    'cashier',
    z.strictObject({
      idempotencyKey,
      ...pricedCart,
      payment,
      customer: z.string().max(200).optional(),
      /** A customer record to attach (its name goes on the receipt). */
      customerId: id.optional(),
      /** The holds `sales.holdForPayment` took on this cart: their units become the sale's. */
      holdIds: z.array(id).max(500).optional(),
    }),
    returns<V.SaleView>(),
  ),
  /**
   * Before any tender is offered: holds the cart's units at this till while it is paid for, or
   * refuses — OUT_OF_STOCK with the shortage, or APPROVAL_REQUIRED for discounts beyond the
   * cashier's limit — so every refusal comes before money is taken. The sale sends the same lines.
   */
  'sales.holdForPayment': method(
    'cashier',
    z.strictObject({ idempotencyKey, ...pricedCart }),
    returns<V.PaymentHoldView>(),
  ),
  'sales.refund': method(
    'cashier',
    z.strictObject({
      idempotencyKey,
      saleId: id,
      lines: z
        .array(z.strictObject({ productId: id, qty }))
        .min(1)
        .max(500),
      toStock: z.boolean(),
      reason: text(200),
      approval: approval.optional(),
      /** How the money goes back (default: as the sale was paid); ignored for store credit. */
      method: z.enum(paymentMethods).optional(),
      /** Pay back as store credit: on this card number, or a new one when empty. */
      storeCredit: z.strictObject({ cardId: cardId.optional() }).optional(),
    }),
    returns<V.RefundView>(),
  ),
  /** Goods back without a receipt: a manager does it, or approves it with their PIN on this till. */
  'sales.return': method(
    'cashier',
    z.strictObject({
      idempotencyKey,
      lines: z
        .array(
          z.strictObject({
            productId: id,
            qty,
            /** What goes back for these units (default: their catalog price now, tax included). */
            amountMinor: minor.optional(),
          }),
        )
        .min(1)
        .max(500),
      toStock: z.boolean(),
      reason: text(200),
      approval: approval.optional(),
      method: z.enum(paymentMethods).default('cash'),
      storeCredit: z.strictObject({ cardId: cardId.optional() }).optional(),
    }),
    returns<V.RefundView>(),
  ),
  'sales.list': method(
    'cashier',
    z.strictObject({
      ...page,
      from: isoDate.optional(),
      to: isoDate.optional(),
      replicaId: id.optional(),
      /** The search box: a receipt number, a customer's name or a total ("12.50"); any may match. */
      search: z.string().trim().min(1).max(100).optional(),
      /** A receipt number as printed ("S01-T2-000123"), or its end ("T2-123", "123"). */
      receiptNo: z
        .string()
        .trim()
        .refine((s) => parseReceiptNo(s) !== undefined, 'a receipt number such as S01-T2-000123')
        .optional(),
      /** Part of the customer's name. */
      customer: z.string().trim().min(1).max(200).optional(),
      /** The sale's total, exactly. */
      amountMinor: minor.optional(),
    }),
    returns<{ items: V.SaleSummary[]; total: number }>(),
  ),
  'sales.get': method('cashier', z.strictObject({ saleId: id }), returns<V.SaleView>()),
  'sales.receipt': method(
    'cashier',
    z.strictObject({
      /** The sale; absent with `refundId` for a return without a receipt. */
      saleId: id.optional(),
      /** The receipt of this refund of the sale instead of the sale's. */
      refundId: id.optional(),
      /** Paper to lay the lines out for; this till's setting when absent. */
      paperWidth: paperWidth.optional(),
      /** A reprint: marked COPY. */
      copy: z.boolean().optional(),
    }),
    returns<V.ReceiptView>(),
  ),
} as const
