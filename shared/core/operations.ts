/**
 * Operations as replica r (DESIGN.md §4). Each one checks against r's fold and appends to r's own
 * log in one synchronous step inside one `doc.transact(…, origin)`, so no other write can slip in
 * between the check and the append. Everything that lowers r's rights is written here, by r only.
 */
import type * as Y from 'yjs'
import { buildCheckpointBody, prunablePrefix, supersededCheckpoints } from './checkpoint.ts'
import { DomainError } from './errors.ts'
import type { ShortLine } from './errors.ts'
import { orderStatuses, parseEvent, paymentMethods, releaseReasons } from './events.ts'
import type {
  Discount,
  SaleLine,
  AdjustEvent,
  AllotEvent,
  CardIssueEvent,
  CardPayment,
  TenderPart,
  CashMoveEvent,
  CashMoveKind,
  CheckpointEvent,
  CountLineEvent,
  CountPostEvent,
  CountStartEvent,
  PoCreateEvent,
  PoLine,
  PoLinesEvent,
  PoReceiptEvent,
  PoStateEvent,
  Denominations,
  Customer,
  FulfilEvent,
  OrderEvent,
  OrderStatus,
  ParkEvent,
  PaymentMethod,
  RefundEvent,
  ReleaseEvent,
  ReleaseReason,
  RequestCancelEvent,
  RequestEvent,
  ReserveEvent,
  RestockEvent,
  RetireEvent,
  SaleEvent,
  ShiftCloseEvent,
  ShiftOpenEvent,
  TransferEvent,
  UnparkEvent,
} from './events.ts'
import type { DocFold } from './fold.ts'
import {
  CARD_ID_PATTERN,
  balanceKey,
  balanceKinds,
  cardIdOf,
  isBalanceKey,
  type BalanceKind,
} from './balances.ts'
import {
  apportion,
  discountOf,
  lineAmounts,
  lineBaseMinor,
  refundShareMinor,
  saleTotals,
  type DiscountSpec,
} from './money.ts'
import { labelledQty, pricePerOf } from './scale-line.ts'
import { planGrants, planRequests } from './rebalance.ts'
import type { AskPolicy, GrantPolicy } from './rebalance.ts'
import { appendToLog } from './log-append.ts'
import {
  SCHEMA_VERSION,
  getLog,
  isSchemaNewer,
  listReplicas,
  readProduct,
  readReplica,
  writeReplica,
} from './schema.ts'
import type { Product } from './schema.ts'

/** Origin of every transaction the ops make, so observers can tell local writes apart. */
export const CORE_ORIGIN: unique symbol = Symbol.for('allot.core.ops')

/** A sale older than the fold's memory, supplied by the store's ledger for refunds. */
export interface ArchivedSale {
  lines: ReadonlyArray<SaleLine>
  pricesIncludeTax?: boolean | undefined
  /** Units already refunded per product. */
  refunded: Readonly<Record<string, number>>
}

export interface ReplicaOpsOptions {
  /** This replica's id (its log is `log:<replicaId>`). */
  replicaId: string
  /** Wall clock, ISO 8601 (display, expiry and retention only). */
  now: () => string
  /** A new unique id (uuid). */
  newId: () => string
  /** Transaction origin; defaults to CORE_ORIGIN. */
  origin?: unknown
  /** Looks up a sale the fold no longer remembers (after its checkpoint), for refunds. */
  lookupSale?: (saleId: string) => ArchivedSale | undefined
  /**
   * The schema version to obey (a store passes the one it verified was written by head office);
   * defaults to the document's `meta.schemaVersion`, whoever wrote it.
   */
  schemaVersion?: () => number | undefined
}

interface Who {
  /** The user doing it. */
  by: string
}

export interface RestockInput extends Who {
  productId: string
  qty: number
  note?: string
}
export interface AdjustInput extends Who {
  productId: string
  /** Signed, non-zero. Negative needs rights. */
  delta: number
  /** Reason code (see ADJUST_REASONS). */
  reason: string
  note?: string
}
export interface SellLineInput {
  productId: string
  /** Units (grams of a product sold by weight); with a `label`, the label's quantity wins. */
  qty: number
  /** A scale label scanned for this line: its weight or price decides quantity and price. */
  label?: string
  /** Overrides the catalog price (in the sale's price terms, minor units). */
  unitPriceMinor?: number
  /** Why the price was overridden (recorded with the catalog price). */
  overrideReason?: string
  /** Taken off this line's price × qty. */
  discount?: DiscountSpec & { reason: string }
}
export interface SellInput extends Who {
  lines: SellLineInput[]
  /** `tenderedMinor` defaults to the total; change = tendered − total. */
  /** `tenderedMinor` covers what cards and parts leave to pay; change only from cash. */
  payment: { method: PaymentMethod; tenderedMinor?: number; cards?: CardPayment[]; parts?: TenderPart[] }
  customer?: Customer
  idempotencyKey?: string
  /** Taken off the basket after line discounts, shared among the lines. */
  basketDiscount?: DiscountSpec & { reason: string }
  /** Prices include tax (the organization's setting, recorded on the sale). */
  pricesIncludeTax?: boolean
  /** The manager whose PIN allowed discounts or overrides beyond the cashier's limit. */
  discountApprovedBy?: string
  /**
   * Holds this till took on the cart while it was being paid for: given back in the sale's own
   * append, so their units are the sale's (a hold that already ended gives nothing back).
   */
  releaseHolds?: readonly string[]
}
export interface RefundInput extends Who {
  saleId: string
  lines: Array<{ productId: string; qty: number }>
  /** True: back on the shelf (adds rights here). False: written off. */
  toStock: boolean
  reason?: string
  /** The manager whose PIN allowed a refund the till's rules do not let a cashier make alone. */
  approvedBy?: string
  /** Pay the refund back as store credit on this card number instead of money. */
  toCard?: string
  /** How the money goes back (default: as the sale was paid). */
  method?: PaymentMethod
}

export interface ReturnInput extends Who {
  lines: Array<{ productId: string; qty: number; amountMinor: number }>
  toStock: boolean
  reason: string
  /** The manager who did it or approved it (always recorded). */
  approvedBy: string
  toCard?: string
  method?: PaymentMethod
}

export interface IssueCardInput extends Who {
  cardId: string
  kind: BalanceKind
  amountMinor: number
  /** How the customer paid for a gift card; absent for store credit given without money. */
  payment?: { method: PaymentMethod; tenderedMinor?: number }
}
export interface TransferInput extends Who {
  productId: string
  to: string
  qty: number
  requestId?: string
}
export interface CashMoveInput {
  shiftId: string
  kind: CashMoveKind
  amountMinor: number
  reason: string
  note?: string
}

export interface ShiftCloseInput {
  shiftId: string
  countedMinor: number
  expectedMinor: number
  blind: boolean
  denominations?: Denominations
  approvedBy?: string
}

export interface RequestInput extends Who {
  productId: string
  donor: string
  qty: number
}
export interface ReserveInput extends Who {
  productId: string
  qty: number
  /** ISO time after which the hold may be released automatically. */
  expiresAt: string
  orderId?: string
  customer?: Customer
}
export interface OrderCreateInput extends Who {
  lines: SellLineInput[]
  customer?: Customer
  /** Expiry written on the order's holds (order holds are never released automatically). */
  holdExpiresAt: string
}

/** The ops of one replica. Every method throws DomainError on refusal and writes nothing then. */
export interface ReplicaOps {
  readonly replicaId: string
  /** Why writing is off, or undefined when this replica may write. */
  readOnlyReason(): string | undefined
  /** inc: always allowed for a known product. */
  restock(input: RestockInput): RestockEvent
  /** Positive: found stock (inc). Negative: needs rights (dec). Reason required. */
  adjust(input: AdjustInput): AdjustEvent
  /** All-or-nothing; OUT_OF_STOCK details `{ lines: ShortLine[] }` list every short line. */
  sell(input: SellInput): SaleEvent
  /** Sells an open hold of this replica through a real sale (paid, on the receipt, in reports). */
  sellHold(input: Omit<SellInput, 'lines'> & { holdId: string }): SaleEvent
  /** Refund against a known sale; never more than sold minus already refunded. */
  refund(input: RefundInput): RefundEvent
  /** Goods back without a receipt: a manager's action, paid back as stated (cash, card, other, credit). */
  returnWithoutReceipt(input: ReturnInput): RefundEvent
  /** Starts a stock count of these products on this till. */
  /** Drafts a purchase order for this till's store. */
  createPo(input: Who & { supplierId: string; lines: PoLine[]; note?: string }): PoCreateEvent
  /** Replaces a draft's lines (the caller checks it is still a draft). */
  updatePoLines(input: Who & { poId: string; lines: PoLine[] }): PoLinesEvent
  /** Sends or cancels a purchase order (the caller checks the state allows it). */
  setPoState(input: Who & { poId: string; state: PoStateEvent['state']; reason?: string }): PoStateEvent
  /**
   * Receives a delivery against a purchase order: the good units restocked here with their cost,
   * the receipt recorded, in one append.
   */
  receivePo(input: Who & { poId: string; lines: PoReceiptEvent['lines']; note?: string }): PoReceiptEvent
  startCount(input: Who & { name: string; productIds: string[]; blind: boolean }): CountStartEvent
  /** Records one counted product with what this store expected of it at this moment. */
  countLine(input: Who & { countId: string; productId: string; countedQty: number }): CountLineEvent
  /**
   * Posts a count's variances as adjustments (reason "count"), each counted − expected at the
   * moment of counting; returns the post and the adjustments, written together.
   */
  postCount(
    input: Who & {
      countId: string
      lines: Array<{ productId: string; countedQty: number; expectedQty: number }>
      approvedBy?: string
    },
  ): { post: CountPostEvent; adjustments: AdjustEvent[] }
  /** Sells or tops up a gift card (or gives store credit): adds rights on its balance here. */
  issueCard(input: IssueCardInput): CardIssueEvent
  /** Moves rights to another active replica. */
  transfer(input: TransferInput): TransferEvent
  /** Starts a shift on this till (the caller checks that none is open). Escrow is untouched. */
  openShift(input: Who & { floatMinor: number; denominations?: Denominations }): ShiftOpenEvent
  /** Pay-in, pay-out or a counted "no sale" drawer open during a shift. */
  moveCash(input: Who & CashMoveInput): CashMoveEvent
  /** Ends a shift with the drawer's count and the expected figure at that moment. */
  closeShift(input: Who & ShiftCloseInput): ShiftCloseEvent
  /** Puts a cart aside under a name; holds no stock. */
  park(
    input: Who & {
      name: string
      lines: Array<{ productId: string; qty: number; label?: string | undefined }>
      customer?: Customer
    },
  ): ParkEvent
  /** Takes a parked cart (of any till) off the parked list. */
  unpark(input: Who & { parkId: string; outcome: 'recalled' | 'discarded' }): UnparkEvent
  /** Asks a donor for rights; the request waits in the doc until answered or cancelled. */
  request(input: RequestInput): RequestEvent
  /** Withdraws one of this replica's outstanding requests. */
  cancelRequest(input: Who & { requestId: string }): RequestCancelEvent
  /** A hold with expiry; consumes rights like a sale. The event id is the hold id. */
  reserve(input: ReserveInput): ReserveEvent
  /** Holds every line of a cart at once, or none (like sell): the units wait for its payment. */
  reserveLines(
    input: Who & { lines: Array<{ productId: string; qty: number }>; expiresAt: string; customer?: Customer },
  ): ReserveEvent[]
  /** Gives an open hold of this replica back (inc). */
  release(input: Who & { holdId: string; reason?: ReleaseReason }): ReleaseEvent
  /** Turns an open hold of this replica into a sale (counts unchanged). */
  fulfil(input: Who & { holdId: string; saleId?: string }): FulfilEvent
  /** Releases this replica's expired holds that belong to no open order. */
  releaseExpired(input: Who): ReleaseEvent[]
  /** Creates a pending order and holds its lines (all-or-nothing, like sell). */
  orderCreate(input: OrderCreateInput): { order: OrderEvent; holds: ReserveEvent[] }
  /** Moves an order forward; reaching shipped (or beyond) fulfils its open holds. */
  orderAdvance(input: Who & { orderId: string; status: OrderStatus }): {
    order: OrderEvent
    fulfils: FulfilEvent[]
  }
  /** Cancels an order before it is shipped and releases its holds. */
  orderCancel(input: Who & { orderId: string }): { order: OrderEvent; releases: ReleaseEvent[] }
  /** Moves every right to the successor, cancels own requests, appends retire; then read-only. */
  retire(input: Who & { successor: string }): {
    transfers: TransferEvent[]
    cancels: RequestCancelEvent[]
    retire: RetireEvent
  }
  /** Appends a checkpoint and deletes own events before it that are older than `retentionMs`. */
  checkpoint(input: Who & { retentionMs: number }): { event: CheckpointEvent; deleted: number }
  /** Donor side of rebalancing: answers requests addressed here (see planGrants). */
  grantRequests(input: Who & GrantPolicy): TransferEvent[]
  /** Requester side of rebalancing (see planRequests). */
  askForStock(input: Who & Omit<AskPolicy, 'now' | 'replicas'>): Array<RequestEvent | RequestCancelEvent>
}

const fail = (code: DomainError['code'], message: string, details?: unknown): never => {
  throw new DomainError(code, message, details)
}

function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) fail('VALIDATION', `${field} is required`, { field })
  return value as string
}

function requireQty(value: unknown, field = 'qty'): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0)
    fail('VALIDATION', `${field} must be a positive integer`, { field, value })
  return value as number
}

function requireCardId(value: unknown): string {
  if (typeof value !== 'string' || !CARD_ID_PATTERN.test(value))
    fail('VALIDATION', 'Not a card number (4 to 40 capital letters, digits and dashes)', { field: 'cardId' })
  return value as string
}

/** Fixed amounts paid by other methods before the last one (e.g. 20.00 by card, the rest cash). */
function tenderParts(raw: unknown): TenderPart[] {
  if (raw === undefined) return []
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > 10)
    fail('VALIDATION', 'payment.parts lists 1 to 10 tenders', { field: 'payment.parts' })
  return (raw as TenderPart[]).map((p) => {
    if (!paymentMethods.includes(p?.method))
      fail('VALIDATION', 'payment.parts.method must be cash, card or other', {
        field: 'payment.parts.method',
      })
    return { method: p.method, amountMinor: requireQty(p.amountMinor, 'payment.parts.amountMinor') }
  })
}

function cardPayments(raw: unknown): CardPayment[] {
  if (raw === undefined) return []
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > 10)
    fail('VALIDATION', 'payment.cards lists 1 to 10 cards', { field: 'payment.cards' })
  return (raw as CardPayment[]).map((c) => ({
    cardId: requireCardId(c?.cardId),
    amountMinor: requireQty(c.amountMinor, 'payment.cards.amountMinor'),
  }))
}

function requireMoney(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    fail('VALIDATION', `${field} must be a non-negative integer (minor units)`, { field, value })
  return value as number
}

function requireIso(value: unknown, field: string): string {
  if (typeof value !== 'string' || !Number.isFinite(Date.parse(value)))
    fail('VALIDATION', `${field} must be an ISO date-time`, { field, value })
  return value as string
}

type Draft = { type: AllotEvent['type'] } & Record<string, unknown>

const ORDER_RANK: Record<OrderStatus, number> = {
  pending: 0,
  confirmed: 1,
  processing: 2,
  shipped: 3,
  delivered: 4,
  cancelled: 5,
}

/** Creates the ops of replica `replicaId` over `doc` and its incremental `fold`. */
export function createReplicaOps(doc: Y.Doc, fold: DocFold, options: ReplicaOpsOptions): ReplicaOps {
  const me = requireText(options.replicaId, 'replicaId')
  const origin = options.origin ?? CORE_ORIGIN
  // Own events are folded without waiting for deps: every decrement must always count here.
  fold.setSelf(me)
  // Deps already declared in the own log; later events declare only what is new (a delta).
  const declared = new Map<string, number>()
  for (const raw of getLog(doc, me).toArray()) {
    const deps = raw && typeof raw === 'object' ? (raw as { deps?: unknown }).deps : undefined
    if (deps && typeof deps === 'object')
      for (const [r, n] of Object.entries(deps))
        if (typeof n === 'number' && n > (declared.get(r) ?? 0)) declared.set(r, n)
  }

  /** Transfers received since the last declaration (all of them for a checkpoint). */
  function depsFor(all: boolean): Record<string, number> | undefined {
    const deps: Record<string, number> = {}
    let any = false
    for (const [r, n] of fold.inboundDeps(me)) {
      if (r === me || (!all && n <= (declared.get(r) ?? 0))) continue
      deps[r] = n
      any = true
    }
    return any ? deps : undefined
  }

  function readOnlyReason(): string | undefined {
    const version = options.schemaVersion ? options.schemaVersion() : undefined
    const newer = options.schemaVersion
      ? version !== undefined && version > SCHEMA_VERSION
      : fold.readOnlySchema || isSchemaNewer(doc)
    if (newer) return 'The document was written by a newer version of Allot: update the app'
    if (fold.logInfo(me).retiredTo !== undefined || readReplica(doc, me)?.status === 'retired')
      return 'This replica is retired'
    return undefined
  }

  function assertWritable(): void {
    const reason = readOnlyReason()
    if (reason) fail('READ_ONLY', reason)
  }

  function product(productId: unknown): Product {
    const id = requireText(productId, 'productId')
    if (isBalanceKey(id)) fail('NOT_FOUND', `Unknown product ${id}`, { productId: id })
    return readProduct(doc, id) ?? fail('NOT_FOUND', `Unknown product ${id}`, { productId: id })
  }

  /** A counter that rights move on: a product of the catalog, or a card balance. */
  function counter(key: string): void {
    if (isBalanceKey(key)) requireCardId(cardIdOf(key))
    else product(key)
  }

  function shortLine(productId: string, requested: number): ShortLine {
    return {
      productId,
      requested,
      rightsHere: fold.rights(productId, me),
      chainValue: fold.value(productId),
      holders: fold.holders(productId, me),
    }
  }

  function needRights(wanted: Map<string, number>): void {
    const short: ShortLine[] = []
    for (const [productId, qty] of wanted)
      if (fold.rights(productId, me) < qty) short.push(shortLine(productId, qty))
    if (short.length > 0) {
      const names = short
        .map((s) => `${s.productId} (wanted ${s.requested}, have ${s.rightsHere})`)
        .join(', ')
      fail('OUT_OF_STOCK', `Not enough stock rights here: ${names}`, { lines: short })
    }
  }

  /** A replica that may receive rights or requests: known, not me, not leaving. */
  function peer(replicaId: unknown, field: string): string {
    const id = requireText(replicaId, field)
    if (id === me) fail('CONFLICT', `${field} cannot be this replica`, { [field]: id })
    const info = readReplica(doc, id)
    if (!info) fail('NOT_FOUND', `Unknown replica ${id}`, { [field]: id })
    if (info?.status !== 'active' || fold.logInfo(id).retiredTo !== undefined)
      fail('CONFLICT', `Replica ${id} is ${info?.status === 'active' ? 'retired' : info?.status}`, {
        [field]: id,
        status: info?.status,
      })
    return id
  }

  /** Validates and appends drafts as consecutive seqs in one transaction; returns the events. */
  function append(by: string, drafts: Draft[], extra?: () => void): AllotEvent[] {
    const at = requireIso(options.now(), 'now()')
    const lastSeqBefore = fold.logInfo(me).lastSeq
    let seq = lastSeqBefore
    let prev = fold.lastId(me)
    const events: AllotEvent[] = []
    for (const [i, d] of drafts.entries()) {
      const raw: Record<string, unknown> = {
        ...d,
        seq: ++seq,
        id: (d.id as string | undefined) ?? options.newId(),
        at,
        by,
      }
      if (prev !== undefined) raw.prev = prev
      prev = raw.id as string
      const deps = i === 0 || d.type === 'checkpoint' ? depsFor(d.type === 'checkpoint') : undefined
      if (deps) raw.deps = deps
      const parsed = parseEvent(raw)
      if (!parsed.ok) fail('VALIDATION', `Invalid ${d.type}: ${parsed.error}`, { error: parsed.error })
      else events.push(parsed.event)
    }
    doc.transact(() => {
      appendToLog(getLog(doc, me), events, lastSeqBefore)
      extra?.()
    }, origin)
    for (const e of events)
      for (const [r, n] of Object.entries(e.deps ?? {})) if (n > (declared.get(r) ?? 0)) declared.set(r, n)
    return events
  }

  function begin(input: Who): string {
    assertWritable()
    return requireText(input?.by, 'by')
  }

  function ownHold(holdId: unknown): { holdId: string; productId: string; qty: number; orderId?: string } {
    const id = requireText(holdId, 'holdId')
    const h = fold.hold(id) ?? fail('NOT_FOUND', `Unknown hold ${id}`, { holdId: id })
    if (h.replicaId !== me)
      fail('CONFLICT', `Hold ${id} belongs to replica ${h.replicaId}`, { holdId: id, replicaId: h.replicaId })
    if (!h.open) fail('CONFLICT', `Hold ${id} is already released or fulfilled`, { holdId: id })
    return h
  }

  function ownOrder(orderId: unknown): { orderId: string; status: OrderStatus } {
    const id = requireText(orderId, 'orderId')
    const o = fold.order(id) ?? fail('NOT_FOUND', `Unknown order ${id}`, { orderId: id })
    if (o.replicaId !== me)
      fail('CONFLICT', `Order ${id} belongs to replica ${o.replicaId}`, {
        orderId: id,
        replicaId: o.replicaId,
      })
    return o
  }

  function priced(lines: SellLineInput[], field: string): SaleLine[] {
    if (!Array.isArray(lines) || lines.length === 0)
      fail('VALIDATION', `${field} must not be empty`, { field })
    return lines.map((l) => {
      const p = product(l?.productId)
      if (l.label !== undefined) return labelled(l, p, field)
      const qty = requireQty(l.qty, `${field}.qty`)
      const unitPriceMinor =
        l.unitPriceMinor === undefined
          ? p.priceMinor
          : requireMoney(l.unitPriceMinor, `${field}.unitPriceMinor`)
      const line: SaleLine = { productId: l.productId, qty, unitPriceMinor, taxRate: p.taxRate }
      if (pricePerOf(p) !== 1) line.pricePer = pricePerOf(p)
      if (l.unitPriceMinor !== undefined && unitPriceMinor !== p.priceMinor)
        line.override = {
          listPriceMinor: p.priceMinor,
          reason: requireReason(l.overrideReason, `${field}.overrideReason`),
        }
      if (l.discount) line.discount = discountGiven(l.discount, lineBaseMinor(line), `${field}.discount`)
      return line
    })
  }

  /** A line sold from a scale's label: the label sets its quantity and price, never the caller. */
  function labelled(l: SellLineInput, p: Product, field: string): SaleLine {
    const q = labelledQty(p, requireText(l.label, `${field}.label`))
    if (typeof q === 'string') return fail('VALIDATION', q, { field: `${field}.label` })
    if (l.unitPriceMinor !== undefined)
      fail('VALIDATION', "A scale label's price cannot be overridden", { field: `${field}.unitPriceMinor` })
    const line: SaleLine = {
      productId: l.productId,
      qty: q.qty,
      unitPriceMinor: q.unitPriceMinor,
      taxRate: p.taxRate,
    }
    if (q.pricePer !== 1) line.pricePer = q.pricePer
    line.label = l.label
    if (l.discount) line.discount = discountGiven(l.discount, lineBaseMinor(line), `${field}.discount`)
    return line
  }

  function requireReason(reason: unknown, field: string): string {
    if (typeof reason === 'string' && reason.trim() !== '' && reason.length <= 200) return reason.trim()
    return fail('VALIDATION', 'A discount or a price override needs a reason', { field })
  }

  /** A typed discount as recorded: its amount on `baseMinor`, how it was typed, why. */
  function discountGiven(
    spec: DiscountSpec & { reason: string },
    baseMinor: number,
    field: string,
  ): Discount {
    const percent = 'percentBp' in spec
    const value = percent ? spec.percentBp : spec.amountMinor
    if (!Number.isSafeInteger(value) || value < 0 || (percent && value > 10_000))
      fail('VALIDATION', percent ? 'A percentage is 0 to 100 %' : 'A discount is a positive amount', {
        field,
      })
    if (!percent && value > baseMinor)
      fail('VALIDATION', 'The discount is more than the price', {
        field,
        amountMinor: value,
        priceMinor: baseMinor,
      })
    const d: Discount = {
      amountMinor: discountOf(spec, baseMinor),
      reason: requireReason(spec.reason, `${field}.reason`),
    }
    if (percent) d.percentBp = spec.percentBp
    return d
  }

  function poLines(lines: PoLine[]): PoLine[] {
    if (!Array.isArray(lines) || lines.length === 0)
      fail('VALIDATION', 'A purchase order needs at least one line', { field: 'lines' })
    return lines.map((l) => {
      product(l?.productId)
      return {
        productId: l.productId,
        qty: requireQty(l.qty, 'lines.qty'),
        unitCostMinor: requireMoney(l.unitCostMinor, 'lines.unitCostMinor'),
      }
    })
  }

  function sumByProduct(lines: ReadonlyArray<{ productId: string; qty: number }>): Map<string, number> {
    const m = new Map<string, number>()
    for (const l of lines) m.set(l.productId, (m.get(l.productId) ?? 0) + l.qty)
    return m
  }

  /** A sale's event and the rights it needs (products and card balances), checked by the caller. */
  function saleDraft(input: SellInput): { draft: Draft; wanted: Map<string, number> } {
    const lines = priced(input.lines, 'lines')
    const includeTax = input.pricesIncludeTax === true
    let basket: Discount | undefined
    if (input.basketDiscount) {
      // after the lines' own discounts, shared among them by what is left of each
      const left = lines.map((l) => lineBaseMinor(l) - (l.discount?.amountMinor ?? 0))
      basket = discountGiven(
        input.basketDiscount,
        left.reduce((s, x) => s + x, 0),
        'basketDiscount',
      )
      apportion(basket.amountMinor, left).forEach((share, i) => {
        if (share > 0) lines[i]!.basketShareMinor = share
      })
    }
    const totals = saleTotals(lines, includeTax)
    const method = input.payment?.method
    if (!paymentMethods.includes(method as PaymentMethod))
      fail('VALIDATION', 'payment.method must be cash, card or other', { field: 'payment.method' })
    const cards = cardPayments(input.payment.cards)
    const parts = tenderParts(input.payment.parts)
    const byCards = cards.reduce((n, c) => n + c.amountMinor, 0)
    const byParts = parts.reduce((n, p) => n + p.amountMinor, 0)
    if (byCards + byParts > totals.totalMinor)
      fail('VALIDATION', 'The card balances and other tenders pay more than the total', {
        paidMinor: byCards + byParts,
        totalMinor: totals.totalMinor,
      })
    // What is left to pay after the card balances and the fixed parts, by `method`.
    const rest = totals.totalMinor - byCards - byParts
    const tenderedMinor =
      input.payment.tenderedMinor === undefined
        ? rest
        : requireMoney(input.payment.tenderedMinor, 'payment.tenderedMinor')
    if (tenderedMinor < rest)
      fail('VALIDATION', 'Amount tendered is less than the total', {
        tenderedMinor,
        totalMinor: rest,
      })
    if (method !== 'cash' && tenderedMinor > rest)
      fail('VALIDATION', 'Only cash gives change', { tenderedMinor, totalMinor: rest })
    const wanted = sumByProduct(lines)
    for (const c of cards)
      wanted.set(balanceKey(c.cardId), (wanted.get(balanceKey(c.cardId)) ?? 0) + c.amountMinor)
    const draft: Draft = {
      type: 'sale',
      lines,
      totals,
      payment: {
        method,
        tenderedMinor,
        changeMinor: tenderedMinor - rest,
        ...(cards.length > 0 && { cards }),
        ...(parts.length > 0 && { parts }),
      },
    }
    if (input.customer !== undefined) draft.customer = input.customer
    if (input.idempotencyKey !== undefined) draft.idempotencyKey = input.idempotencyKey
    if (includeTax) draft.pricesIncludeTax = true
    if (basket) draft.basketDiscount = basket
    if (input.discountApprovedBy !== undefined) draft.discountApprovedBy = input.discountApprovedBy
    return { draft, wanted }
  }

  const ops: ReplicaOps = {
    replicaId: me,
    readOnlyReason,

    restock(input) {
      const by = begin(input)
      const p = requireText(input.productId, 'productId')
      product(p)
      const qty = requireQty(input.qty)
      return append(by, [
        { type: 'restock', productId: p, qty, ...(input.note !== undefined && { note: input.note }) },
      ])[0] as RestockEvent
    },

    adjust(input) {
      const by = begin(input)
      const p = requireText(input.productId, 'productId')
      product(p)
      const delta = input.delta
      if (typeof delta !== 'number' || !Number.isSafeInteger(delta) || delta === 0)
        fail('VALIDATION', 'delta must be a non-zero integer', { field: 'delta', value: delta })
      if (typeof input.reason !== 'string' || input.reason.trim() === '')
        fail('VALIDATION', 'An adjustment needs a reason code', { field: 'reason' })
      if (delta < 0) needRights(new Map([[p, -delta]]))
      return append(by, [
        {
          type: 'adjust',
          productId: p,
          delta,
          reason: input.reason,
          ...(input.note !== undefined && { note: input.note }),
        },
      ])[0] as AdjustEvent
    },

    sell(input) {
      const by = begin(input)
      const { draft, wanted } = saleDraft(input)
      const releases = [...new Set(input.releaseHolds ?? [])].flatMap((id): Draft[] => {
        const h = fold.hold(id)
        // an order's holds end with the order, never with a till's sale
        if (!h?.open || h.replicaId !== me || h.orderId !== undefined) return []
        wanted.set(h.productId, (wanted.get(h.productId) ?? 0) - h.qty)
        return [{ type: 'release', holdId: h.holdId, productId: h.productId, qty: h.qty, reason: 'sold' }]
      })
      needRights(new Map([...wanted].filter(([, n]) => n > 0)))
      const events = append(by, [...releases, draft])
      return events[events.length - 1] as SaleEvent
    },

    sellHold(input) {
      const by = begin(input)
      const h = ownHold(input.holdId)
      const { draft, wanted } = saleDraft({ ...input, lines: [{ productId: h.productId, qty: h.qty }] })
      // The held units are given back and sold in one append: rights here are unchanged for the
      // product (the hold had taken them), and the sale is a sale like any other.
      wanted.set(h.productId, (wanted.get(h.productId) ?? 0) - h.qty)
      needRights(new Map([...wanted].filter(([, n]) => n > 0)))
      const release: Draft = {
        type: 'release',
        holdId: h.holdId,
        productId: h.productId,
        qty: h.qty,
        reason: 'sold',
      }
      const [, sale] = append(by, [release, draft])
      return sale as SaleEvent
    },

    refund(input) {
      const by = begin(input)
      const saleId = requireText(input.saleId, 'saleId')
      if (typeof input.toStock !== 'boolean')
        fail('VALIDATION', 'toStock must be true or false', { field: 'toStock' })
      const seen = fold.sale(saleId)
      const archived = seen ? undefined : options.lookupSale?.(saleId)
      const saleLines =
        seen?.lines ?? archived?.lines ?? fail('NOT_FOUND', `Unknown sale ${saleId}`, { saleId })
      if (!Array.isArray(input.lines) || input.lines.length === 0)
        fail('VALIDATION', 'lines must not be empty', { field: 'lines' })
      const wanted = sumByProduct(
        input.lines.map((l) => ({
          productId: requireText(l?.productId, 'lines.productId'),
          qty: requireQty(l.qty, 'lines.qty'),
        })),
      )
      const sold = sumByProduct(saleLines)
      const includeTax = seen?.pricesIncludeTax ?? archived?.pricesIncludeTax ?? false
      const paid = new Map<string, number>()
      for (const l of saleLines)
        paid.set(l.productId, (paid.get(l.productId) ?? 0) + lineAmounts(l, includeTax).grossMinor)
      const lines: Array<{ productId: string; qty: number; amountMinor: number }> = []
      for (const [productId, qty] of wanted) {
        const refunded = Math.max(seen?.refunded.get(productId) ?? 0, archived?.refunded[productId] ?? 0)
        const soldQty = sold.get(productId) ?? 0
        if (qty > soldQty - refunded)
          fail(
            'CONFLICT',
            `Cannot refund ${qty} of ${productId}: sold ${soldQty}, already refunded ${refunded}`,
            { productId, sold: soldQty, refunded, requested: qty },
          )
        // what was paid for these units after discounts; all refunds of it add up to exactly that
        lines.push({
          productId,
          qty,
          amountMinor: refundShareMinor(paid.get(productId) ?? 0, soldQty, refunded, qty),
        })
      }
      const draft: Draft = {
        type: 'refund',
        saleId,
        lines,
        toStock: input.toStock,
        amountMinor: lines.reduce((n, l) => n + l.amountMinor, 0),
      }
      if (input.reason !== undefined) draft.reason = input.reason
      if (input.approvedBy !== undefined) draft.approvedBy = input.approvedBy
      if (input.toCard !== undefined) draft.toCard = requireCardId(input.toCard)
      else if (input.method !== undefined) {
        if (!paymentMethods.includes(input.method))
          fail('VALIDATION', 'method must be cash, card or other', { field: 'method' })
        draft.method = input.method
      }
      return append(by, [draft])[0] as RefundEvent
    },

    returnWithoutReceipt(input) {
      const by = begin(input)
      if (typeof input.toStock !== 'boolean')
        fail('VALIDATION', 'toStock must be true or false', { field: 'toStock' })
      if (!Array.isArray(input.lines) || input.lines.length === 0)
        fail('VALIDATION', 'lines must not be empty', { field: 'lines' })
      const lines = input.lines.map((l) => ({
        productId: l.productId,
        qty: requireQty(l.qty, 'lines.qty'),
        amountMinor: requireMoney(l.amountMinor, 'lines.amountMinor'),
        // no sale line to split its tax by: the rate it is sold at today, kept with the return
        taxRate: product(l?.productId).taxRate,
      }))
      const draft: Draft = {
        type: 'refund',
        lines,
        toStock: input.toStock,
        amountMinor: lines.reduce((n, l) => n + l.amountMinor, 0),
        reason: requireReason(input.reason, 'reason'),
        approvedBy: requireText(input.approvedBy, 'approvedBy'),
      }
      if (input.toCard !== undefined) draft.toCard = requireCardId(input.toCard)
      else {
        if (!paymentMethods.includes(input.method as PaymentMethod))
          fail('VALIDATION', 'method must be cash, card or other', { field: 'method' })
        draft.method = input.method
      }
      return append(by, [draft])[0] as RefundEvent
    },

    createPo(input) {
      const by = begin(input)
      const lines = poLines(input.lines)
      return append(by, [
        {
          type: 'po-create',
          supplierId: requireText(input.supplierId, 'supplierId'),
          lines,
          ...(input.note !== undefined && { note: input.note }),
        },
      ])[0] as PoCreateEvent
    },

    updatePoLines(input) {
      const by = begin(input)
      return append(by, [
        { type: 'po-lines', poId: requireText(input.poId, 'poId'), lines: poLines(input.lines) },
      ])[0] as PoLinesEvent
    },

    setPoState(input) {
      const by = begin(input)
      return append(by, [
        {
          type: 'po-state',
          poId: requireText(input.poId, 'poId'),
          state: input.state,
          ...(input.reason !== undefined && { reason: input.reason }),
        },
      ])[0] as PoStateEvent
    },

    receivePo(input) {
      const by = begin(input)
      const poId = requireText(input.poId, 'poId')
      if (!Array.isArray(input.lines) || input.lines.length === 0)
        fail('VALIDATION', 'A delivery needs at least one line', { field: 'lines' })
      const lines = input.lines.map((l) => {
        product(l?.productId)
        const qty = l.qty === 0 ? 0 : requireQty(l.qty, 'lines.qty')
        const damaged = l.damaged === 0 ? 0 : requireQty(l.damaged, 'lines.damaged')
        if (qty + damaged === 0)
          fail('VALIDATION', 'A delivery line receives at least one unit', { field: 'lines' })
        return {
          productId: l.productId,
          qty,
          damaged,
          unitCostMinor: requireMoney(l.unitCostMinor, 'lines.unitCostMinor'),
        }
      })
      const receipt: Draft = {
        type: 'po-receipt',
        poId,
        lines,
        ...(input.note !== undefined && { note: input.note }),
      }
      const restocks: Draft[] = lines
        .filter((l) => l.qty > 0)
        .map((l) => ({
          type: 'restock',
          productId: l.productId,
          qty: l.qty,
          costMinor: l.unitCostMinor,
          poId,
        }))
      return append(by, [receipt, ...restocks])[0] as PoReceiptEvent
    },

    startCount(input) {
      const by = begin(input)
      if (!Array.isArray(input.productIds) || input.productIds.length === 0)
        fail('VALIDATION', 'A count needs at least one product', { field: 'productIds' })
      for (const p of input.productIds) product(p)
      return append(by, [
        {
          type: 'count-start',
          name: input.name,
          productIds: [...new Set(input.productIds)],
          blind: input.blind,
        },
      ])[0] as CountStartEvent
    },

    countLine(input) {
      const by = begin(input)
      const p = requireText(input.productId, 'productId')
      product(p)
      const countedQty = requireMoney(input.countedQty, 'countedQty')
      // What this store holds by its own figures right now: its rights and its open holds.
      const expectedQty = Math.max(0, fold.rights(p, me) + fold.reserved(p, me))
      return append(by, [
        {
          type: 'count-line',
          countId: requireText(input.countId, 'countId'),
          productId: p,
          countedQty,
          expectedQty,
        },
      ])[0] as CountLineEvent
    },

    postCount(input) {
      const by = begin(input)
      const countId = requireText(input.countId, 'countId')
      const drafts: Draft[] = []
      const unposted: Array<{ productId: string; qty: number }> = []
      for (const line of input.lines) {
        const delta = line.countedQty - line.expectedQty
        if (delta === 0) continue
        // A shortfall consumes rights; never more than this store still holds (value ≥ 0).
        const applied = delta > 0 ? delta : -Math.min(-delta, Math.max(0, fold.rights(line.productId, me)))
        if (applied !== delta) unposted.push({ productId: line.productId, qty: applied - delta })
        if (applied !== 0)
          drafts.push({
            type: 'adjust',
            productId: line.productId,
            delta: applied,
            reason: 'count',
            note: `count ${countId}`,
          })
      }
      const post: Draft = {
        type: 'count-post',
        countId,
        ...(input.approvedBy !== undefined && { approvedBy: input.approvedBy }),
        ...(unposted.length > 0 && { unposted }),
      }
      const events = append(by, [...drafts, post])
      return { post: events.at(-1) as CountPostEvent, adjustments: events.slice(0, -1) as AdjustEvent[] }
    },

    issueCard(input) {
      const by = begin(input)
      const cardId = requireCardId(input.cardId)
      if (!balanceKinds.includes(input.kind))
        fail('VALIDATION', 'kind must be gift-card or store-credit', { field: 'kind' })
      const amountMinor = requireQty(input.amountMinor, 'amountMinor')
      const draft: Draft = { type: 'card-issue', cardId, kind: input.kind, amountMinor }
      if (input.payment) {
        if (!paymentMethods.includes(input.payment.method))
          fail('VALIDATION', 'payment.method must be cash, card or other', { field: 'payment.method' })
        const tenderedMinor =
          input.payment.tenderedMinor === undefined
            ? amountMinor
            : requireMoney(input.payment.tenderedMinor, 'payment.tenderedMinor')
        if (tenderedMinor < amountMinor)
          fail('VALIDATION', 'Amount tendered is less than the total', {
            tenderedMinor,
            totalMinor: amountMinor,
          })
        draft.payment = {
          method: input.payment.method,
          tenderedMinor,
          changeMinor: tenderedMinor - amountMinor,
        }
      }
      return append(by, [draft])[0] as CardIssueEvent
    },

    transfer(input) {
      const by = begin(input)
      const p = requireText(input.productId, 'productId')
      const to = peer(input.to, 'to')
      counter(p)
      const qty = requireQty(input.qty)
      const draft: Draft = { type: 'transfer', productId: p, to, qty }
      if (input.requestId !== undefined) {
        const requestId = requireText(input.requestId, 'requestId')
        if (!fold.request(requestId)) fail('NOT_FOUND', `Unknown request ${requestId}`, { requestId })
        draft.requestId = requestId
      }
      needRights(new Map([[p, qty]]))
      return append(by, [draft])[0] as TransferEvent
    },

    openShift(input) {
      const by = begin(input)
      const floatMinor = requireMoney(input.floatMinor, 'floatMinor')
      return append(by, [
        {
          type: 'shift-open',
          floatMinor,
          ...(input.denominations && { denominations: input.denominations }),
        },
      ])[0] as ShiftOpenEvent
    },

    moveCash(input) {
      const by = begin(input)
      const draft: Draft = {
        type: 'cash-move',
        shiftId: requireText(input.shiftId, 'shiftId'),
        kind: input.kind,
        amountMinor: input.kind === 'no-sale' ? 0 : requireMoney(input.amountMinor, 'amountMinor'),
        reason: input.reason,
        ...(input.note !== undefined && { note: input.note }),
      }
      return append(by, [draft])[0] as CashMoveEvent
    },

    closeShift(input) {
      const by = begin(input)
      const draft: Draft = {
        type: 'shift-close',
        shiftId: requireText(input.shiftId, 'shiftId'),
        countedMinor: requireMoney(input.countedMinor, 'countedMinor'),
        expectedMinor: input.expectedMinor,
        blind: input.blind,
        ...(input.denominations && { denominations: input.denominations }),
        ...(input.approvedBy !== undefined && { approvedBy: input.approvedBy }),
      }
      return append(by, [draft])[0] as ShiftCloseEvent
    },

    park(input) {
      const by = begin(input)
      const lines = input.lines.map((l) => ({
        productId: requireText(l?.productId, 'lines.productId'),
        qty: requireQty(l.qty, 'lines.qty'),
        ...(l.label !== undefined && { label: requireText(l.label, 'lines.label') }),
      }))
      return append(by, [
        { type: 'park', name: input.name, lines, ...(input.customer && { customer: input.customer }) },
      ])[0] as ParkEvent
    },

    unpark(input) {
      const by = begin(input)
      const draft: Draft = {
        type: 'unpark',
        parkId: requireText(input.parkId, 'parkId'),
        outcome: input.outcome,
      }
      return append(by, [draft])[0] as UnparkEvent
    },

    request(input) {
      const by = begin(input)
      const p = requireText(input.productId, 'productId')
      const donor = peer(input.donor, 'donor')
      counter(p)
      const qty = requireQty(input.qty)
      return append(by, [{ type: 'request', productId: p, donor, qty }])[0] as RequestEvent
    },

    cancelRequest(input) {
      const by = begin(input)
      const requestId = requireText(input.requestId, 'requestId')
      const r = fold.request(requestId)
      if (!r || r.replicaId !== me)
        fail('NOT_FOUND', `No request ${requestId} made by this replica`, { requestId })
      if (r?.state !== 'outstanding')
        fail('CONFLICT', `Request ${requestId} is already ${r?.state}`, { requestId, state: r?.state })
      return append(by, [{ type: 'request-cancel', requestId }])[0] as RequestCancelEvent
    },

    reserve(input) {
      const by = begin(input)
      const p = requireText(input.productId, 'productId')
      product(p)
      const qty = requireQty(input.qty)
      const expiresAt = requireIso(input.expiresAt, 'expiresAt')
      needRights(new Map([[p, qty]]))
      const draft: Draft = { type: 'reserve', productId: p, qty, expiresAt }
      if (input.orderId !== undefined) draft.orderId = input.orderId
      if (input.customer !== undefined) draft.customer = input.customer
      return append(by, [draft])[0] as ReserveEvent
    },

    reserveLines(input) {
      const by = begin(input)
      if (!Array.isArray(input.lines) || input.lines.length === 0)
        fail('VALIDATION', 'lines must not be empty', { field: 'lines' })
      const lines = input.lines.map((l) => ({
        productId: requireText(l?.productId, 'lines.productId'),
        qty: requireQty(l.qty, 'lines.qty'),
      }))
      for (const l of lines) product(l.productId)
      const expiresAt = requireIso(input.expiresAt, 'expiresAt')
      needRights(sumByProduct(lines))
      const holds: Draft[] = lines.map((l) => ({
        type: 'reserve',
        productId: l.productId,
        qty: l.qty,
        expiresAt,
        ...(input.customer !== undefined && { customer: input.customer }),
      }))
      return append(by, holds) as ReserveEvent[]
    },

    release(input) {
      const by = begin(input)
      const reason = input.reason ?? 'manual'
      if (!releaseReasons.includes(reason))
        fail('VALIDATION', 'Unknown release reason', { field: 'reason', value: reason })
      const h = ownHold(input.holdId)
      return append(by, [
        { type: 'release', holdId: h.holdId, productId: h.productId, qty: h.qty, reason },
      ])[0] as ReleaseEvent
    },

    fulfil(input) {
      const by = begin(input)
      const h = ownHold(input.holdId)
      const draft: Draft = { type: 'fulfil', holdId: h.holdId, productId: h.productId, qty: h.qty }
      if (input.saleId !== undefined) draft.saleId = requireText(input.saleId, 'saleId')
      return append(by, [draft])[0] as FulfilEvent
    },

    releaseExpired(input) {
      const by = begin(input)
      const now = Date.parse(requireIso(options.now(), 'now()'))
      const openOrders = new Set(fold.openOrders().map((o) => o.orderId))
      const drafts: Draft[] = fold
        .openHolds({ replicaId: me })
        .filter(
          (h) => Date.parse(h.expiresAt) <= now && !(h.orderId !== undefined && openOrders.has(h.orderId)),
        )
        .map((h) => ({
          type: 'release',
          holdId: h.holdId,
          productId: h.productId,
          qty: h.qty,
          reason: 'expired',
        }))
      return drafts.length === 0 ? [] : (append(by, drafts) as ReleaseEvent[])
    },

    orderCreate(input) {
      const by = begin(input)
      const lines = priced(input.lines, 'lines')
      const expiresAt = requireIso(input.holdExpiresAt, 'holdExpiresAt')
      needRights(sumByProduct(lines))
      const orderId = options.newId()
      const order: Draft = {
        type: 'order',
        id: orderId,
        orderId,
        status: 'pending',
        lines: lines.map(({ productId, qty, unitPriceMinor }) => ({ productId, qty, unitPriceMinor })),
      }
      if (input.customer !== undefined) order.customer = input.customer
      const holds: Draft[] = lines.map((l) => ({
        type: 'reserve',
        productId: l.productId,
        qty: l.qty,
        expiresAt,
        orderId,
        ...(input.customer !== undefined && { customer: input.customer }),
      }))
      const [first, ...rest] = append(by, [order, ...holds])
      return { order: first as OrderEvent, holds: rest as ReserveEvent[] }
    },

    orderAdvance(input) {
      const by = begin(input)
      const o = ownOrder(input.orderId)
      const status = input.status
      if (!orderStatuses.includes(status))
        fail('VALIDATION', 'Unknown order status', { field: 'status', value: status })
      if (status === 'cancelled')
        fail('VALIDATION', 'Use orderCancel to cancel an order', { field: 'status' })
      if (o.status === 'cancelled' || ORDER_RANK[status] <= ORDER_RANK[o.status])
        fail('CONFLICT', `Order ${o.orderId} cannot go from ${o.status} to ${status}`, {
          orderId: o.orderId,
          from: o.status,
          to: status,
        })
      const fulfils: Draft[] =
        ORDER_RANK[status] >= ORDER_RANK.shipped
          ? fold
              .openHolds({ replicaId: me })
              .filter((h) => h.orderId === o.orderId)
              .map((h) => ({ type: 'fulfil', holdId: h.holdId, productId: h.productId, qty: h.qty }))
          : []
      const [first, ...rest] = append(by, [{ type: 'order', orderId: o.orderId, status }, ...fulfils])
      return { order: first as OrderEvent, fulfils: rest as FulfilEvent[] }
    },

    orderCancel(input) {
      const by = begin(input)
      const o = ownOrder(input.orderId)
      if (ORDER_RANK[o.status] >= ORDER_RANK.shipped)
        fail('CONFLICT', `Order ${o.orderId} is ${o.status} and can no longer be cancelled`, {
          orderId: o.orderId,
          status: o.status,
        })
      const releases: Draft[] = fold
        .openHolds({ replicaId: me })
        .filter((h) => h.orderId === o.orderId)
        .map((h) => ({
          type: 'release',
          holdId: h.holdId,
          productId: h.productId,
          qty: h.qty,
          reason: 'order-cancelled',
        }))
      const [first, ...rest] = append(by, [
        { type: 'order', orderId: o.orderId, status: 'cancelled' },
        ...releases,
      ])
      return { order: first as OrderEvent, releases: rest as ReleaseEvent[] }
    },

    retire(input) {
      const by = begin(input)
      const successor = peer(input.successor, 'successor')
      const holds = fold.openHolds({ replicaId: me })
      const orders = fold.openOrders().filter((o) => o.replicaId === me)
      if (holds.length > 0 || orders.length > 0)
        fail('CONFLICT', 'Release open holds and finish or cancel open orders before retiring', {
          holdIds: holds.map((h) => h.holdId),
          orderIds: orders.map((o) => o.orderId),
        })
      const transfers: Draft[] = []
      for (const productId of fold.productIds()) {
        const rights = fold.rights(productId, me)
        if (rights > 0) transfers.push({ type: 'transfer', productId, to: successor, qty: rights })
      }
      const cancels: Draft[] = fold
        .outstandingRequests({ replicaId: me })
        .map((r) => ({ type: 'request-cancel', requestId: r.requestId }))
      const info = readReplica(doc, me)
      const events = append(by, [...transfers, ...cancels, { type: 'retire', successor }], () => {
        if (info) writeReplica(doc, me, { ...info, status: 'retired', successor })
      })
      return {
        transfers: events.slice(0, transfers.length) as TransferEvent[],
        cancels: events.slice(transfers.length, -1) as RequestCancelEvent[],
        retire: events[events.length - 1] as RetireEvent,
      }
    },

    checkpoint(input) {
      const by = begin(input)
      const retentionMs = input.retentionMs
      if (typeof retentionMs !== 'number' || !(retentionMs >= 0))
        fail('VALIDATION', 'retentionMs must be a non-negative number', { field: 'retentionMs' })
      const cutoff = Date.parse(requireIso(options.now(), 'now()')) - retentionMs
      const seq = fold.logInfo(me).lastSeq + 1
      let deleted = 0
      const [event] = append(
        by,
        [{ type: 'checkpoint', upTo: seq - 1, ...buildCheckpointBody(fold, me) }],
        () => {
          // Same transaction as the checkpoint: whoever receives the deletion receives its cover.
          const log = getLog(doc, me)
          const entries = log.toArray()
          deleted = prunablePrefix(entries, seq, cutoff)
          if (deleted > 0) log.delete(0, deleted)
          for (const i of supersededCheckpoints(entries.slice(deleted), seq)) log.delete(i, 1)
        },
      )
      return { event: event as CheckpointEvent, deleted }
    },

    grantRequests(input) {
      const by = begin(input)
      const replicas = listReplicas(doc)
      const isClosed = (id: string): boolean =>
        replicas.get(id)?.status !== 'active' ||
        fold.logInfo(id).retiredTo !== undefined ||
        input.isClosed?.(id) === true
      const grants = planGrants(fold, me, {
        floor: input.floor,
        policyOf: input.policyOf,
        lowWater: input.lowWater,
        isClosed,
      })
      if (grants.length === 0) return []
      for (const g of grants)
        if (fold.rights(g.productId, me) < g.qty)
          fail('OUT_OF_STOCK', 'Rights changed while planning', { productId: g.productId })
      return append(
        by,
        grants.map((g) => ({
          type: 'transfer',
          productId: g.productId,
          to: g.to,
          qty: g.qty,
          requestId: g.requestId,
        })),
      ) as TransferEvent[]
    },

    askForStock(input) {
      const by = begin(input)
      const { by: _by, ...policy } = input
      const intents = planRequests(fold, me, {
        ...policy,
        now: requireIso(options.now(), 'now()'),
        replicas: listReplicas(doc),
      })
      if (intents.length === 0) return []
      const drafts: Draft[] = intents.map((i) =>
        i.kind === 'request'
          ? { type: 'request', productId: i.productId, donor: i.donor, qty: i.qty }
          : { type: 'request-cancel', requestId: i.requestId },
      )
      return append(by, drafts) as Array<RequestEvent | RequestCancelEvent>
    },
  }
  return ops
}
