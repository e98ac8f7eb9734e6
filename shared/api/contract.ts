import type { z } from 'zod'
import { setupMethods } from './methods/setup.ts'
import { sessionMethods } from './methods/session.ts'
import { catalogMethods } from './methods/catalog.ts'
import { stockMethods } from './methods/stock.ts'
import { salesMethods } from './methods/sales.ts'
import { reservationsMethods } from './methods/reservations.ts'
import { ordersMethods } from './methods/orders.ts'
import { reportsMethods } from './methods/reports.ts'
import { usersMethods } from './methods/users.ts'
import { syncMethods } from './methods/sync.ts'
import { systemMethods } from './methods/system.ts'
import { integrityMethods } from './methods/integrity.ts'
import { storesMethods } from './methods/stores.ts'
import { requestsMethods } from './methods/requests.ts'
import { shipmentsMethods } from './methods/shipments.ts'
import { settingsMethods } from './methods/settings.ts'
import { devicesMethods } from './methods/devices.ts'
import { assistantMethods } from './methods/assistant.ts'
import { shiftsMethods } from './methods/shifts.ts'
import { customersMethods } from './methods/customers.ts'
import { cardsMethods } from './methods/cards.ts'
import { countsMethods } from './methods/counts.ts'
import { parkedMethods } from './methods/parked.ts'
import { rulesMethods } from './methods/rules.ts'
import { chainMethods } from './methods/chain.ts'
import { receiptsMethods } from './methods/receipts.ts'
import { suppliersMethods } from './methods/suppliers.ts'
import { purchasingMethods } from './methods/purchasing.ts'
import type { MethodSpec } from './method.ts'
import type { Access } from './roles.ts'

/**
 * The StoreApi contract: one entry per method, named `domain.action`. Each namespace's file in
 * methods/ declares its methods, each in one place: required role, input schema, output type
 * (`method(access, input, returns<Output>())`); this file puts them together. Both transports
 * (Electron IPC and the headless WebSocket) and both sides (StoreNode handlers, renderer client)
 * derive from it. A new namespace: one file in methods/ and one line below.
 */
export const methods = {
  ...setupMethods,
  ...sessionMethods,
  ...catalogMethods,
  ...stockMethods,
  ...salesMethods,
  ...reservationsMethods,
  ...ordersMethods,
  ...reportsMethods,
  ...usersMethods,
  ...syncMethods,
  ...systemMethods,
  ...integrityMethods,
  ...storesMethods,
  ...requestsMethods,
  ...shipmentsMethods,
  ...settingsMethods,
  ...devicesMethods,
  ...assistantMethods,
  ...shiftsMethods,
  ...customersMethods,
  ...cardsMethods,
  ...countsMethods,
  ...parkedMethods,
  ...rulesMethods,
  ...chainMethods,
  ...receiptsMethods,
  ...suppliersMethods,
  ...purchasingMethods,
} as const

type Methods = typeof methods
export type MethodName = keyof Methods & string

/** Every method's input schema. */
export const inputs = mapMethods((m) => m.input) as { [K in MethodName]: Methods[K]['input'] }
/** Who may call each method. Enforced by the StoreNode, never only by the UI. */
export const access = mapMethods((m) => m.access) as { [K in MethodName]: Methods[K]['access'] }
/** Every method's output type. */
export type Outputs = {
  [K in MethodName]: Methods[K] extends MethodSpec<Access, z.ZodType, infer O> ? O : never
}

export type InputOf<K extends MethodName> = z.input<(typeof inputs)[K]>
export type ParsedInputOf<K extends MethodName> = z.output<(typeof inputs)[K]>
export type OutputOf<K extends MethodName> = Outputs[K]

function mapMethods<T>(f: (m: Methods[MethodName]) => T): Record<MethodName, T> {
  return Object.fromEntries(Object.entries(methods).map(([name, m]) => [name, f(m)])) as Record<MethodName, T>
}

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
