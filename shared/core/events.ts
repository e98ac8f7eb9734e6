/**
 * Event types of the per-replica logs (DESIGN.md §3–4). Events are immutable plain JSON, validated
 * when appended and again when folded (a malformed remote event is skipped with an alert).
 * Unknown extra fields are tolerated and dropped, so a slightly newer writer does not break folds.
 */
import { z } from 'zod'
import { BALANCE_PREFIX, CARD_ID_PATTERN, balanceKinds } from './balances.ts'

const Id = z.string().min(1).max(200)
/** A product: never a card balance's counter, so stock events cannot move card balances. */
const ProductId = Id.refine((s) => !s.startsWith(BALANCE_PREFIX), 'not a product id')
/** A printed card number (gift card or store credit). */
export const CardId = z.string().regex(CARD_ID_PATTERN)
/** A payment by card balance: consumes the paying till's rights on `card:<cardId>`. */
export const CardPaymentSchema = z.object({ cardId: CardId, amountMinor: z.int().positive() })
/** A positive integer quantity (units). */
export const Qty = z.int().positive()
/** A non-negative integer amount of money in minor units. */
export const Money = z.int().nonnegative()
/** Tax rate in basis points. */
export const TaxRate = z.int().min(0).max(100_000)
const IsoTime = z.iso.datetime({ offset: true })

/** Fields every event carries. */
const common = {
  /** Contiguous per replica, from 1. */
  seq: z.int().positive(),
  /** Unique id (uuid). For `reserve` it is the hold id, for `request` the request id. */
  id: Id,
  /** Wall clock of the writer, ISO; for display and retention only, never for ordering. */
  at: IsoTime,
  /** The user who did it. */
  by: Id,
  /**
   * Causal dependencies: fold this event only once every event of replica r up to seq n has been
   * folded. The writer lists the latest transfers it received since its previous event (a delta;
   * a checkpoint lists all of them), so no reader ever sees rights spent before they arrived.
   */
  deps: z.record(z.string(), z.int().positive()).optional(),
  /**
   * Id of the writer's previous event (seq − 1). Two histories of one replicaId (a clone, a
   * restored copy) then contradict each other at the first seq both show, even across checkpoints.
   */
  prev: Id.optional(),
}

export const CustomerSchema = z.object({
  /** The `customers` record, when the sale was attached to one. */
  customerId: Id.optional(),
  name: z.string().max(200).optional(),
  phone: z.string().max(50).optional(),
  email: z.string().max(200).optional(),
  note: z.string().max(500).optional(),
})
export type Customer = z.infer<typeof CustomerSchema>

/** Suggested reason codes for `adjust`; any short code is accepted. */
export const ADJUST_REASONS = [
  'count',
  'found',
  'damaged',
  'lost',
  'theft',
  'expired',
  'correction',
  'write-off',
  'other',
] as const

export const paymentMethods = ['cash', 'card', 'other'] as const
export type PaymentMethod = (typeof paymentMethods)[number]

/** A fixed amount paid by one method in a split payment (the last method takes the rest). */
export const TenderPartSchema = z.object({ method: z.enum(paymentMethods), amountMinor: z.int().positive() })

export const orderStatuses = [
  'pending',
  'confirmed',
  'processing',
  'shipped',
  'delivered',
  'cancelled',
] as const
export type OrderStatus = (typeof orderStatuses)[number]

export const releaseReasons = ['manual', 'expired', 'order-cancelled', 'sold'] as const
export type ReleaseReason = (typeof releaseReasons)[number]

/** A discount given, in price terms (tax included when the sale's prices include it). */
export const DiscountSchema = z.object({
  amountMinor: Money,
  /** Set when it was typed as a percentage. */
  percentBp: z.int().min(0).max(10_000).optional(),
  reason: z.string().min(1).max(200),
})
export type Discount = z.infer<typeof DiscountSchema>

export const SaleLineSchema = z.object({
  productId: ProductId,
  qty: Qty,
  unitPriceMinor: Money,
  taxRate: TaxRate,
  /** The catalog price when the cashier overrode it, and why. */
  override: z.object({ listPriceMinor: Money, reason: z.string().min(1).max(200) }).optional(),
  /** This line's own discount. */
  discount: DiscountSchema.optional(),
  /** This line's share of the basket discount (shares add up to it exactly). */
  basketShareMinor: Money.optional(),
  /** The price is for this many units: 1,000 for a price per kilogram of grams, a label's grams. */
  pricePer: z.int().positive().optional(),
  /** The scale label it was sold from (its weight or price decided qty and price). */
  label: z.string().max(20).optional(),
})
export type SaleLine = z.infer<typeof SaleLineSchema>

export const OrderLineSchema = z.object({ productId: ProductId, qty: Qty, unitPriceMinor: Money })
export type OrderLine = z.infer<typeof OrderLineSchema>

export const RestockEventSchema = z.object({
  ...common,
  type: z.literal('restock'),
  productId: ProductId,
  qty: Qty,
  note: z.string().max(500).optional(),
  /** What each unit cost (a delivery received against a purchase order): feeds the average cost. */
  costMinor: Money.optional(),
  /** The purchase order it was received against. */
  poId: Id.optional(),
})

export const AdjustEventSchema = z.object({
  ...common,
  type: z.literal('adjust'),
  productId: ProductId,
  /** Signed, never zero: positive adds units (found stock), negative removes them. */
  delta: z.int().refine((n) => n !== 0, 'delta must not be zero'),
  reason: z.string().min(1).max(64),
  note: z.string().max(500).optional(),
})

export const SaleEventSchema = z.object({
  ...common,
  type: z.literal('sale'),
  lines: z.array(SaleLineSchema).min(1),
  totals: z.object({ subtotalMinor: Money, taxMinor: Money, totalMinor: Money }),
  /** Prices (and discounts) include tax: the organization's setting when the sale was made. */
  pricesIncludeTax: z.boolean().optional(),
  /** A discount of the whole basket, shared among the lines (`basketShareMinor`). */
  basketDiscount: DiscountSchema.optional(),
  /** The manager whose PIN allowed discounts or overrides beyond the cashier's limit. */
  discountApprovedBy: Id.optional(),
  /**
   * `cards`: parts paid from gift cards or store credit (they consume this till's rights on each
   * card); the rest (total − cards) is paid by `method`, with change only from cash.
   */
  payment: z.object({
    method: z.enum(paymentMethods),
    tenderedMinor: Money,
    changeMinor: Money,
    cards: z.array(CardPaymentSchema).min(1).max(10).optional(),
    /** Fixed amounts paid by other methods first (split tender); `method` pays the rest. */
    parts: z.array(TenderPartSchema).min(1).max(10).optional(),
  }),
  customer: CustomerSchema.optional(),
  idempotencyKey: z.string().min(1).max(200).optional(),
})

export const RefundEventSchema = z.object({
  ...common,
  type: z.literal('refund'),
  /** The sale refunded; absent for a return without a receipt (a manager's action). */
  saleId: Id.optional(),
  lines: z
    .array(
      z.object({
        productId: ProductId,
        qty: Qty,
        amountMinor: Money,
        /** A return without a receipt: the rate its tax was taken out at (the product's, that day). */
        taxRate: TaxRate.optional(),
      }),
    )
    .min(1),
  /** True: the goods go back on the shelf (inc). False: written off, counts unchanged. */
  toStock: z.boolean(),
  amountMinor: Money,
  reason: z.string().max(200).optional(),
  /** The manager whose PIN allowed it (a refund the till's rules reserve to managers). */
  approvedBy: Id.optional(),
  /** Paid back as store credit on this card (adds rights here) instead of money. */
  toCard: CardId.optional(),
  /** How the money went back, when not as the sale was paid. */
  method: z.enum(paymentMethods).optional(),
})

export const TransferEventSchema = z.object({
  ...common,
  type: z.literal('transfer'),
  productId: Id,
  to: Id,
  qty: Qty,
  /** The request this transfer answers, if any. */
  requestId: Id.optional(),
})

export const RequestEventSchema = z.object({
  ...common,
  type: z.literal('request'),
  productId: Id,
  donor: Id,
  qty: Qty,
})

export const RequestCancelEventSchema = z.object({
  ...common,
  type: z.literal('request-cancel'),
  requestId: Id,
})

/** A hold; its id is the hold id. Consumes rights like a sale. */
export const ReserveEventSchema = z.object({
  ...common,
  type: z.literal('reserve'),
  productId: ProductId,
  qty: Qty,
  expiresAt: IsoTime,
  orderId: Id.optional(),
  customer: CustomerSchema.optional(),
})

/** Gives a hold's units back (inc). Carries product and qty so counts never depend on lookups. */
export const ReleaseEventSchema = z.object({
  ...common,
  type: z.literal('release'),
  holdId: Id,
  productId: ProductId,
  qty: Qty,
  reason: z.enum(releaseReasons),
})

/** Turns a hold into a sale: the units stay consumed, the hold closes. */
export const FulfilEventSchema = z.object({
  ...common,
  type: z.literal('fulfil'),
  holdId: Id,
  productId: ProductId,
  qty: Qty,
  saleId: Id.optional(),
})

export const OrderEventSchema = z.object({
  ...common,
  type: z.literal('order'),
  orderId: Id,
  status: z.enum(orderStatuses),
  /** Present on the creating event. */
  lines: z.array(OrderLineSchema).optional(),
  customer: CustomerSchema.optional(),
})

export const CheckpointHoldSchema = z.object({
  holdId: Id,
  productId: ProductId,
  qty: Qty,
  expiresAt: IsoTime,
  at: IsoTime,
  orderId: Id.optional(),
  customer: CustomerSchema.optional(),
})
export const CheckpointRequestSchema = z.object({
  requestId: Id,
  productId: Id,
  donor: Id,
  qty: Qty,
  at: IsoTime,
})
export const CheckpointOrderSchema = z.object({
  orderId: Id,
  status: z.enum(orderStatuses),
  statusSeq: z.int().positive(),
  lines: z.array(OrderLineSchema).optional(),
  customer: CustomerSchema.optional(),
  createdAt: IsoTime.optional(),
})
/** One product's cumulative counters in a checkpoint (checked by `isTotalsByProduct`). */
export interface CheckpointTotals {
  inc: number
  dec: number
  /** Rights given to each other replica. */
  out: Record<string, number>
}

const isCount = (n: unknown): boolean => Number.isSafeInteger(n) && (n as number) >= 0

/**
 * A checkpoint's `totals` (product id → non-negative integer counters) as one predicate rather
 * than a zod record of object schemas: a checkpoint lists every product its writer ever moved and
 * is parsed at every start, and at 50k products the schema form cost ~200 ms of a store's
 * start-up (this, ~35 ms). Extra keys inside a product's totals are ignored.
 */
function isTotalsByProduct(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false
  for (const t of Object.values(value)) {
    if (!t || typeof t !== 'object') return false
    const { inc, dec, out } = t as { inc?: unknown; dec?: unknown; out?: unknown }
    if (!isCount(inc) || !isCount(dec) || !out || typeof out !== 'object' || Array.isArray(out)) return false
    for (const n of Object.values(out)) if (!isCount(n)) return false
  }
  return true
}

/**
 * The writer's cumulative state from all its events with seq < this event's seq (= upTo + 1):
 * enough to fold the tail without the older events, which may then be deleted.
 */
export const CheckpointEventSchema = z
  .object({
    ...common,
    type: z.literal('checkpoint'),
    upTo: z.int().nonnegative(),
    totals: z.custom<Record<string, CheckpointTotals>>(isTotalsByProduct, 'invalid product totals'),
    holds: z.array(CheckpointHoldSchema),
    requests: z.array(CheckpointRequestSchema),
    answered: z.array(Id),
    orders: z.array(CheckpointOrderSchema),
  })
  .refine((e) => e.upTo === e.seq - 1, 'a checkpoint covers exactly the events before it')

/** How cash moves in or out of a drawer outside a sale. */
export const cashMoveKinds = ['pay-in', 'pay-out', 'no-sale'] as const
export type CashMoveKind = (typeof cashMoveKinds)[number]

/** Coins and notes counted: denomination in minor units → how many. */
export const DenominationsSchema = z.record(
  z.string().regex(/^[1-9]\d{0,8}$/),
  z.int().nonnegative().max(1_000_000),
)
export type Denominations = z.infer<typeof DenominationsSchema>

/**
 * A till's shift starts: the drawer holds `floatMinor`. A shift covers the till's own events after
 * this one up to its `shift-close`; nothing else marks membership, so a shift survives what the log
 * survives (kill -9, restore) and any store can report it from its ledger.
 */
export const ShiftOpenEventSchema = z.object({
  ...common,
  type: z.literal('shift-open'),
  floatMinor: Money,
  denominations: DenominationsSchema.optional(),
})

/** Cash in or out of the drawer outside a sale, with a reason; "no sale" is a counted drawer open. */
export const CashMoveEventSchema = z.object({
  ...common,
  type: z.literal('cash-move'),
  shiftId: Id,
  kind: z.enum(cashMoveKinds),
  amountMinor: Money,
  reason: z.string().min(1).max(64),
  note: z.string().max(500).optional(),
})

/** The shift ends with the drawer counted; the expected figure is fixed here so a Z report never moves. */
export const ShiftCloseEventSchema = z.object({
  ...common,
  type: z.literal('shift-close'),
  shiftId: Id,
  countedMinor: Money,
  expectedMinor: z.int(),
  denominations: DenominationsSchema.optional(),
  /** The cashier counted without seeing the expected figure. */
  blind: z.boolean(),
  /** The manager whose PIN approved an over/short beyond the store's limit. */
  approvedBy: Id.optional(),
})

/**
 * A cart put aside on a till (no stock held, no money taken), to be recalled on any till of the
 * store. Its id is the parked cart's id.
 */
export const ParkEventSchema = z.object({
  ...common,
  type: z.literal('park'),
  name: z.string().min(1).max(100),
  lines: z
    .array(
      z.object({
        productId: ProductId,
        qty: Qty,
        /** A scale label's package (recalled as the same label). */
        label: z.string().max(20).optional(),
      }),
    )
    .min(1)
    .max(500),
  customer: CustomerSchema.optional(),
})

/** A parked cart leaves the parked list: recalled into a till's cart, or discarded by someone. */
export const UnparkEventSchema = z.object({
  ...common,
  type: z.literal('unpark'),
  parkId: Id,
  outcome: z.enum(['recalled', 'discarded']),
})

/**
 * A gift card sold (money taken by `payment`) or topped up: adds `amountMinor` of rights on
 * `card:<cardId>` at this till.
 */
export const CardIssueEventSchema = z.object({
  ...common,
  type: z.literal('card-issue'),
  cardId: CardId,
  kind: z.enum(balanceKinds),
  amountMinor: z.int().positive(),
  payment: z.object({ method: z.enum(paymentMethods), tenderedMinor: Money, changeMinor: Money }).optional(),
})

/** A stock count starts on this till: the products to count, and whether counters see expectations. */
export const CountStartEventSchema = z.object({
  ...common,
  type: z.literal('count-start'),
  name: z.string().min(1).max(100),
  productIds: z.array(ProductId).min(1).max(100_000),
  blind: z.boolean(),
})

/**
 * One product counted. `expectedQty` is what this store held by its own figures at that moment
 * (rights here + its open holds); posting adds `countedQty − expectedQty`, so sales after the
 * count never turn into a false variance.
 */
export const CountLineEventSchema = z.object({
  ...common,
  type: z.literal('count-line'),
  countId: Id,
  productId: ProductId,
  countedQty: z.int().nonnegative(),
  expectedQty: z.int().nonnegative(),
})

/**
 * The count is posted: its adjustments (reason "count") are the events written with it. A shortfall
 * larger than the rights left here (given away since the count) is recorded as not posted.
 */
export const CountPostEventSchema = z.object({
  ...common,
  type: z.literal('count-post'),
  countId: Id,
  approvedBy: Id.optional(),
  unposted: z.array(z.object({ productId: ProductId, qty: z.int().positive() })).optional(),
})

export const RetireEventSchema = z.object({ ...common, type: z.literal('retire'), successor: Id })

export const PoLineSchema = z.object({ productId: ProductId, qty: Qty, unitCostMinor: Money })
export type PoLine = z.infer<typeof PoLineSchema>

/** A purchase order drafted for this till's store; its id is the event id. */
export const PoCreateEventSchema = z.object({
  ...common,
  type: z.literal('po-create'),
  supplierId: Id,
  lines: z.array(PoLineSchema).min(1).max(1000),
  note: z.string().max(500).optional(),
})

/** A draft's lines replaced (only while it is a draft). */
export const PoLinesEventSchema = z.object({
  ...common,
  type: z.literal('po-lines'),
  poId: Id,
  lines: z.array(PoLineSchema).min(1).max(1000),
})

export const poStates = ['sent', 'cancelled'] as const

/** A purchase order sent to its supplier, or cancelled. */
export const PoStateEventSchema = z.object({
  ...common,
  type: z.literal('po-state'),
  poId: Id,
  state: z.enum(poStates),
  reason: z.string().max(200).optional(),
})

/**
 * A delivery received against a purchase order: good units go on the shelf through restock
 * events appended with it (one step), damaged ones are recorded here only.
 */
export const PoReceiptEventSchema = z.object({
  ...common,
  type: z.literal('po-receipt'),
  poId: Id,
  lines: z
    .array(
      z.object({ productId: ProductId, qty: z.int().min(0), damaged: z.int().min(0), unitCostMinor: Money }),
    )
    .min(1)
    .max(1000),
  note: z.string().max(500).optional(),
})

export const EventSchema = z.discriminatedUnion('type', [
  RestockEventSchema,
  AdjustEventSchema,
  SaleEventSchema,
  RefundEventSchema,
  TransferEventSchema,
  RequestEventSchema,
  RequestCancelEventSchema,
  ReserveEventSchema,
  ReleaseEventSchema,
  FulfilEventSchema,
  OrderEventSchema,
  CheckpointEventSchema,
  RetireEventSchema,
  ShiftOpenEventSchema,
  CashMoveEventSchema,
  ShiftCloseEventSchema,
  ParkEventSchema,
  UnparkEventSchema,
  CardIssueEventSchema,
  CountStartEventSchema,
  CountLineEventSchema,
  CountPostEventSchema,
  PoCreateEventSchema,
  PoLinesEventSchema,
  PoStateEventSchema,
  PoReceiptEventSchema,
])

export type RestockEvent = z.infer<typeof RestockEventSchema>
export type AdjustEvent = z.infer<typeof AdjustEventSchema>
export type SaleEvent = z.infer<typeof SaleEventSchema>
export type RefundEvent = z.infer<typeof RefundEventSchema>
export type TransferEvent = z.infer<typeof TransferEventSchema>
export type RequestEvent = z.infer<typeof RequestEventSchema>
export type RequestCancelEvent = z.infer<typeof RequestCancelEventSchema>
export type ReserveEvent = z.infer<typeof ReserveEventSchema>
export type ReleaseEvent = z.infer<typeof ReleaseEventSchema>
export type FulfilEvent = z.infer<typeof FulfilEventSchema>
export type OrderEvent = z.infer<typeof OrderEventSchema>
export type CheckpointEvent = z.infer<typeof CheckpointEventSchema>
export type RetireEvent = z.infer<typeof RetireEventSchema>
export type ShiftOpenEvent = z.infer<typeof ShiftOpenEventSchema>
export type CashMoveEvent = z.infer<typeof CashMoveEventSchema>
export type ShiftCloseEvent = z.infer<typeof ShiftCloseEventSchema>
export type ParkEvent = z.infer<typeof ParkEventSchema>
export type UnparkEvent = z.infer<typeof UnparkEventSchema>
export type CardIssueEvent = z.infer<typeof CardIssueEventSchema>
export type CountStartEvent = z.infer<typeof CountStartEventSchema>
export type CountLineEvent = z.infer<typeof CountLineEventSchema>
export type CountPostEvent = z.infer<typeof CountPostEventSchema>
export type PoCreateEvent = z.infer<typeof PoCreateEventSchema>
export type PoLinesEvent = z.infer<typeof PoLinesEventSchema>
export type PoStateEvent = z.infer<typeof PoStateEventSchema>
export type PoReceiptEvent = z.infer<typeof PoReceiptEventSchema>
export type CardPayment = z.infer<typeof CardPaymentSchema>
export type TenderPart = z.infer<typeof TenderPartSchema>
export type CheckpointHold = z.infer<typeof CheckpointHoldSchema>
export type CheckpointRequest = z.infer<typeof CheckpointRequestSchema>
export type CheckpointOrder = z.infer<typeof CheckpointOrderSchema>
/** Any log event. */
export type AllotEvent = z.infer<typeof EventSchema>
export type EventType = AllotEvent['type']

/** The event fields a caller provides; the ops add seq, id, at. */
export type EventHeader = Pick<AllotEvent, 'seq' | 'id' | 'at' | 'by' | 'deps' | 'prev'>

export type ParseResult = { ok: true; event: AllotEvent } | { ok: false; error: string }

/**
 * Parses are cached per raw object: Yjs hands out the same immutable event objects for as long as
 * a doc lives, so a refold does not validate every event again.
 */
const parsed = new WeakMap<object, ParseResult>()

/** Validates an untrusted event (never throws). */
export function parseEvent(raw: unknown): ParseResult {
  const cached = raw !== null && typeof raw === 'object' ? parsed.get(raw) : undefined
  if (cached) return cached
  const result = EventSchema.safeParse(raw)
  const out: ParseResult = result.success
    ? { ok: true, event: result.data }
    : {
        ok: false,
        error: result.error.issues.map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`).join('; '),
      }
  if (raw !== null && typeof raw === 'object') parsed.set(raw, out)
  // The validated object is what writers append: when the fold meets it, it is already known good.
  if (out.ok) parsed.set(out.event, out)
  return out
}
