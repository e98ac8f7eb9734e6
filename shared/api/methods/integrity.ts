import type { Access } from '../roles.ts'
import type * as V from '../views.ts'
import { empty } from './fields.ts'

// Integrity alerts: what this store could not trust or fold.

export const integrityInputs = {
  'integrity.alerts': empty,
} as const

export interface IntegrityOutputs {
  'integrity.alerts': { alerts: V.IntegrityAlertView[] }
}

export const integrityAccess = {
  'integrity.alerts': 'cashier',
} as const satisfies Record<keyof typeof integrityInputs, Access>
