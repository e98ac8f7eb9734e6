import { z } from 'zod'
import type * as V from '../views.ts'
import { method, returns } from '../method.ts'
import { id, text } from './fields.ts'

// Suppliers, shared by every store like the catalog.

export const suppliersMethods = {
  'suppliers.list': method(
    'cashier',
    z.strictObject({ includeArchived: z.boolean().default(false) }),
    returns<{ items: V.SupplierView[] }>(),
  ),
  'suppliers.upsert': method(
    'manager',
    z.strictObject({
      id: id.optional(),
      name: text(200),
      contact: z.string().trim().max(200).default(''),
      email: z.union([z.literal(''), z.email('an e-mail address such as orders@example.com')]).default(''),
      phone: z
        .string()
        .trim()
        .max(30)
        .regex(/^$|^\+?[0-9][0-9 ()./-]{2,}$/, 'a phone number: digits, spaces, + ( ) - /')
        .default(''),
      leadTimeDays: z.int().min(0).max(365).default(7),
      note: z.string().trim().max(500).default(''),
    }),
    returns<V.SupplierView>(),
  ),
  'suppliers.archive': method(
    'manager',
    z.strictObject({ id, archived: z.boolean() }),
    returns<V.SupplierView>(),
  ),
} as const
