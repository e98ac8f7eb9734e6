import { z } from 'zod'
import type { Access } from '../roles.ts'
import type * as V from '../views.ts'
import { empty, minor } from './fields.ts'

// What cashiers may do alone at this till.

export const rulesInputs = {
  'rules.get': empty,
  'rules.update': z.strictObject({
    requireShift: z.boolean().optional(),
    blindClose: z.boolean().optional(),
    overShortLimitMinor: minor.optional(),
    refundApprovalAboveMinor: minor.optional(),
    refundApprovalAfterDays: z.int().min(0).max(3650).optional(),
    otherStoreRefundNeedsApproval: z.boolean().optional(),
    idleLockMinutes: z.int().min(0).max(240).optional(),
  }),
} as const

export interface RulesOutputs {
  'rules.get': V.TillRulesView
  'rules.update': V.TillRulesView
}

export const rulesAccess = {
  'rules.get': 'cashier',
  'rules.update': 'manager',
} as const satisfies Record<keyof typeof rulesInputs, Access>
