import type * as V from '../views.ts'
import { method, returns } from '../method.ts'
import { empty } from './fields.ts'

// Integrity alerts: what this store could not trust or fold.

export const integrityMethods = {
  'integrity.alerts': method('cashier', empty, returns<{ alerts: V.IntegrityAlertView[] }>()),
} as const
