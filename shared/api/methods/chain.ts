import { z } from 'zod'
import type * as V from '../views.ts'
import { method, returns } from '../method.ts'
import { category, empty, page } from './fields.ts'

// The chain at a glance, for owners and managers: every store on one screen.

const matrixFilter = {
  /** Name, SKU or barcode words, as the catalog search reads them. */
  query: z.string().trim().max(200).optional(),
  category: category.optional(),
  /** Only these stores' columns (all stores when absent). */
  storeIds: z.array(z.string().min(1).max(200)).max(500).optional(),
}

export const chainMethods = {
  'chain.dashboard': method('manager', empty, returns<V.ChainDashboard>()),
  'chain.stockMatrix': method(
    'manager',
    z.strictObject({ ...matrixFilter, ...page }),
    returns<V.StockMatrix>(),
  ),
  'chain.stockMatrixCsv': method(
    'manager',
    z.strictObject(matrixFilter),
    returns<{ csv: string; rows: number; truncated: boolean }>(),
  ),
} as const
