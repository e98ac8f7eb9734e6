import type { z } from 'zod'
import { setupAccess, setupInputs, type SetupOutputs } from './methods/setup.ts'
import { sessionAccess, sessionInputs, type SessionOutputs } from './methods/session.ts'
import { catalogAccess, catalogInputs, type CatalogOutputs } from './methods/catalog.ts'
import { stockAccess, stockInputs, type StockOutputs } from './methods/stock.ts'
import { salesAccess, salesInputs, type SalesOutputs } from './methods/sales.ts'
import { reservationsAccess, reservationsInputs, type ReservationsOutputs } from './methods/reservations.ts'
import { ordersAccess, ordersInputs, type OrdersOutputs } from './methods/orders.ts'
import { reportsAccess, reportsInputs, type ReportsOutputs } from './methods/reports.ts'
import { usersAccess, usersInputs, type UsersOutputs } from './methods/users.ts'
import { syncAccess, syncInputs, type SyncOutputs } from './methods/sync.ts'
import { systemAccess, systemInputs, type SystemOutputs } from './methods/system.ts'
import { integrityAccess, integrityInputs, type IntegrityOutputs } from './methods/integrity.ts'
import { storesAccess, storesInputs, type StoresOutputs } from './methods/stores.ts'
import { requestsAccess, requestsInputs, type RequestsOutputs } from './methods/requests.ts'
import { shipmentsAccess, shipmentsInputs, type ShipmentsOutputs } from './methods/shipments.ts'
import { settingsAccess, settingsInputs, type SettingsOutputs } from './methods/settings.ts'
import { devicesAccess, devicesInputs, type DevicesOutputs } from './methods/devices.ts'
import { assistantAccess, assistantInputs, type AssistantOutputs } from './methods/assistant.ts'
import { shiftsAccess, shiftsInputs, type ShiftsOutputs } from './methods/shifts.ts'
import { customersAccess, customersInputs, type CustomersOutputs } from './methods/customers.ts'
import { cardsAccess, cardsInputs, type CardsOutputs } from './methods/cards.ts'
import { countsAccess, countsInputs, type CountsOutputs } from './methods/counts.ts'
import { parkedAccess, parkedInputs, type ParkedOutputs } from './methods/parked.ts'
import { rulesAccess, rulesInputs, type RulesOutputs } from './methods/rules.ts'
import { receiptsAccess, receiptsInputs, type ReceiptsOutputs } from './methods/receipts.ts'
import type { Access } from './roles.ts'

/**
 * The StoreApi contract: one entry per method, named `domain.action`. Each namespace's file in
 * methods/ holds its methods' input schemas, output types and required roles; this file puts them
 * together. Both transports (Electron IPC and the headless WebSocket) and both sides (StoreNode
 * handlers, renderer client) derive from it. A new namespace: one file in methods/, one line in
 * each of the three lists below.
 */
/** Every method's output type: the namespaces' Outputs together. */
export interface Outputs
  extends
    SetupOutputs,
    SessionOutputs,
    CatalogOutputs,
    StockOutputs,
    SalesOutputs,
    ReservationsOutputs,
    OrdersOutputs,
    ReportsOutputs,
    UsersOutputs,
    SyncOutputs,
    SystemOutputs,
    IntegrityOutputs,
    StoresOutputs,
    RequestsOutputs,
    ShipmentsOutputs,
    SettingsOutputs,
    DevicesOutputs,
    AssistantOutputs,
    ShiftsOutputs,
    CustomersOutputs,
    CardsOutputs,
    CountsOutputs,
    ParkedOutputs,
    RulesOutputs,
    ReceiptsOutputs {}

/** Every method's input schema: one file per namespace in methods/, aggregated here. */
export const inputs = {
  ...setupInputs,
  ...sessionInputs,
  ...catalogInputs,
  ...stockInputs,
  ...salesInputs,
  ...reservationsInputs,
  ...ordersInputs,
  ...reportsInputs,
  ...usersInputs,
  ...syncInputs,
  ...systemInputs,
  ...integrityInputs,
  ...storesInputs,
  ...requestsInputs,
  ...shipmentsInputs,
  ...settingsInputs,
  ...devicesInputs,
  ...assistantInputs,
  ...shiftsInputs,
  ...customersInputs,
  ...cardsInputs,
  ...countsInputs,
  ...parkedInputs,
  ...rulesInputs,
  ...receiptsInputs,
} as const

export type MethodName = keyof typeof inputs & keyof Outputs
export type InputOf<K extends MethodName> = z.input<(typeof inputs)[K]>
export type ParsedInputOf<K extends MethodName> = z.output<(typeof inputs)[K]>
export type OutputOf<K extends MethodName> = Outputs[K]

/** Who may call each method. Enforced by the StoreNode, never only by the UI. */
export const access = {
  ...setupAccess,
  ...sessionAccess,
  ...catalogAccess,
  ...stockAccess,
  ...salesAccess,
  ...reservationsAccess,
  ...ordersAccess,
  ...reportsAccess,
  ...usersAccess,
  ...syncAccess,
  ...systemAccess,
  ...integrityAccess,
  ...storesAccess,
  ...requestsAccess,
  ...shipmentsAccess,
  ...settingsAccess,
  ...devicesAccess,
  ...assistantAccess,
  ...shiftsAccess,
  ...customersAccess,
  ...cardsAccess,
  ...countsAccess,
  ...parkedAccess,
  ...rulesAccess,
  ...receiptsAccess,
} as const satisfies Record<MethodName, Access>

export const methodNames = Object.keys(access) as MethodName[]

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.hasOwn(access, value)
}

/** The API as a client sees it: one async function per method. */
export type StoreApi = { [K in MethodName]: (input: InputOf<K>) => Promise<OutputOf<K>> }

/** IPC channel of a method: `domain:action`, defined once here. */
export function channelOf(method: MethodName): string {
  return `api:${method.replace('.', ':')}`
}
export const eventsChannel = 'api:events'
