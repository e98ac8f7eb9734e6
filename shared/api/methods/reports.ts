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
    }),
    returns<V.SalesReport>(),
  ),
  'reports.lowStock': method('manager', empty, returns<{ rows: V.LowStockRow[] }>()),
  'reports.movements': method(
    'manager',
    z.strictObject({ productId: id, limit: z.int().min(1).max(1000).default(200) }),
    returns<{ rows: V.MovementRow[] }>(),
  ),
} as const
