import { z } from 'zod'
import { stockPolicies } from '../../core/schema.ts'
import type { Access } from '../roles.ts'
import type * as V from '../views.ts'
import { barcode, empty, id, minor, page, text } from './fields.ts'

// The catalog: products shared by every store.

export const catalogInputs = {
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
    policy: z.enum(stockPolicies).default('pool'),
  }),
  'catalog.archive': z.strictObject({ id, archived: z.boolean().default(true) }),
  'catalog.importCsv': z.strictObject({ csv: z.string().max(50_000_000) }),
  'catalog.exportCsv': empty,
} as const

export interface CatalogOutputs {
  'catalog.search': { items: V.ProductWithStock[] }
  'catalog.list': { items: V.ProductWithStock[]; total: number }
  'catalog.get': V.ProductWithStock
  'catalog.upsert': V.ProductView
  'catalog.archive': V.ProductView
  'catalog.importCsv': V.ImportReport
  'catalog.exportCsv': { csv: string; count: number }
}

export const catalogAccess = {
  'catalog.search': 'cashier',
  'catalog.list': 'cashier',
  'catalog.get': 'cashier',
  'catalog.upsert': 'manager',
  'catalog.archive': 'manager',
  'catalog.importCsv': 'manager',
  'catalog.exportCsv': 'manager',
} as const satisfies Record<keyof typeof catalogInputs, Access>
