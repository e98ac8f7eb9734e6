import { z } from 'zod'
import type * as V from '../views.ts'
import { method, returns } from '../method.ts'
import { email, id, phone, text } from './fields.ts'

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
      email,
      phone,
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
