import { z } from 'zod'
import type { Access } from '../roles.ts'
import type * as V from '../views.ts'
import { empty, id, isoDate } from './fields.ts'

// Reports over the ledger.

export const reportsInputs = {
  'reports.sales': z.strictObject({
    from: isoDate,
    to: isoDate,
    groupBy: z.enum(['day', 'store', 'product']),
    limit: z.int().min(1).max(1000).default(100),
  }),
  'reports.lowStock': empty,
  'reports.movements': z.strictObject({ productId: id, limit: z.int().min(1).max(1000).default(200) }),
} as const

export interface ReportsOutputs {
  'reports.sales': V.SalesReport
  'reports.lowStock': { rows: V.LowStockRow[] }
  'reports.movements': { rows: V.MovementRow[] }
}

export const reportsAccess = {
  'reports.sales': 'manager',
  'reports.lowStock': 'manager',
  'reports.movements': 'manager',
} as const satisfies Record<keyof typeof reportsInputs, Access>
