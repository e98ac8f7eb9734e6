import { z } from 'zod'
import { stockPolicies } from '../../core/schema.ts'
import type * as V from '../views.ts'
import { method, returns } from '../method.ts'
import { barcode, category, empty, id, minor, page, text } from './fields.ts'

// The catalog: products shared by every store.

export const catalogMethods = {
  'catalog.search': method(
    'cashier',
    z.strictObject({
      query: z.string().max(200),
      limit: z.int().min(1).max(200).default(20),
      includeArchived: z.boolean().default(false),
      category: category.optional(),
    }),
    returns<{ items: V.ProductWithStock[] }>(),
  ),
  'catalog.list': method(
    'cashier',
    z.strictObject({ ...page, includeArchived: z.boolean().default(false), category: category.optional() }),
    returns<{ items: V.ProductWithStock[]; total: number }>(),
  ),
  'catalog.get': method(
    'cashier',
    z.union([
      z.strictObject({ id }),
      z.strictObject({ sku: text(64) }),
      z.strictObject({ barcode: text(64) }),
    ]),
    returns<V.ProductWithStock>(),
  ),
  'catalog.upsert': method(
    'manager',
    z.strictObject({
      id: id.optional(),
      sku: text(64),
      name: text(200),
      barcode: barcode.default(''),
      priceMinor: minor,
      taxRateBp: z.int().min(0).max(10_000).default(0),
      unit: text(20).default('pcs'),
      reorderPoint: z.int().min(0).max(1_000_000).default(0),
      policy: z.enum(stockPolicies).default('pool'),
      /** Kept as it is when absent. */
      category: category.optional(),
      /** The default supplier ('' for none), its number there and the cost until received (kept when absent). */
      supplierId: z.string().max(200).optional(),
      supplierSku: z.string().trim().max(64).optional(),
      costMinor: minor.optional(),
      /** Sold by weight: stock and sales in grams, `priceMinor` per kilogram (kept when absent). */
      byWeight: z.boolean().optional(),
    }),
    returns<V.ProductView>(),
  ),
  'catalog.archive': method(
    'manager',
    z.strictObject({ id, archived: z.boolean().default(true) }),
    returns<V.ProductView>(),
  ),
  'catalog.importCsv': method(
    'manager',
    z.strictObject({ csv: z.string().max(50_000_000) }),
    returns<V.ImportReport>(),
  ),
  'catalog.exportCsv': method('manager', empty, returns<{ csv: string; count: number }>()),
  /** The categories in use, with how many active products each has. */
  'catalog.categories': method('cashier', empty, returns<{ categories: V.CategoryView[] }>()),
} as const
