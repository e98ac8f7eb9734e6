import type { Role } from './roles.ts'

// What StoreApi methods return. Money is always integer minor units of the organisation's currency;
// tax rates are basis points (1 % = 100). Timestamps are ISO 8601 strings (display only).

export interface SetupStatus {
  state: 'new' | 'ready'
  replicaId?: string
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

export interface SessionView {
  user: UserView | null
  replicaId: string
  storeId: string
  storeName: string
  currency: string
}

export type StockPolicy = 'pool' | 'local'

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
  totalMinor: number
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
  payment: { method: 'cash' | 'card' | 'other'; tenderedMinor: number; changeMinor: number }
  refundedQty: Record<string, number>
}

export interface SaleSummary {
  id: string
  replicaId: string
  storeName: string
  at: string
  totalMinor: number
  items: number
}

export interface RefundView {
  id: string
  saleId: string
  at: string
  lines: { productId: string; qty: number; amountMinor: number }[]
  totalMinor: number
  toStock: boolean
}

export interface ReceiptView {
  saleId: string
  header: string
  text: string
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
}

export type OrderStatus = 'pending' | 'confirmed' | 'processing' | 'shipped' | 'delivered' | 'cancelled'

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
  groupBy: 'day' | 'store' | 'product'
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
  oldestPendingAt?: string
  lastSyncAt?: string
  clockSkewMs?: number
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

/** Pushed to subscribers (WebSocket `{event, data}` frames, or IPC events). */
export interface PushedEvents {
  'stock.changed': { productIds: string[] }
  'sale.recorded': { saleId: string; replicaId: string }
  'sync.status': SyncStatus
  'catalog.importProgress': { processed: number; imported: number; updated: number; errors: number }
  'catalog.changed': Record<string, never>
}
export type PushedEventName = keyof PushedEvents
