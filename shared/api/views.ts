import type { ShiftFigures } from '../core/shift-report.ts'
import type { PeriodFigures } from '../core/period-report.ts'
import type { OrderStatus } from '../core/events.ts'
import type { StockPolicy } from '../core/schema.ts'
import type { Role } from './roles.ts'
import type { PaperWidth } from './receipt/receipt-text.ts'

export type { PaperWidth }

// What StoreApi methods return. Money is always integer minor units of the organisation's currency;
// tax rates are basis points (1 % = 100). Timestamps are ISO 8601 strings (display only).

export interface SetupStatus {
  state: 'new' | 'ready'
  replicaId?: string
  /**
   * The organization's id inside the shared document (`meta.orgId`), the same at every store.
   * Not the relay's: the admin API, `/enroll` and the sync room use `relayOrgId`.
   */
  docOrgId?: string
  /** The organization's id on the relay this store is linked to (admin API, `/enroll`, `/sync/<id>`). */
  relayOrgId?: string
  /** @deprecated the document's org id; read `docOrgId` (kept for one release). */
  orgId?: string
  orgName?: string
  currency?: string
  storeId?: string
  storeName?: string
  linked: boolean
  salesLocked?: string
  readOnly?: string
}

export interface UserView {
  id: string
  username: string
  displayName: string
  role: Role
  storeIds: string[]
  disabled: boolean
  hasPin: boolean
}

/** A person on the lock screen: tapping the name and typing the PIN switches the cashier. */
export interface StaffTile {
  username: string
  displayName: string
  role: Role
}

export interface SessionView {
  user: UserView | null
  replicaId: string
  storeId: string
  storeName: string
  currency: string
  /** Shelf prices include tax: the till's cart totals follow the same rule as the sale. */
  pricesIncludeTax: boolean
}

export type { StockPolicy }

export interface ProductView {
  id: string
  sku: string
  name: string
  barcode: string
  priceMinor: number
  taxRateBp: number
  unit: string
  reorderPoint: number
  policy: StockPolicy
  archived: boolean
  /** '' when the product has none. */
  category: string
  /** Default supplier ('' for none), its number there, and the catalog cost (minor units). */
  supplierId: string
  supplierSku: string
  costMinor: number
  /** Sold by weight: quantities are grams and `priceMinor` is per kilogram. */
  byWeight: boolean
}

export interface CategoryView {
  name: string
  products: number
}

export interface ProductWithStock extends ProductView {
  /** Units this till may still sell (its escrow rights). */
  here: number
  /** The chain's quantity (sum of every replica's rights). */
  chain: number
}

export interface RightsHolder {
  replicaId: string
  storeId: string
  storeName: string
  rights: number
  status: 'active' | 'retiring' | 'retired' | 'unknown'
}

export interface RequestView {
  id: string
  productId: string
  from: string
  fromStoreName: string
  donor: string
  donorStoreName: string
  qty: number
  at: string
}

export interface StockView {
  productId: string
  value: number
  here: number
  reserved: number
  holders: RightsHolder[]
  requests: RequestView[]
}

export interface StockRow {
  product: ProductView
  value: number
  here: number
  reserved: number
  low: boolean
}

export interface EventRef {
  id: string
  replicaId: string
  seq: number
  type: string
  at: string
}

export interface SaleLineView {
  productId: string
  sku: string
  name: string
  qty: number
  unitPriceMinor: number
  taxRateBp: number
  /** What the line cost after its discounts, tax included. */
  totalMinor: number
  /** The catalog price when the cashier overrode it. */
  listPriceMinor?: number
  overrideReason?: string
  /** This line's own discount, in price terms. */
  discount?: DiscountView
  /** Its share of the basket discount. */
  basketShareMinor?: number
}

/** A discount given: its amount (in price terms), how it was typed, why. */
export interface DiscountView {
  amountMinor: number
  percentBp?: number
  reason: string
}

export interface SaleView {
  id: string
  replicaId: string
  storeName: string
  seq: number
  at: string
  by: string
  byName: string
  lines: SaleLineView[]
  subtotalMinor: number
  taxMinor: number
  totalMinor: number
  payment: {
    method: 'cash' | 'card' | 'other'
    tenderedMinor: number
    changeMinor: number
    cards?: Array<{ cardId: string; amountMinor: number }>
    parts?: Array<{ method: 'cash' | 'card' | 'other'; amountMinor: number }>
  }
  refundedQty: Record<string, number>
  /** The printed receipt number ("S01-T2-000123"). */
  receiptNo?: string
  /** Prices on this sale include tax. */
  pricesIncludeTax?: boolean
  basketDiscount?: DiscountView
  /** All discounts and price overrides together (price terms). */
  discountsMinor?: number
  /** The manager whose PIN allowed discounts beyond the cashier's limit. */
  discountApprovedByName?: string
}

export interface SaleSummary {
  id: string
  replicaId: string
  storeName: string
  at: string
  totalMinor: number
  items: number
  /** The printed receipt number ("S01-T2-000123"). */
  receiptNo: string
  /** The sale's time in its store's time zone ("2026-03-29 14:05"). */
  localTime: string
  cashierName: string
  /** Every tender the sale used, "cash" last when it paid the rest. */
  tenders: Array<'cash' | 'card' | 'other' | 'gift-card'>
  customerName?: string
  /** none, part (some units refunded) or all. */
  refunded: 'none' | 'part' | 'all'
}

export interface RefundView {
  id: string
  /** Absent for a return without a receipt. */
  saleId?: string
  at: string
  lines: { productId: string; qty: number; amountMinor: number }[]
  totalMinor: number
  toStock: boolean
  /** The card number the refund went to as store credit. */
  storeCreditCardId?: string
  /** The refund receipt's number ("S01-T2-000124"). */
  receiptNo?: string
}

export interface ReceiptView {
  /** Absent for the receipt of a return without a receipt. */
  saleId?: string
  /** Set when this is a refund's receipt. */
  refundId?: string
  receiptNo: string
  header: string
  /** The lines joined with line breaks. */
  text: string
  /** The receipt as lines for the paper width asked for (never wider). */
  lines: string[]
  paperWidth: PaperWidth
  /** Characters per line of `lines`. */
  columns: number
}

/** This till's receipt printer as a cashier's screen needs it (managers change it in settings). */
export interface ReceiptPrinterView {
  /** "host:port" of the network printer, or null: the OS print dialog only. */
  printer: string | null
  paperWidth: PaperWidth
  /** Characters per line on that paper. */
  columns: number
}

/** A receipt a network printer took. */
export interface PrintedReceiptView {
  receiptNo: string
  /** "host:port" of the printer. */
  printer: string
  paperWidth: PaperWidth
  /** ESC/POS bytes sent. */
  bytes: number
}

/** A cart's units held while it is paid for; they go back by themselves at `expiresAt`. */
export interface PaymentHoldView {
  holdIds: string[]
  expiresAt: string
}

export interface HoldView {
  id: string
  replicaId: string
  productId: string
  productName: string
  qty: number
  customer: string
  expiresAt: string
  orderId?: string
  state: 'open' | 'released' | 'fulfilled'
  /** What selling the held units costs now (current price, tax included). */
  totalMinor: number
}

export type { OrderStatus }

export interface OrderView {
  id: string
  replicaId: string
  customer: string
  status: OrderStatus
  lines: { productId: string; qty: number; holdId?: string }[]
  createdAt: string
  updatedAt: string
}

export interface ReportRow {
  key: string
  label: string
  qty: number
  count: number
  revenueMinor: number
}

export interface SalesReport {
  from: string
  to: string
  groupBy: 'day' | 'store' | 'product' | 'category'
  rows: ReportRow[]
  totalMinor: number
  count: number
}

export interface LowStockRow {
  product: ProductView
  value: number
  here: number
  reorderPoint: number
  suggestedOrder: number
}

export interface MovementRow {
  eventId: string
  replicaId: string
  storeName: string
  seq: number
  at: string
  type: string
  delta: number
  reason: string
  by: string
}

export interface SyncStatus {
  linked: boolean
  state: 'online' | 'connecting' | 'offline' | 'stopped' | 'standalone'
  pendingEvents: number
  /** The pending events by type (`sale`, `refund`, `transfer`…): what the till tells staff. */
  pendingByType: Record<string, number>
  oldestPendingAt?: string
  /** Last time the relay confirmed we have everything it has (ISO). */
  lastSyncAt?: string
  /** relay clock − our clock, estimated at connect. */
  clockSkewMs?: number
  /** Why the client stopped (a 44xx close code and reason), when it did so on its own. */
  stoppedReason?: string
  relayUrl?: string
}

export interface HealthView {
  ok: boolean
  replicaId?: string
  schemaVersion: number
  uptimeSeconds: number
  salesLocked?: string
  readOnly?: string
}

export interface BackupView {
  file: string
  bytes: number
  at: string
}

export interface IntegrityAlertView {
  kind: string
  replicaId?: string
  productId?: string
  message: string
  advice: string
}

export interface ImportReport {
  imported: number
  updated: number
  errors: { line: number; message: string }[]
}

/** Screens of the app an assistant answer can link to. */
export type AssistantScreen =
  'pos' | 'catalog' | 'stock' | 'reports' | 'status' | 'reservations' | 'purchasing'

export interface AssistantFigure {
  label: string
  /** The figure as shown (money already formatted from integer minor units). */
  value: string
  productId?: string
  qty?: number
  amountMinor?: number
}

export interface AssistantLink {
  label: string
  screen: AssistantScreen
  params?: Record<string, string>
}

export interface AssistantAnswer {
  answer: string
  /** Which question the rules recognised (e.g. 'low-stock', 'stock-level', 'unknown'). */
  intent: string
  figures: AssistantFigure[]
  links: AssistantLink[]
  /** 'llm' when the configured language model wrote the answer text, else 'rules'. */
  source: 'rules' | 'llm'
  /** Why the language model was not used although it is enabled (error, timeout). */
  note?: string
}

/** The assistant's language-model settings as shown to a manager: the key is never returned. */
export interface AssistantSettingsView {
  enabled: boolean
  baseUrl: string
  model: string
  hasKey: boolean
  timeoutMs: number
  /** Plain words on what leaves the machine. */
  notice: string
}

/** One till (replica) of the chain. */
export interface TillView {
  replicaId: string
  storeId: string
  storeName: string
  status: 'active' | 'retiring' | 'retired'
  successor?: string
  /** The last event number of its log that this till has seen. */
  lastSeq: number
  /** Events of its log still missing here (gaps). */
  missingEvents: number
  thisTill: boolean
}

export interface StoreListView {
  thisReplicaId: string
  thisStoreId: string
  stores: Array<{ storeId: string; name: string; code: string; address?: string; tills: TillView[] }>
}

/** A rights request with its state, seen from this till. */
export interface RequestRowView extends RequestView {
  productName: string
  /** incoming: addressed to this till; outgoing: made by this till; other: between two other tills. */
  direction: 'incoming' | 'outgoing' | 'other'
  state: 'outstanding' | 'answered' | 'cancelled'
  /** Units granted so far by transfers referencing this request. */
  grantedQty: number
  /** 'system' for the automatic rebalancer, else the user's name. */
  byName: string
}

/**
 * A shipment of a `local`-policy product: the sender's manual transfer of rights is the "sent"
 * record; the receiver confirms what arrived (damaged or lost units are written off there).
 */
export interface ShipmentView {
  transferId: string
  productId: string
  productName: string
  qty: number
  from: string
  fromStoreName: string
  to: string
  toStoreName: string
  sentAt: string
  sentByName: string
  direction: 'incoming' | 'outgoing'
  /** sent: not confirmed (yet) by the receiver as far as this till knows. */
  status: 'sent' | 'received' | 'damaged' | 'lost'
  receivedQty: number
  damagedQty: number
  lostQty: number
  receivedAt?: string
  note?: string
}

/** Settings of this store (till) and the organisation's meta a manager sees. */
/** One shift's X (open) or Z (closed) report, as the till shows and prints it. */
export interface ShiftReportView extends Omit<ShiftFigures, 'expectedCashMinor'> {
  replicaId: string
  storeName: string
  openedByName: string
  open: boolean
  /** Null while a blind close hides it from this cashier. */
  expectedCashMinor: number | null
  closedByName?: string
  approvedByName?: string
}

/** A gift card's or store credit's balance: where it is held, and what this till may spend. */
export interface CardView {
  cardId: string
  /** The chain's balance (Σ over every till). */
  balanceMinor: number
  /** What this till may take from it now; the rest must be requested from the holders. */
  hereMinor: number
  holders: RightsHolder[]
}

/** Something a till recorded under a name (a count, a parked cart): where, when and who. */
export interface NamedTillRecord {
  id: string
  name: string
  replicaId: string
  storeName: string
  at: string
  byName: string
}

/** One product of a stock count; expectations are null while a blind count hides them. */
export interface CountLineView {
  productId: string
  sku: string
  name: string
  /** Null until counted. */
  countedQty: number | null
  expectedQty: number | null
  /** counted − expected at the moment of counting (what posting adds or removes). */
  varianceQty: number | null
  /** The variance valued at the store's average cost (its receipts, else the chain's, else the catalog's). */
  varianceCostMinor: number | null
  countedAt: string | null
}

export interface CountSummaryView extends NamedTillRecord {
  blind: boolean
  products: number
  counted: number
  posted: boolean
}

export interface CountView extends CountSummaryView {
  lines: CountLineView[]
  postedAt?: string
  approvedByName?: string
  /** Shortfalls not posted because the store no longer held the rights (given away meanwhile). */
  unposted?: Array<{ productId: string; qty: number }>
}

/** A customer of the chain (shared by every store). */
export interface CustomerView {
  id: string
  name: string
  phone: string
  email: string
  note: string
  archived: boolean
}

/** A cart put aside on a till of this store; prices are today's, read again at recall. */
export interface ParkedCartView extends NamedTillRecord {
  customer?: string
  lines: Array<{ productId: string; name: string; qty: number; unitPriceMinor: number; label?: string }>
  /** Present once it left the parked list. */
  outcome?: 'recalled' | 'discarded'
}

/** The rules cashiers work under at this till. */
export interface TillRulesView {
  /** The most a cashier may take off a sale without a manager's PIN, in basis points of its list amount. */
  cashierDiscountLimitBp: number
  /** The same for managers (owners have no limit). */
  managerDiscountLimitBp: number
  /** Sales and refunds need an open shift on the till. */
  requireShift: boolean
  /** The cashier counts the drawer without seeing the expected figure. */
  blindClose: boolean
  /** An over/short beyond this (either way) needs a manager's PIN. */
  overShortLimitMinor: number
  /** A refund above this amount needs a manager's PIN (0: never). */
  refundApprovalAboveMinor: number
  /** A refund of a sale older than this many days needs a manager's PIN (0: never). */
  refundApprovalAfterDays: number
  /** A refund of another store's sale needs a manager's PIN. */
  otherStoreRefundNeedsApproval: boolean
  /** The till locks after this many idle minutes (0: never); the cart and shift stay. */
  idleLockMinutes: number
  /** The tender the payment dialog opens on, at every sale. */
  defaultTender: 'cash' | 'card'
}

export interface StoreSettingsView {
  orgName: string
  currency: string
  /** Shelf prices include tax (the whole chain). */
  pricesIncludeTax: boolean
  storeName: string
  /** Printed at the top of receipts instead of the default (org name, store name, address). */
  receiptHeader: string
  /** Units per product this till keeps for itself before it grants requests. */
  floor: number
  /** Minimum low-water mark: below it the till asks other tills for pool stock. */
  lowWaterMinimum: number
  /** The store's code and this till's number: the first parts of every receipt number. */
  storeCode: string
  tillNo: number | null
  /** The store's IANA time zone (UTC until a manager sets it). */
  timeZone: string
  /** The store's business details on receipts. */
  businessName: string
  addressLines: string[]
  taxId: string
  receiptFooter: string
  /** This till's network receipt printer (ESC/POS over TCP), or null: the OS print dialog. */
  printer: { host: string; port: number } | null
  paperWidth: PaperWidth
}

export interface RetireView {
  replicaId: string
  successor: string
  successorStoreName: string
  transfers: number
  units: number
  cancelledRequests: number
  at: string
}

export interface BackupListView {
  items: BackupView[]
  /** A restore scheduled for the next start of the app. */
  pendingRestore?: { file: string; scheduledAt: string }
}

export interface RestoreScheduleView {
  pendingRestore?: { file: string; scheduledAt: string }
  message: string
}

export interface DiagnosticsView {
  generatedAt: string
  fileName: string
  /** JSON text with status, settings, counts and recent activity; never tokens, hashes or keys. */
  text: string
}

/** Pushed to subscribers (WebSocket `{event, data}` frames, or IPC events). */
export interface PushedEvents {
  'stock.changed': { productIds: string[] }
  'sale.recorded': { saleId: string; replicaId: string }
  'sync.status': SyncStatus
  'catalog.importProgress': { processed: number; imported: number; updated: number; errors: number }
  'catalog.changed': Record<string, never>
}
export type PushedEventName = keyof PushedEvents

/** Sales of one period: number of sales and revenue (refunds subtracted). */
export interface PeriodSales {
  count: number
  revenueMinor: number
}

/** One store on the owner's dashboard, as far as this till has heard from it. */
export interface DashboardStore {
  storeId: string
  name: string
  code: string
  today: PeriodSales
  week: PeriodSales
  tills: number
  /** The newest event of any of its tills that has reached this till (its last sign of life here). */
  lastHeardAt?: string
  thisStore: boolean
}

/** The chain at a glance: what head office or an owner sees first. */
export interface ChainDashboard {
  /** Local calendar day and the first day of the 7 days that end with it. */
  today: string
  weekFrom: string
  /** Every store of the organization, those without sales included. */
  stores: DashboardStore[]
  totals: { today: PeriodSales; week: PeriodSales }
  /** Products at or below their reorder point in the chain. */
  lowStock: number
  integrityAlerts: number
  /** Purchase orders of the chain still to be received (draft, sent, partly received). */
  openPurchaseOrders: number
  /** This till's link to the relay: the other figures are as fresh as this. */
  sync: { state: SyncStatus['state']; lastSyncAt?: string; pendingEvents: number }
}

/** A product's row of the stock matrix: units per store column, the chain's value and reserved. */
export interface StockMatrixRow {
  product: ProductView
  /** Units each store may sell (its tills' rights), in the order of `stores`. */
  perStore: number[]
  total: number
  reserved: number
}

export interface StockMatrix {
  stores: Array<{ storeId: string; name: string; code: string }>
  rows: StockMatrixRow[]
  /** Products matching the filter (for paging). */
  total: number
}

/** A supplier of the chain (shared by every store). */
export interface SupplierView {
  id: string
  name: string
  contact: string
  email: string
  phone: string
  leadTimeDays: number
  note: string
  archived: boolean
}

export interface PurchaseOrderLineView {
  productId: string
  sku: string
  name: string
  qty: number
  unitCostMinor: number
  received: number
  damaged: number
}

export interface PurchaseOrderView {
  id: string
  storeName: string
  supplierId: string
  supplierName: string
  state: 'draft' | 'sent' | 'partially-received' | 'received' | 'cancelled'
  createdAt: string
  createdByName: string
  sentAt?: string
  note?: string
  lines: PurchaseOrderLineView[]
  /** Σ ordered units × unit cost. */
  totalCostMinor: number
  receipts: number
  /** Some line received more than was ordered. */
  overDelivered: boolean
}

/** A suggested order line: below its reorder point, or running out before a delivery could come. */
export interface ReorderSuggestion {
  productId: string
  sku: string
  name: string
  supplierId: string
  /** Units this store may sell now, and already on order. */
  here: number
  onOrder: number
  reorderPoint: number
  /** Units sold per day here over the period asked. */
  dailySales: number
  leadTimeDays: number
  qty: number
  unitCostMinor: number
}

/** Margin of sales over a period: revenue without tax, less the average cost of the units sold. */
export interface MarginReport {
  from: string
  to: string
  groupBy: 'product' | 'store'
  rows: Array<{
    key: string
    label: string
    qty: number
    revenueMinor: number
    costMinor: number
    marginMinor: number
  }>
  revenueMinor: number
  costMinor: number
  marginMinor: number
}

/** What the stock is worth at average cost, per store and for the chain. */
export interface StockValueReport {
  stores: Array<{ storeId: string; name: string; units: number; valueMinor: number }>
  units: number
  valueMinor: number
}

/** A period's money per store (stores with no sales included) and for the whole chain. */
export interface MoneyReport {
  from: string
  to: string
  stores: Array<{ storeId: string; storeName: string; figures: PeriodFigures }>
  chain: PeriodFigures
}
