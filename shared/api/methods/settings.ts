import { z } from 'zod'
import type { Access } from '../roles.ts'
import type * as V from '../views.ts'
import { currencyCode, empty, text } from './fields.ts'

// This till's settings and the organization's name and currency.

export const settingsInputs = {
  'settings.get': empty,
  'settings.update': z.strictObject({
    orgName: text(100).optional(),
    currency: currencyCode.optional(),
    receiptHeader: z.string().trim().max(500).optional(),
    floor: z.int().min(0).max(1_000_000).optional(),
    lowWaterMinimum: z.int().min(0).max(1_000_000).optional(),
  }),
} as const

export interface SettingsOutputs {
  'settings.get': V.StoreSettingsView
  'settings.update': V.StoreSettingsView
}

export const settingsAccess = {
  'settings.get': 'manager',
  'settings.update': 'manager',
} as const satisfies Record<keyof typeof settingsInputs, Access>
