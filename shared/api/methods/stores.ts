import type { Access } from '../roles.ts'
import type * as V from '../views.ts'
import { empty } from './fields.ts'

// The stores of the chain.

export const storesInputs = {
  'stores.list': empty,
} as const

export interface StoresOutputs {
  'stores.list': V.StoreListView
}

export const storesAccess = {
  'stores.list': 'cashier',
} as const satisfies Record<keyof typeof storesInputs, Access>
