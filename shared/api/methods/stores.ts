import type * as V from '../views.ts'
import { method, returns } from '../method.ts'
import { empty } from './fields.ts'

// The stores of the chain.

export const storesMethods = {
  'stores.list': method('cashier', empty, returns<V.StoreListView>()),
} as const
