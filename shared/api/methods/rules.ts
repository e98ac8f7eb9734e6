import { z } from 'zod'
import type * as V from '../views.ts'
import { method, returns } from '../method.ts'
import { empty, minor } from './fields.ts'

// What cashiers may do alone at this till.

export const rulesMethods = {
  'rules.get': method('cashier', empty, returns<V.TillRulesView>()),
  'rules.update': method(
    'manager',
    z.strictObject({
      requireShift: z.boolean().optional(),
      blindClose: z.boolean().optional(),
      overShortLimitMinor: minor.optional(),
      refundApprovalAboveMinor: minor.optional(),
      refundApprovalAfterDays: z.int().min(0).max(3650).optional(),
      otherStoreRefundNeedsApproval: z.boolean().optional(),
      idleLockMinutes: z.int().min(0).max(240).optional(),
      defaultTender: z.enum(['cash', 'card']).optional(),
      cashierDiscountLimitBp: z.int().min(0).max(10_000).optional(),
      managerDiscountLimitBp: z.int().min(0).max(10_000).optional(),
    }),
    returns<V.TillRulesView>(),
  ),
} as const
