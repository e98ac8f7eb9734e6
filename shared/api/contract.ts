import type { z } from 'zod'
import { inputs } from './inputs.ts'
import type { Access } from './roles.ts'
import type * as V from './views.ts'

/**
 * The StoreApi contract: one entry per method, named `domain.action`. The input schema lives in
 * inputs.ts, the output type here, the required role below. Both transports (Electron IPC and the
 * headless WebSocket) and both sides (StoreNode handlers, renderer client) derive from this file.
 */
export interface Outputs {
  'setup.status': V.SetupStatus
  'setup.createOrganization': V.SetupStatus
  'setup.joinOrganization': V.SetupStatus
  'session.login': V.SessionView
  'session.logout': { ok: true }
  'session.current': V.SessionView
  'catalog.search': { items: V.ProductWithStock[] }
  'catalog.list': { items: V.ProductWithStock[]; total: number }
  'catalog.get': V.ProductWithStock
  'catalog.upsert': V.ProductView
  'catalog.archive': V.ProductView
  'catalog.importCsv': V.ImportReport
  'catalog.exportCsv': { csv: string; count: number }
  'stock.get': V.StockView
  'stock.list': { items: V.StockRow[]; total: number }
  'stock.restock': V.EventRef
  'stock.adjust': V.EventRef
  'stock.transfer': V.EventRef
  'stock.request': V.EventRef
  'stock.cancelRequest': V.EventRef
  'sales.checkout': V.SaleView
  'sales.refund': V.RefundView
  'sales.list': { items: V.SaleSummary[]; total: number }
  'sales.get': V.SaleView
  'sales.receipt': V.ReceiptView
  'reservations.create': V.HoldView
  'reservations.release': V.HoldView
  'reservations.fulfil': V.SaleView
  'reservations.list': { items: V.HoldView[] }
  'orders.create': V.OrderView
  'orders.advance': V.OrderView
  'orders.cancel': V.OrderView
  'orders.list': { items: V.OrderView[] }
  'reports.sales': V.SalesReport
  'reports.lowStock': { rows: V.LowStockRow[] }
  'reports.movements': { rows: V.MovementRow[] }
  'users.list': { items: V.UserView[] }
  'users.create': V.UserView
  'users.update': V.UserView
  'users.disable': V.UserView
  'sync.status': V.SyncStatus
  'sync.link': V.SyncStatus
  'sync.relink': V.SyncStatus
  'system.health': V.HealthView
  'system.backup': V.BackupView
  'integrity.alerts': { alerts: V.IntegrityAlertView[] }
  'stores.list': V.StoreListView
  'requests.list': { items: V.RequestRowView[] }
  'shipments.list': { items: V.ShipmentView[] }
  'shipments.receive': V.ShipmentView
  'stock.setPolicy': V.ProductView
  'settings.get': V.StoreSettingsView
  'settings.update': V.StoreSettingsView
  'devices.retire': V.RetireView
  'system.backups': V.BackupListView
  'system.restore': V.RestoreScheduleView
  'system.diagnostics': V.DiagnosticsView
  'assistant.ask': V.AssistantAnswer
  'assistant.settings.get': V.AssistantSettingsView
  'assistant.settings.update': V.AssistantSettingsView
  // ── shifts ──
  'shifts.current': { shift: V.ShiftReportView | null }
  'shifts.open': V.ShiftReportView
  'shifts.moveCash': V.EventRef
  'shifts.report': V.ShiftReportView
  'shifts.close': V.ShiftReportView
  'shifts.list': { items: V.ShiftReportView[] }
  // ── customers ──
  'customers.search': { items: V.CustomerView[] }
  'customers.list': { items: V.CustomerView[]; total: number }
  'customers.get': V.CustomerView
  'customers.upsert': V.CustomerView
  'customers.archive': V.CustomerView
  'customers.purchases': { items: V.SaleSummary[]; total: number }
  // ── cards ──
  'cards.sell': V.CardView
  'cards.balance': V.CardView
  'cards.request': V.EventRef
  // ── counts ──
  'counts.start': V.CountView
  'counts.record': V.CountLineView
  'counts.get': V.CountView
  'counts.post': V.CountView
  'counts.list': { items: V.CountSummaryView[] }
  // ── parked ──
  'parked.park': V.ParkedCartView
  'parked.list': { items: V.ParkedCartView[] }
  'parked.recall': V.ParkedCartView
  'parked.discard': V.ParkedCartView
  // ── rules ──
  'rules.get': V.TillRulesView
  'rules.update': V.TillRulesView
}

export type MethodName = keyof typeof inputs & keyof Outputs
export type InputOf<K extends MethodName> = z.input<(typeof inputs)[K]>
export type ParsedInputOf<K extends MethodName> = z.output<(typeof inputs)[K]>
export type OutputOf<K extends MethodName> = Outputs[K]

/** Who may call each method. Enforced by the StoreNode, never only by the UI. */
export const access = {
  'setup.status': 'public',
  'setup.createOrganization': 'public',
  'setup.joinOrganization': 'public',
  'session.login': 'public',
  'session.logout': 'public',
  'session.current': 'public',
  'catalog.search': 'cashier',
  'catalog.list': 'cashier',
  'catalog.get': 'cashier',
  'catalog.upsert': 'manager',
  'catalog.archive': 'manager',
  'catalog.importCsv': 'manager',
  'catalog.exportCsv': 'manager',
  'stock.get': 'cashier',
  'stock.list': 'cashier',
  'stock.restock': 'manager',
  'stock.adjust': 'manager',
  'stock.transfer': 'manager',
  'stock.request': 'cashier',
  'stock.cancelRequest': 'manager',
  'sales.checkout': 'cashier',
  'sales.refund': 'cashier',
  'sales.list': 'cashier',
  'sales.get': 'cashier',
  'sales.receipt': 'cashier',
  'reservations.create': 'cashier',
  'reservations.release': 'cashier',
  'reservations.fulfil': 'cashier',
  'reservations.list': 'cashier',
  'orders.create': 'manager',
  'orders.advance': 'manager',
  'orders.cancel': 'manager',
  'orders.list': 'cashier',
  'reports.sales': 'manager',
  'reports.lowStock': 'manager',
  'reports.movements': 'manager',
  'users.list': 'manager',
  'users.create': 'manager',
  'users.update': 'manager',
  'users.disable': 'manager',
  'sync.status': 'public',
  'sync.link': 'owner',
  'sync.relink': 'owner',
  'system.health': 'public',
  'system.backup': 'manager',
  'integrity.alerts': 'cashier',
  'stores.list': 'cashier',
  'requests.list': 'manager',
  'shipments.list': 'manager',
  'shipments.receive': 'manager',
  'stock.setPolicy': 'manager',
  'settings.get': 'manager',
  'settings.update': 'manager',
  'devices.retire': 'owner',
  'system.backups': 'manager',
  'system.restore': 'owner',
  'system.diagnostics': 'manager',
  'assistant.ask': 'cashier',
  'assistant.settings.get': 'manager',
  'assistant.settings.update': 'manager',
  // ── shifts ──
  'shifts.current': 'cashier',
  'shifts.open': 'cashier',
  'shifts.moveCash': 'cashier',
  'shifts.report': 'cashier',
  'shifts.close': 'cashier',
  'shifts.list': 'manager',
  // ── customers ──
  'customers.search': 'cashier',
  'customers.list': 'manager',
  'customers.get': 'cashier',
  'customers.upsert': 'cashier',
  'customers.archive': 'manager',
  'customers.purchases': 'cashier',
  // ── cards ──
  'cards.sell': 'cashier',
  'cards.balance': 'cashier',
  'cards.request': 'cashier',
  // ── counts ──
  'counts.start': 'cashier',
  'counts.record': 'cashier',
  'counts.get': 'cashier',
  'counts.post': 'cashier',
  'counts.list': 'cashier',
  // ── parked ──
  'parked.park': 'cashier',
  'parked.list': 'cashier',
  'parked.recall': 'cashier',
  'parked.discard': 'cashier',
  // ── rules ──
  'rules.get': 'cashier',
  'rules.update': 'manager',
} as const satisfies Record<MethodName, Access>

export const methodNames = Object.keys(access) as MethodName[]

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.hasOwn(access, value)
}

export { inputs }

/** The API as a client sees it: one async function per method. */
export type StoreApi = { [K in MethodName]: (input: InputOf<K>) => Promise<OutputOf<K>> }

/** IPC channel of a method: `domain:action`, defined once here. */
export function channelOf(method: MethodName): string {
  return `api:${method.replace('.', ':')}`
}
export const eventsChannel = 'api:events'
