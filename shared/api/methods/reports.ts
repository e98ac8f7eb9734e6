import { z } from 'zod'
import type * as V from '../views.ts'
import { method, returns } from '../method.ts'
import { empty, id, isoDate } from './fields.ts'

// Reports over the ledger.

export const reportsMethods = {
  'reports.sales': method(
    'manager',
    z.strictObject({
      from: isoDate,
      to: isoDate,
      groupBy: z.enum(['day', 'store', 'product', 'category']),
      limit: z.int().min(1).max(1000).default(100),
      /** Only the products of this category ('' for those without one). */
      category: z.string().trim().max(100).optional(),
    }),
    returns<V.SalesReport>(),
  ),
  'reports.lowStock': method('manager', empty, returns<{ rows: V.LowStockRow[] }>()),
  /** Revenue without tax less the average cost of the units sold, by product or store. */
  'reports.margin': method(
    'manager',
    z.strictObject({
      from: isoDate,
      to: isoDate,
      groupBy: z.enum(['product', 'store']),
      limit: z.int().min(1).max(1000).default(100),
    }),
    returns<V.MarginReport>(),
  ),
  'reports.stockValue': method('manager', empty, returns<V.StockValueReport>()),
  /** The money of a period per store and for the chain: VAT by rate, tenders, refunds, discounts. */
  'reports.money': method(
    'manager',
    z.strictObject({ from: isoDate, to: isoDate }),
    returns<V.MoneyReport>(),
  ),
  'reports.movements': method(
    'manager',
    z.strictObject({ productId: id, limit: z.int().min(1).max(1000).default(200) }),
    returns<{ rows: V.MovementRow[] }>(),
  ),
} as const
