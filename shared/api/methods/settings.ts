import { z } from 'zod'
import type * as V from '../views.ts'
import { method, returns } from '../method.ts'
import { currencyCode, empty, text } from './fields.ts'

// This till's settings and the organization's name and currency.

export const settingsMethods = {
  'settings.get': method('manager', empty, returns<V.StoreSettingsView>()),
  'settings.update': method(
    'manager',
    z.strictObject({
      orgName: text(100).optional(),
      currency: currencyCode.optional(),
      receiptHeader: z.string().trim().max(500).optional(),
      floor: z.int().min(0).max(1_000_000).optional(),
      lowWaterMinimum: z.int().min(0).max(1_000_000).optional(),
    }),
    returns<V.StoreSettingsView>(),
  ),
} as const
