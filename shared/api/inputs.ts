import { z } from 'zod'
import { CARD_ID_PATTERN, normaliseCardId } from '../core/balances.ts'
import { barcodeProblem } from '../core/barcodes.ts'
import { cashMoveKinds, orderStatuses, paymentMethods } from '../core/events.ts'

// Input schemas of every StoreApi method. Strict objects: an unknown key is a VALIDATION error,
// so a typo never silently does something else.

const id = z.string().min(1).max(100)
/** A product barcode: GTINs (EAN-13, UPC-A, EAN-8) must carry the right check digit. */
export const barcode = z
  .string()
  .trim()
  .max(64)
  .superRefine((code, ctx) => {
    const problem = barcodeProblem(code)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })
const text = (max: number) => z.string().trim().min(1).max(max)
export const qty = z.int().positive().max(1_000_000)
const minor = z.int().min(0).max(1_000_000_000_000)
const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date())
const page = { offset: z.int().min(0).default(0), limit: z.int().min(1).max(1000).default(100) }
const empty = z.strictObject({})

export const idempotencyKey = z.string().min(8).max(100)
export const adjustReasons = ['count', 'damaged', 'lost', 'found', 'expired', 'correction', 'theft'] as const

const username = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[a-z0-9._-]+$/i, 'letters, digits, dot, dash and underscore only')
const password = z.string().min(8).max(200)
const pin = z.string().regex(/^\d{4,8}$/, 'four to eight digits')
const role = z.enum(['cashier', 'manager', 'owner'])
/** A card number as printed or scanned; spaces and case do not matter. */
export const cardId = z
  .string()
  .transform((s) => normaliseCardId(s))
  .pipe(z.string().regex(CARD_ID_PATTERN, 'a card number: 4 to 40 letters, digits and dashes'))
/** A manager's PIN typed on this till to approve what a cashier may not do alone. */
export const approval = z.strictObject({ username, pin })
/** Coins and notes counted: denomination in minor units → how many. */
const denominations = z
  .record(z.string().regex(/^[1-9]\d{0,8}$/, 'a coin or note value in cents'), z.int().min(0).max(100_000))
  .refine((d) => Object.keys(d).length <= 40, 'at most 40 coin and note values')

export const inputs = {
  'setup.status': empty,
  'setup.createOrganization': z.strictObject({
    orgName: text(100),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR'),
    storeName: text(100),
    storeCode: text(20),
    owner: z.strictObject({ username, displayName: text(100).optional(), password, pin: pin.optional() }),
  }),
  'setup.joinOrganization': z.strictObject({
    relayUrl: z.url({ protocol: /^(https?|wss?)$/ }),
    enrollmentCode: text(100),
    storeName: text(100).optional(),
    storeCode: text(20).optional(),
  }),

  'session.login': z.discriminatedUnion('method', [
    z.strictObject({ method: z.literal('password'), username, password: z.string().min(1).max(200) }),
    z.strictObject({ method: z.literal('pin'), username, pin }),
  ]),
  'session.logout': empty,
  'session.current': empty,

  'catalog.search': z.strictObject({
    query: z.string().max(200),
    limit: z.int().min(1).max(200).default(20),
    includeArchived: z.boolean().default(false),
  }),
  'catalog.list': z.strictObject({ ...page, includeArchived: z.boolean().default(false) }),
  'catalog.get': z.union([
    z.strictObject({ id }),
    z.strictObject({ sku: text(64) }),
    z.strictObject({ barcode: text(64) }),
  ]),
  'catalog.upsert': z.strictObject({
    id: id.optional(),
    sku: text(64),
    name: text(200),
    barcode: barcode.default(''),
    priceMinor: minor,
    taxRateBp: z.int().min(0).max(10_000).default(0),
    unit: text(20).default('pcs'),
    reorderPoint: z.int().min(0).max(1_000_000).default(0),
    policy: z.enum(['pool', 'local']).default('pool'),
  }),
  'catalog.archive': z.strictObject({ id, archived: z.boolean().default(true) }),
  'catalog.importCsv': z.strictObject({ csv: z.string().max(50_000_000) }),
  'catalog.exportCsv': empty,

  'stock.get': z.strictObject({ productId: id }),
  'stock.list': z.strictObject({
    ...page,
    query: z.string().max(200).default(''),
    lowOnly: z.boolean().default(false),
  }),
  'stock.restock': z.strictObject({ productId: id, qty, note: z.string().max(500).optional() }),
  'stock.adjust': z.strictObject({
    productId: id,
    delta: z
      .int()
      .min(-1_000_000)
      .max(1_000_000)
      .refine((n) => n !== 0, 'must not be zero'),
    reason: z.enum(adjustReasons),
    note: z.string().max(500).optional(),
  }),
  'stock.transfer': z.strictObject({
    productId: id,
    toReplicaId: id,
    qty,
    requestId: id.optional(),
    note: z.string().max(500).optional(),
  }),
  'stock.request': z.strictObject({ productId: id, qty, donorReplicaId: id.optional() }),
  'stock.cancelRequest': z.strictObject({ requestId: id }),

  'sales.checkout': z.strictObject({
    idempotencyKey,
    lines: z
      .array(z.strictObject({ productId: id, qty }))
      .min(1)
      .max(500),
    payment: z.strictObject({
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
    }),
    customer: z.string().max(200).optional(),
    /** A customer record to attach (its name goes on the receipt). */
    customerId: id.optional(),
  }),
  'sales.refund': z.strictObject({
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
  'sales.list': z.strictObject({
    ...page,
    from: isoDate.optional(),
    to: isoDate.optional(),
    replicaId: id.optional(),
  }),
  'sales.get': z.strictObject({ saleId: id }),
  'sales.receipt': z.strictObject({ saleId: id }),

  'reservations.create': z.strictObject({
    idempotencyKey,
    productId: id,
    qty,
    customer: text(200),
    ttlMinutes: z
      .int()
      .min(1)
      .max(60 * 24 * 60),
  }),
  'reservations.release': z.strictObject({ holdId: id }),
  'reservations.fulfil': z.strictObject({ idempotencyKey, holdId: id }),
  'reservations.list': z.strictObject({ state: z.enum(['open', 'all']).default('open') }),

  'orders.create': z.strictObject({
    idempotencyKey,
    customer: text(200),
    lines: z
      .array(z.strictObject({ productId: id, qty }))
      .min(1)
      .max(200),
    holdDays: z.int().min(1).max(60).default(7),
  }),
  'orders.advance': z.strictObject({
    orderId: id,
    status: z.enum(orderStatuses).exclude(['pending', 'cancelled']),
  }),
  'orders.cancel': z.strictObject({ orderId: id }),
  'orders.list': z.strictObject({ status: z.enum(orderStatuses).optional() }),

  'reports.sales': z.strictObject({
    from: isoDate,
    to: isoDate,
    groupBy: z.enum(['day', 'store', 'product']),
    limit: z.int().min(1).max(1000).default(100),
  }),
  'reports.lowStock': empty,
  'reports.movements': z.strictObject({ productId: id, limit: z.int().min(1).max(1000).default(200) }),

  'users.list': empty,
  'users.create': z.strictObject({
    username,
    displayName: text(100),
    role,
    password: password.optional(),
    pin: pin.optional(),
    storeIds: z.array(id).max(100).optional(),
  }),
  'users.update': z.strictObject({
    id,
    displayName: text(100).optional(),
    role: role.optional(),
    password: password.optional(),
    pin: pin.optional(),
    storeIds: z.array(id).max(100).optional(),
  }),
  'users.disable': z.strictObject({ id, disabled: z.boolean().default(true) }),

  'sync.status': empty,
  'sync.link': z.strictObject({
    relayUrl: z.url({ protocol: /^(https?|wss?)$/ }),
    enrollmentCode: text(100),
  }),
  /** Moves an already linked store to another relay (owner); the old link stays if enrollment fails. */
  'sync.relink': z.strictObject({
    relayUrl: z.url({ protocol: /^(https?|wss?)$/ }),
    enrollmentCode: text(100),
  }),
  'system.health': empty,
  'system.backup': empty,
  'integrity.alerts': empty,

  'stores.list': empty,
  'requests.list': z.strictObject({
    state: z.enum(['outstanding', 'all']).default('all'),
    limit: z.int().min(1).max(1000).default(200),
  }),
  'shipments.list': z.strictObject({ limit: z.int().min(1).max(1000).default(200) }),
  'shipments.receive': z.strictObject({
    transferId: id,
    damagedQty: z.int().min(0).max(1_000_000).default(0),
    lostQty: z.int().min(0).max(1_000_000).default(0),
    note: z.string().max(500).optional(),
  }),
  'stock.setPolicy': z.strictObject({ productId: id, policy: z.enum(['pool', 'local']) }),
  'settings.get': empty,
  'settings.update': z.strictObject({
    orgName: text(100).optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR')
      .optional(),
    receiptHeader: z.string().trim().max(500).optional(),
    floor: z.int().min(0).max(1_000_000).optional(),
    lowWaterMinimum: z.int().min(0).max(1_000_000).optional(),
  }),
  'devices.retire': z.strictObject({ successorReplicaId: id, confirm: z.literal(true) }),
  'system.backups': empty,
  'system.restore': z.union([
    z.strictObject({
      file: z.string().regex(/^allot-[A-Za-z0-9-]+\.db$/, 'a backup file name from system.backups'),
    }),
    z.strictObject({ cancel: z.literal(true) }),
  ]),
  'system.diagnostics': empty,

  'assistant.ask': z.strictObject({ question: text(500) }),
  'assistant.settings.get': empty,
  'assistant.settings.update': z.strictObject({
    enabled: z.boolean().optional(),
    /** An OpenAI-compatible API root, e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1. */
    baseUrl: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .optional(),
    model: text(200).optional(),
    /** Write-only. An empty string removes the stored key. */
    apiKey: z.string().trim().max(1000).optional(),
    timeoutMs: z.int().min(100).max(120_000).optional(),
  }),
  // ── shifts: the till's drawer from opening float to Z report ──
  'shifts.current': empty,
  'shifts.open': z.strictObject({
    idempotencyKey,
    floatMinor: minor.optional(),
    denominations: denominations.optional(),
  }),
  'shifts.moveCash': z.strictObject({
    idempotencyKey,
    kind: z.enum(cashMoveKinds),
    amountMinor: minor.default(0),
    reason: text(64),
    note: text(500).optional(),
  }),
  'shifts.report': z.strictObject({ shiftId: id.optional() }),
  'shifts.close': z.strictObject({
    idempotencyKey,
    countedMinor: minor.optional(),
    denominations: denominations.optional(),
    approval: approval.optional(),
  }),
  'shifts.list': z.strictObject({ scope: z.enum(['till', 'store', 'chain']).default('till'), ...page }),

  // ── customers: shared by every store, like the catalog ──
  'customers.search': z.strictObject({
    query: z.string().trim().max(100),
    limit: z.int().min(1).max(50).default(10),
  }),
  'customers.list': z.strictObject({ query: z.string().trim().max(100).default(''), ...page }),
  'customers.get': z.strictObject({ id }),
  'customers.upsert': z.strictObject({
    id: id.optional(),
    name: text(200),
    phone: z
      .string()
      .trim()
      .max(30)
      .regex(/^$|^\+?[0-9][0-9 ()./-]{2,}$/, 'a phone number: digits, spaces, + ( ) - /')
      .default(''),
    email: z.union([z.literal(''), z.email('an e-mail address such as ana@example.com')]).default(''),
    note: z.string().trim().max(500).default(''),
  }),
  'customers.archive': z.strictObject({ id, archived: z.boolean() }),
  'customers.purchases': z.strictObject({ customerId: id, ...page }),

  // ── cards: gift cards and store credit, balances held like stock ──
  'cards.sell': z.strictObject({
    idempotencyKey,
    cardId,
    amountMinor: minor.refine((n) => n > 0, 'more than zero'),
    payment: z.strictObject({ method: z.enum(paymentMethods), tenderedMinor: minor.optional() }),
  }),
  'cards.balance': z.strictObject({ cardId }),
  'cards.request': z.strictObject({ cardId, amountMinor: minor.refine((n) => n > 0, 'more than zero') }),

  // ── counts: stocktakes, posted as adjustments counted − expected at the moment of counting ──
  'counts.start': z.strictObject({
    idempotencyKey,
    name: text(100),
    scope: z.union([
      z.strictObject({ productIds: z.array(id).min(1).max(100_000) }),
      z.strictObject({ everything: z.literal(true) }),
      z.strictObject({ countedMoreThanDaysAgo: z.int().min(1).max(3650) }),
    ]),
    blind: z.boolean().default(false),
  }),
  'counts.record': z.strictObject({
    idempotencyKey,
    countId: id,
    productId: id,
    countedQty: z.int().min(0).max(1_000_000),
  }),
  'counts.get': z.strictObject({ countId: id }),
  'counts.post': z.strictObject({ idempotencyKey, countId: id, approval: approval.optional() }),
  'counts.list': empty,

  // ── parked: carts put aside and recalled on any till of the store ──
  'parked.park': z.strictObject({
    idempotencyKey,
    name: text(100),
    lines: z
      .array(z.strictObject({ productId: id, qty }))
      .min(1)
      .max(500),
    customer: text(200).optional(),
  }),
  'parked.list': empty,
  'parked.recall': z.strictObject({ idempotencyKey, parkId: id }),
  'parked.discard': z.strictObject({ idempotencyKey, parkId: id }),

  // ── rules: what cashiers may do alone at this till ──
  'rules.get': empty,
  'rules.update': z.strictObject({
    requireShift: z.boolean().optional(),
    blindClose: z.boolean().optional(),
    overShortLimitMinor: minor.optional(),
    refundApprovalAboveMinor: minor.optional(),
    refundApprovalAfterDays: z.int().min(0).max(3650).optional(),
    otherStoreRefundNeedsApproval: z.boolean().optional(),
    idleLockMinutes: z.int().min(0).max(240).optional(),
  }),
} as const
